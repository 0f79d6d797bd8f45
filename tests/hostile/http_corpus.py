"""The hostile HTTP corpus: requests no page of the questionnaire sends, by category.

Each case is raw bytes sent to a real `triage serve` on loopback (see `http_run.py`),
with the statuses it may get. Form cases are built from the rule set (every question
id, every choice), so the corpus grows with it. `{cookie}`, `{csrf}` and `{host}`
are filled in with a live walk's values when the case is sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from triage.deciding.loaded import load

RULES = load(None).rules
FIRST = RULES.questions[0]
FORM = "application/x-www-form-urlencoded"
CLIENT_ERROR = frozenset(range(400, 500))


@dataclass(frozen=True)
class HttpCase:
    category: str
    name: str
    raw: bytes
    expect: frozenset[int]  # statuses that are right; 0: the connection closed unanswered


def request(
    method: str,
    path: str,
    body: bytes = b"",
    headers: tuple[tuple[str, str], ...] = (),
    kind: str | None = FORM,
    host: str = "{host}",
    length: int | None = None,
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Cookie: triage_walk={cookie}"]
    if kind:
        lines.append(f"Content-Type: {kind}")
    if body or method == "POST":
        lines.append(f"Content-Length: {len(body) if length is None else length}")
    lines += [f"{name}: {value}" for name, value in headers]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def form(*pairs: tuple[str, str], csrf: bool = True) -> bytes:
    fields = ([("csrf", "{csrf}")] if csrf else []) + list(pairs)
    return "&".join(f"{quote(k)}={quote(v, safe='{}')}" for k, v in fields).encode()


def case(category: str, name: str, raw: bytes, expect: frozenset[int] = CLIENT_ERROR) -> HttpCase:
    return HttpCase(category, name, raw, expect)


def forms() -> list[HttpCase]:
    """Tampered answers to the first question: the server must refuse each with a 4xx."""
    step = "/step/1"
    found = [
        case("forms", "no fields", request("POST", step, b"")),
        case("forms", "no answer field", request("POST", step, form(("question", FIRST.id)))),
        case(
            "forms",
            "forged page token",
            request(
                "POST",
                step,
                form(("question", FIRST.id), ("answer", "-"), csrf=False) + b"&csrf=forged",
            ),
        ),
        case(
            "forms",
            "no page token",
            request("POST", step, form(("question", FIRST.id), ("answer", "-"), csrf=False)),
        ),
        case(
            "forms",
            "unknown question",
            request("POST", step, form(("question", "no_such"), ("answer", "-"))),
        ),
        case(
            "forms",
            "empty question",
            request("POST", step, form(("question", ""), ("answer", "-"))),
        ),
        case(
            "forms",
            "a step never reached",
            request("POST", "/step/9", form(("question", FIRST.id), ("answer", "-"))),
        ),
        case(
            "forms",
            "step zero",
            request("POST", "/step/0", form(("question", FIRST.id), ("answer", "-"))),
        ),
        case(
            "forms",
            "a huge step",
            request(
                "POST", "/step/99999999999999999999", form(("question", FIRST.id), ("answer", "-"))
            ),
        ),
        case(
            "forms",
            "none with a choice",
            request(
                "POST",
                step,
                form(
                    ("question", FIRST.id),
                    ("answer", "-"),
                    ("answer", getattr(FIRST, "choices", [None])[0].key),
                ),
            ),
        ),
    ]
    for question in RULES.questions[1:]:  # each later question answered first: a skip
        found.append(
            case(
                "forms",
                f"skips to {question.id}",
                request("POST", step, form(("question", question.id), ("answer", "yes"))),
            )
        )
    for name in ("csrf", "question"):
        raw = form(("question", FIRST.id), ("answer", "-")) + f"&{name}=x".encode()
        found.append(case("forms", f"field {name} twice", request("POST", step, raw)))
    found.append(
        case(
            "forms",
            "the same box twice",
            request("POST", step, form(("question", FIRST.id), ("answer", "-"), ("answer", "-"))),
        )
    )
    for value in (
        "no_such_choice",
        "1",
        "0",
        "none",
        "yes",
        "NONE",
        "-1",
        "a" * 5000,
        "\u0130",
        "\x00",
        "\u202e",
        "%",
        "'; DROP TABLE walks; --",
        "<script>alert(1)</script>",
    ):
        found.append(
            case(
                "forms",
                f"answer {value[:20]!r}",
                request("POST", step, form(("question", FIRST.id), ("answer", value))),
            )
        )
    for choice in getattr(FIRST, "choices", []):
        found.append(
            case(
                "forms",
                f"{choice.key} in capitals",
                request("POST", step, form(("question", FIRST.id), ("answer", choice.key.upper()))),
            )
        )
    return found


def bodies() -> list[HttpCase]:
    """Bodies no form sends: encodings, sizes, counts, types."""
    step = "/step/1"
    found = []
    for name, raw in {
        "invalid UTF-8 %FF": b"csrf={csrf}&question=%FF",
        "overlong UTF-8 %C0%AF": b"csrf={csrf}&question=%C0%AF",
        "lone surrogate %ED%A0%80": b"csrf={csrf}&answer=%ED%A0%80",
        "truncated UTF-8 %E2%82": b"csrf={csrf}&answer=%E2%82",
        "raw latin-1 byte": b"csrf={csrf}&answer=\xe9",
        "raw NUL byte": b"csrf={csrf}&answer=\x00",
        "bare word": b"garbage",
        "only ampersands": b"&&&&",
        "bad percent %zz": b"csrf={csrf}&answer=%zz",
        "semicolon separators": b"csrf={csrf};question=x;answer=-",
    }.items():
        found.append(case("bodies", name, request("POST", step, raw)))
    for count in (65, 200, 5000):
        raw = b"&".join(b"f%d=1" % i for i in range(count))
        found.append(case("bodies", f"{count} fields", request("POST", step, raw)))
    for size in (16 * 1024 + 1, 100_000, 1_000_000):
        found.append(case("bodies", f"{size} bytes", request("POST", step, b"a=" + b"x" * size)))
    found.append(
        case(
            "bodies",
            "a length of 10 GB declared",
            request("POST", step, b"a=1", length=10_000_000_000),
        )
    )
    found.append(case("bodies", "a negative length", request("POST", step, b"a=1", length=-1)))
    found.append(
        case(
            "bodies",
            "a body cut short",
            request("POST", step, b"a=1", length=50),
            CLIENT_ERROR | {0},
        )
    )
    for kind in (
        "application/json",
        "multipart/form-data; boundary=x",
        "text/plain",
        "text/html",
        "application/x-www-form-urlencoded-evil",
        None,
    ):
        found.append(
            case(
                "bodies",
                f"content type {kind}",
                request("POST", step, b'{"answer": "-"}', kind=kind),
            )
        )
    found.append(
        case(
            "bodies",
            "chunked with a bad size",
            (
                b"POST /step/1 HTTP/1.1\r\nHost: {host}\r\nContent-Type: "
                + FORM.encode()
                + b"\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + b"ZZ\r\nabc\r\n0\r\n\r\n"
            ),
            CLIENT_ERROR | {0},
        )
    )
    found.append(
        case(
            "bodies",
            "chunked, 20 kB",
            (
                b"POST /step/1 HTTP/1.1\r\nHost: {host}\r\n"
                + b"Cookie: triage_walk={cookie}\r\nContent-Type: "
                + FORM.encode()
                + b"\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + b"".join(b"400\r\n" + b"x" * 1024 + b"\r\n" for _ in range(20))
                + b"0\r\n\r\n"
            ),
        )
    )
    return found


def paths() -> list[HttpCase]:
    found = []
    for path in (
        "/step/abc",
        "/step/-1",
        "/step/1.5",
        "/../../etc/passwd",
        "/static/../app.py",
        "/static/triage.css/..",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%00",
        "/result/",
        "//result",
        "/step/1/../../healthz/x",
        "/" + "a" * 8000,
        "/%FF%FE",
        "/step/%F0%9F%92%A9",
        "/index.php",
        "/.env",
        "/.git/config",
        "/admin",
        "/step",
    ):
        found.append(case("paths", f"GET {path[:40]}", request("GET", path, kind=None)))
    return found


def methods() -> list[HttpCase]:
    found = []
    for path in ("/", "/start", "/step/1", "/result", "/restart", "/healthz"):
        for method in ("PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND", "FOO"):
            found.append(case("methods", f"{method} {path}", request(method, path, kind=None)))
    found.append(case("methods", "GET /start", request("GET", "/start", kind=None)))
    found.append(case("methods", "GET /restart", request("GET", "/restart", kind=None)))
    return found


def headers() -> list[HttpCase]:
    """Hosts that are not ours are refused; junk in other headers changes nothing."""
    ok = frozenset({200})
    found = [
        case("headers", "another host", request("GET", "/", kind=None, host="evil.example")),
        case("headers", "an empty host", request("GET", "/", kind=None, host="")),
        case("headers", "a host with a path", request("GET", "/", kind=None, host="127.0.0.1/x")),
        case(
            "headers", "a non-ASCII host", request("GET", "/", kind=None, host="\u00e9vil.example")
        ),
        case(
            "headers",
            "two hosts",
            request("GET", "/", kind=None, headers=(("Host", "evil.example"),)),
        ),
        case("headers", "no host", b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n"),
        case(
            "headers",
            "a 100 kB header",
            request("GET", "/", kind=None, headers=(("X-Big", "a" * 100_000),)),
            CLIENT_ERROR | {0},
        ),
        case(
            "headers",
            "2,000 headers",
            request("GET", "/", kind=None, headers=tuple((f"X-{i}", "1") for i in range(2000))),
            CLIENT_ERROR | {0},
        ),
    ]
    for value in (
        "fr;q=abc",
        "*",
        "x" * 2000,
        ";;;,,,",
        "fr;q=2, en;q=-1",
        "\u00e9",
        "fr-" * 300,
        "q=0.5",
    ):
        found.append(
            case(
                "headers",
                f"Accept-Language {value[:20]!r}",
                request("GET", "/", kind=None, headers=(("Accept-Language", value),)),
                ok,
            )
        )
    for cookie in ("", "x" * 4000, "a;b;c", "\u00e9", "{cookie}{cookie}"):
        raw = request("GET", "/result", kind=None).replace(
            b"triage_walk={cookie}", f"triage_walk={cookie}".encode()
        )
        found.append(case("headers", f"cookie {cookie[:20]!r}", raw, frozenset({410})))
    found.append(
        case(
            "headers",
            "forwarded from an untrusted proxy",
            request(
                "GET",
                "/",
                kind=None,
                headers=(("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "1.2.3.4")),
            ),
            ok,
        )
    )
    return found


def protocol() -> list[HttpCase]:
    """Not HTTP, or broken HTTP: a 400 from the server, or the connection closed."""
    either = CLIENT_ERROR | {0}
    raw = {
        "binary noise": bytes(range(256)) * 4,
        "a TLS hello": bytes.fromhex("16030100a5010000a10303") + b"\x00" * 100,
        "HTTP/0.9": b"GET /\r\n\r\n",
        "HTTP/2 preface": b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        "a bad request line": b"GET\r\n\r\n",
        "a header without a colon": b"GET / HTTP/1.1\r\nHost {host}\r\n\r\n",
        "a space before a colon": b"GET / HTTP/1.1\r\nHost : {host}\r\n\r\n",
        "a request line of 100 kB": b"GET /"
        + b"a" * 100_000
        + b" HTTP/1.1\r\nHost: {host}\r\n\r\n",
        "NUL in a header": b"GET / HTTP/1.1\r\nHost: {host}\r\nX: a\x00b\r\n\r\n",
        "two lengths": b"POST /step/1 HTTP/1.1\r\nHost: {host}\r\n"
        b"Content-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "length and chunked": b"POST /step/1 HTTP/1.1\r\nHost: {host}\r\n"
        b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "an empty request": b"",
        "only line ends": b"\r\n" * 1000,
    }
    tolerated = {  # read as the HTTP/1.1 they almost are (h11 is lenient here): the page
        "an unknown version": b"GET / HTTP/9.9\r\nHost: {host}\r\n\r\n",
        "LF only": b"GET / HTTP/1.1\nHost: {host}\n\n",
    }
    return [case("protocol", name, data, either) for name, data in raw.items()] + [
        case("protocol", name, data, frozenset({200})) for name, data in tolerated.items()
    ]


def sends() -> list[HttpCase]:
    """Forged "Send to the clinic" posts: a token, an origin or a field that no page of
    ours sends. Each must be refused with a 4xx and store nothing (the runner checks the
    server's history stays empty)."""
    origin = ("Origin", "http://{host}")
    contact = (("name", "Ana"), ("reach", "+33 6 12 34 56 78"), ("consent", "yes"))
    walk_token = form(*contact)  # the walk's page token, which is not the send form's
    no_token = form(*contact, csrf=False)
    forged = no_token + b"&csrf=1700000000." + b"0" * 64
    cases = {
        "no token": (no_token, (origin,)),
        "the question page's token": (walk_token, (origin,)),
        "a forged token": (forged, (origin,)),
        "a token of the wrong shape": (no_token + b"&csrf=" + b"9" * 40, (origin,)),
        "two tokens": (forged + b"&csrf=2." + b"1" * 64, (origin,)),
        "no Origin": (forged, ()),
        "Origin null": (forged, (("Origin", "null"),)),
        "a foreign Origin": (forged, (("Origin", "https://evil.example"),)),
        "two Origins": (forged, (origin, ("Origin", "https://evil.example"))),
        "Origin with a path": (forged, (("Origin", "http://{host}/send"),)),
        "Origin not ASCII": (forged, (("Origin", "http://h\xe9st"),)),
        "an unknown field": (forged + b"&admin=1", (origin,)),
        "a name of 10 000 characters": (
            form(("name", "A" * 10_000), *contact[1:]),
            (origin,),
        ),
        "a control character in the name": (form(("name", "A\x00B"), *contact[1:]), (origin,)),
        "consent not yes": (form(*contact[:2], ("consent", "on")), (origin,)),
        "invalid UTF-8 in the name": (no_token + b"&name=%ff%fe", (origin,)),
    }
    found = [
        case("sends", name, request("POST", "/send", body, headers))
        for name, (body, headers) in cases.items()
    ]
    found.append(case("sends", "the kiosk's reset off a kiosk", request("GET", "/kiosk/reset")))
    found.append(case("sends", "PUT", request("PUT", "/send", forged, (origin,))))
    return found


def all_cases() -> list[HttpCase]:
    return [*forms(), *bodies(), *paths(), *methods(), *headers(), *protocol(), *sends()]

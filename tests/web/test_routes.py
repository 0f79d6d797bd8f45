"""The web pages through Starlette's test client: every scenario walks to its outcome,
answers stay private, errors keep answers, and every bad request gets a clear 4xx page.

Expectations come from the rule set and its scenario cases (rules/default.cases.yaml),
never from a list of questions written here: the server chooses each next question.
"""

from __future__ import annotations

import re
import sqlite3
import textwrap
from pathlib import Path

import httpx2 as httpx
import pytest
from cli_run import triage
from paths import ROOT
from starlette.testclient import TestClient
from web_client import CASES, app_for, client_for, fields, hidden, outcome, walk

from triage.deciding.loaded import load
from triage.errors import ExitStatus
from triage.rulesets.model import MultiChoiceQuestion, RuleSet

RULES: RuleSet = load(None).rules
FORM = {"content-type": "application/x-www-form-urlencoded"}


def by_outcome() -> dict[str, dict[str, object]]:
    """One scenario per outcome of the rule set (the first case that reaches it)."""
    found: dict[str, dict[str, object]] = {}
    for case in CASES:
        found.setdefault(case.expect.outcome, case.answers)
    return found


SCENARIOS = by_outcome()


def post(client: TestClient, path: str, data: list[tuple[str, str]]) -> httpx.Response:
    return client.post(path, content=str(httpx.QueryParams(data)), headers=FORM)


def first_page(client: TestClient, lang: str = "en") -> httpx.Response:
    page = client.post("/start", data={"lang": lang})
    assert page.url.path == "/step/1"
    return page


def first_question() -> MultiChoiceQuestion:
    question = RULES.questions[0]
    assert isinstance(question, MultiChoiceQuestion), "the first question is a list of signs"
    return question


# ------------------------------------------------------------------ walks


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_scenario_reaches_its_outcome_through_the_pages(client: TestClient, case) -> None:
    page = walk(client, RULES, case.answers)
    assert page.status_code == 200
    assert outcome(page.text) == case.expect.outcome
    assert RULES.outcome(case.expect.outcome).title.get("en") in page.text


def test_every_outcome_of_the_rule_set_has_a_scenario() -> None:
    assert set(SCENARIOS) == {o.id for o in RULES.outcomes}


@pytest.mark.parametrize("wanted", sorted(SCENARIOS))
def test_each_outcome_in_french(client: TestClient, wanted: str) -> None:
    page = walk(client, RULES, SCENARIOS[wanted], lang="fr")
    assert '<html lang="fr">' in page.text
    title = RULES.outcome(wanted).title.get("fr")
    assert title.split(" ")[0] in page.text
    assert "Recommencer" in page.text


def test_the_counter_and_the_question_come_from_the_engine(client: TestClient) -> None:
    page = first_page(client)
    assert hidden(page.text, "question") == RULES.questions[0].id
    assert "Question 1, up to" in page.text
    assert 'action="/step/1"' in page.text


def test_reloading_the_result_shows_the_same_result(client: TestClient) -> None:
    wanted = next(o.id for o in RULES.outcomes if o.kind == "referral")
    first = walk(client, RULES, SCENARIOS[wanted])
    again = client.get("/result")
    assert outcome(first.text) == outcome(again.text) == wanted
    assert re.sub(r'value="[^"]*"', "", first.text) == re.sub(r'value="[^"]*"', "", again.text)


# ------------------------------------------------------------------ booking and referrals


def test_a_referral_never_has_a_book_link_and_a_massage_has_the_clinics(tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text("name: Clinique du Parc\nbooking:\n  all: https://book.example/clinic\n")
    client = client_for(tmp_path / "state", site=str(site))
    for wanted, answers in SCENARIOS.items():
        page = walk(client, RULES, answers)
        kind = RULES.outcome(wanted).kind
        booked = "https://book.example/clinic" in page.text
        assert booked == (kind == "massage"), wanted  # a red flag never ends in a massage
        assert "Clinique du Parc" in page.text


def test_an_emergency_leads_with_a_red_banner_and_tel_links(tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(
        "emergency:\n  - {number: '15', label: {en: SAMU, fr: Samu}}\n"
        "  - {number: '112', label: Europe}\n"
    )
    client = client_for(tmp_path / "state", site=str(site))
    gravest = max(RULES.outcomes, key=lambda o: o.severity)
    page = walk(client, RULES, SCENARIOS[gravest.id])
    main = page.text[page.text.index("<main") :]
    assert main.index("verdict-emergency") < main.index("<h1")
    assert 'href="tel:15"' in main and 'href="tel:112"' in main
    assert "Do not drive yourself." in main
    assert main.count("<h1") == 1


def test_a_booking_link_for_a_referral_is_refused_at_start(tmp_path: Path) -> None:
    referral = next(o.id for o in RULES.outcomes if o.kind == "referral")
    site = tmp_path / "site.yaml"
    site.write_text(f"booking:\n  {referral}: https://book.example/\n")
    result = triage("serve", "--site", str(site), "--port", "1", expect=ExitStatus.USAGE)
    assert result.code == ExitStatus.USAGE
    assert f"booking link '{referral}' is not a massage outcome" in result.err


def test_a_site_file_error_names_its_line(tmp_path: Path) -> None:
    site = tmp_path / "site.yaml"
    site.write_text("name: X\nbooking:\n  all: javascript:alert(1)\n")
    result = triage("serve", "--site", str(site), "--port", "1", expect=ExitStatus.USAGE)
    assert result.code == ExitStatus.USAGE
    assert f"{site}:3:" in result.err and "http://" in result.err


# ------------------------------------------------------------------ one question at a time


def test_none_of_these_is_exclusive_and_the_error_keeps_the_ticks(client: TestClient) -> None:
    page = first_page(client)
    question = first_question()
    key = question.choices[0].key
    sent = post(
        client,
        "/step/1",
        [
            ("csrf", hidden(page.text, "csrf")),
            ("question", question.id),
            ("answer", key),
            ("answer", "-"),
        ],
    )
    assert sent.status_code == 422
    assert 'class="error-summary"' in sent.text and 'href="#answer-1"' in sent.text
    assert 'id="answer-1"' in sent.text
    assert f'value="{key}" checked' in sent.text and 'value="-" checked' in sent.text
    assert sent.text.startswith("<!DOCTYPE html>") and "<title>Error: " in sent.text


def test_a_missing_answer_shows_the_error_and_keeps_earlier_answers(client: TestClient) -> None:
    page = first_page(client)
    page = post(
        client,
        "/step/1",
        [("csrf", hidden(page.text, "csrf")), ("question", RULES.questions[0].id), ("answer", "-")],
    )
    assert page.url.path == "/step/2"
    second = hidden(page.text, "question")
    sent = post(client, "/step/2", [("csrf", hidden(page.text, "csrf")), ("question", second)])
    assert sent.status_code == 422 and 'class="error-summary"' in sent.text
    back = client.get("/step/1")
    assert 'value="-" checked' in back.text


def test_back_shows_the_earlier_answer_and_keeps_the_later_ones(client: TestClient) -> None:
    answers = SCENARIOS[next(o.id for o in RULES.outcomes if o.kind == "massage")]
    result = walk(client, RULES, answers)
    assert result.url.path == "/result"
    second = client.get("/step/2")
    question = RULES.question(hidden(second.text, "question"))
    for _name, value in fields(question, answers[question.id]):
        assert re.search(rf'value="{re.escape(value)}"( checked)?', second.text)
    again = post(
        client,
        "/step/2",
        [
            ("csrf", hidden(second.text, "csrf")),
            ("question", question.id),
            *fields(question, answers[question.id]),
        ],
    )
    assert again.url.path == "/step/3"
    later = RULES.question(hidden(again.text, "question"))
    for _name, value in fields(later, answers[later.id]):
        assert f'value="{value}" checked' in again.text or f'value="{value}"' in again.text


def test_a_step_not_reached_yet_leads_to_the_current_one(client: TestClient) -> None:
    first_page(client)
    page = client.get("/step/7")
    assert page.url.path == "/step/1"


def test_the_language_switch_keeps_the_answers(client: TestClient) -> None:
    page = first_page(client)
    page = post(
        client,
        "/step/1",
        [("csrf", hidden(page.text, "csrf")), ("question", RULES.questions[0].id), ("answer", "-")],
    )
    french = client.get("/step/2?lang=fr")
    assert '<html lang="fr">' in french.text
    assert (
        RULES.question(hidden(french.text, "question")).text.get("fr").split(" ")[0] in french.text
    )
    assert 'value="-" checked' in client.get("/step/1").text
    assert '<html lang="fr">' in client.get("/step/1").text  # the walk keeps the language


def test_accept_language_chooses_the_start_page_language(client: TestClient) -> None:
    page = client.get("/", headers={"accept-language": "de-DE, fr;q=0.8, en;q=0.5"})
    assert '<html lang="fr">' in page.text and "Commencer" in page.text
    assert '<html lang="en">' in client.get("/", headers={"accept-language": "de"}).text


def test_french_typography_on_the_pages(client: TestClient) -> None:
    page = client.get("/?lang=fr")
    assert "médecin\u202f?" in page.text  # a narrow no-break space before "?"


def test_start_again_deletes_the_walk(client: TestClient) -> None:
    result = walk(client, RULES, SCENARIOS[RULES.outcomes[0].id])
    gone = client.post("/restart", data={"csrf": hidden(result.text, "csrf")})
    assert gone.url.path == "/"
    assert "triage_walk" not in client.cookies
    assert client.get("/result").status_code == 410


def test_a_walk_is_gone_30_minutes_after_its_last_answer(tmp_path: Path) -> None:
    client = client_for(tmp_path)
    walk(client, RULES, SCENARIOS[RULES.outcomes[0].id])
    with sqlite3.connect(tmp_path / "walks.sqlite3") as db:
        (expires,) = db.execute("SELECT expires FROM walks").fetchone()
        db.execute("UPDATE walks SET expires = expires - 1801")
    assert client.get("/result").status_code == 410
    with sqlite3.connect(tmp_path / "walks.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM walks").fetchone() == (0,)
    assert expires > 0


# ------------------------------------------------------------------ privacy and headers


def test_answers_are_never_in_a_url_or_a_cookie(tmp_path: Path) -> None:
    seen: list[str] = []
    client = client_for(tmp_path)
    client.event_hooks = {"request": [lambda request: seen.append(str(request.url))]}  # type: ignore[attr-defined]
    answers = SCENARIOS[next(o.id for o in RULES.outcomes if o.kind == "massage")]
    walk(client, RULES, answers)
    keys = {
        str(v)
        for value in answers.values()
        for v in (value if isinstance(value, list) else [value])
    }
    for url in seen:
        assert re.fullmatch(r"http://testserver/(start|step/\d+|result)", url), url
    (cookie,) = client.cookies.jar
    assert cookie.name == "triage_walk" and not any(k in cookie.value for k in keys if len(k) > 2)
    assert len(cookie.value) >= 40
    stored = (tmp_path / "walks.sqlite3").stat().st_mode & 0o777
    assert stored == 0o600


def test_the_walk_cookie_is_http_only_and_same_site(client: TestClient) -> None:
    page = client.post("/start", data={"lang": "en"}, follow_redirects=False)
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=1800" in cookie


@pytest.mark.parametrize("path", ["/", "/step/1", "/result", "/nowhere"])
def test_every_page_has_the_strict_headers(client: TestClient, path: str) -> None:
    first_page(client)
    page = client.get(path)
    headers = page.headers
    assert headers["cache-control"] == "no-store"
    csp = headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    assert "frame-ancestors 'none'" in csp and headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "strict-transport-security" not in headers


def test_https_adds_hsts_secure_cookies_and_the_embedding_origins(tmp_path: Path) -> None:
    app = app_for(
        tmp_path,
        public_url="https://triage.example.org/",
        allowed_hosts=("triage.example.org",),
        frame_ancestors=("https://clinic.example",),
    )
    client = TestClient(app, base_url="https://triage.example.org", follow_redirects=False)
    page = client.post("/start", data={"lang": "en"})
    assert "secure" in page.headers["set-cookie"].lower()
    assert page.headers["strict-transport-security"].startswith("max-age=")
    assert "frame-ancestors https://clinic.example" in page.headers["content-security-policy"]
    assert "x-frame-options" not in page.headers


def test_another_host_is_refused(tmp_path: Path) -> None:
    client = TestClient(app_for(tmp_path), base_url="http://evil.example")
    page = client.get("/")
    assert page.status_code == 400 and "This address is not served here." in page.text


def test_healthz(client: TestClient) -> None:
    page = client.get("/healthz")
    assert (page.status_code, page.text) == (200, "ok\n")


def test_the_stylesheet_is_served_and_cacheable(client: TestClient) -> None:
    page = client.get("/static/triage.css")
    assert page.headers["content-type"].startswith("text/css")
    assert "no-store" not in page.headers["cache-control"]


# ------------------------------------------------------------------ bad requests


def answered(client: TestClient) -> tuple[str, str]:
    page = first_page(client)
    return hidden(page.text, "csrf"), hidden(page.text, "question")


@pytest.mark.parametrize(
    ("extra", "status"),
    [
        ([("answer", "no_such_choice")], 400),
        ([("answer", "-"), ("question", "age")], 400),
        ([("answer", "1")], 400),
    ],
)
def test_a_tampered_answer_gets_a_clear_4xx_page(client: TestClient, extra, status) -> None:
    csrf, question = answered(client)
    page = post(client, "/step/1", [("csrf", csrf), ("question", question), *extra])
    assert page.status_code == status
    assert "There is a problem" in page.text and "Traceback" not in page.text


def test_skipping_the_first_question_is_refused(client: TestClient) -> None:
    csrf, _question = answered(client)
    later = RULES.questions[1]
    page = post(client, "/step/1", [("csrf", csrf), ("question", later.id), ("answer", "x")])
    assert page.status_code == 409
    page = post(client, "/step/2", [("csrf", csrf), ("question", later.id), ("answer", "x")])
    assert page.status_code == 409


def test_an_unknown_question_is_refused(client: TestClient) -> None:
    csrf, _question = answered(client)
    page = post(client, "/step/1", [("csrf", csrf), ("question", "nope"), ("answer", "-")])
    assert page.status_code == 400
    assert "This page is out of date: the question it answers is not asked here." in page.text


def test_a_form_without_the_page_token_is_refused(client: TestClient) -> None:
    _csrf, question = answered(client)
    page = post(client, "/step/1", [("csrf", "forged"), ("question", question), ("answer", "-")])
    assert page.status_code == 403


@pytest.mark.parametrize(
    ("body", "kind", "status"),
    [
        (b"csrf=%FF%FE", FORM["content-type"], 400),
        (b"a=" + b"x" * 20_000, FORM["content-type"], 413),
        (b"{}", "application/json", 415),
        (b"&".join(b"f%d=1" % i for i in range(200)), FORM["content-type"], 400),
    ],
    ids=["invalid-utf8", "oversized", "json", "too-many-fields"],
)
def test_a_malformed_body_gets_a_clear_4xx_page(client: TestClient, body, kind, status) -> None:
    answered(client)
    page = client.post("/step/1", content=body, headers={"content-type": kind})
    assert page.status_code == status
    assert "There is a problem" in page.text and "Traceback" not in page.text


def test_a_post_without_a_walk_explains_that_the_answers_are_gone(client: TestClient) -> None:
    page = post(client, "/step/1", [("csrf", "x"), ("question", "y")])
    assert page.status_code == 410 and "no longer here" in page.text


# ------------------------------------------------------------------ the command


def test_serve_refuses_a_rule_set_that_fails_verification(write_rules) -> None:
    path = write_rules(
        textwrap.dedent(
            """\
            id: leaky
            version: "1"
            title: Leaky
            questions:
              - {id: fever, type: yes_no, red_flag: doctor, text: 'Fever?'}
            outcomes:
              - {id: doctor, kind: referral, severity: 30, title: Doctor, advice: D., if_worse: D.}
              - {id: relax, kind: massage, severity: 10, title: Relax, advice: R., if_worse: R.}
            decisions:
              - {outcome: relax, reason: Always.}
            """
        )
    )
    result = triage("serve", "--rules", str(path), "--port", "1", expect=ExitStatus.UNVERIFIED)
    assert result.code == ExitStatus.UNVERIFIED
    assert "fails verification" in result.err and result.out == ""
    assert "--allow-unverified" not in result.err  # serve never takes it


def test_serve_on_a_public_address_needs_its_public_url() -> None:
    result = triage(
        "serve",
        "--host",
        "0.0.0.0",
        "--port",
        "1",
        expect=ExitStatus.USAGE,
    )
    assert result.code == ExitStatus.USAGE and "--public-url" in result.err
    result = triage(
        "serve",
        "--public-url",
        "ftp://x",
        "--port",
        "1",
        expect=ExitStatus.USAGE,
    )
    assert result.code == ExitStatus.USAGE and "--public-url takes" in result.err


def test_the_documented_site_file_is_read_and_shown(tmp_path: Path) -> None:
    docs = ROOT / "docs" / "site.md"
    block = re.search(r"```yaml\n(.*?)```", docs.read_text(encoding="utf-8"), re.S)
    assert block, "docs/site.md holds an example site file"
    site = tmp_path / "site.yaml"
    site.write_text(block.group(1), encoding="utf-8")
    client = client_for(tmp_path / "state", site=str(site))
    page = client.get("/")
    assert "Clinique du Parc" in page.text and 'href="tel:+33123456789"' in page.text
    assert 'href="tel:15"' in page.text


def test_two_workers_share_the_walks(tmp_path: Path) -> None:
    """A walk whose every request is a new connection, taken by whichever worker accepts it."""
    import os
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "TRIAGE_CACHE": str(tmp_path / "proofs"), "TRIAGE_LANG": "en"}
    command = [sys.executable, "-m", "triage", "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(600):
            try:
                if httpx.get(base + "/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        answers = SCENARIOS[next(o.id for o in RULES.outcomes if o.kind == "massage")]
        with httpx.Client(
            base_url=base, follow_redirects=True, limits=httpx.Limits(max_keepalive_connections=0)
        ) as client:
            page = walk(client, RULES, answers)  # type: ignore[arg-type]
            assert outcome(page.text) == next(o.id for o in RULES.outcomes if o.kind == "massage")
            assert outcome(client.get("/result").text) == outcome(page.text)
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=30)
    assert b"Traceback" not in err


NUMBERED = """\
id: numbered
version: "1"
title: Numbered
questions:
  - {id: pain, type: number, min: 0, max: 10, text: 'How strong?', unit: {en: out of 10}}
  - {id: details, type: text, max_length: 20, text: 'Anything to note?'}
  - {id: late, type: yes_no, text: 'Late?', red_flag: doctor}
outcomes:
  - {id: doctor, kind: referral, severity: 30, ends_walk: true, title: D, advice: D., if_worse: D.}
  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
decisions:
  - {outcome: doctor, when: {question: late, is: yes}, reason: Late.}
  - {outcome: relax, reason: Always.}
"""


def test_a_number_or_a_text_refused_keeps_what_was_typed(write_rules, tmp_path: Path) -> None:
    client = client_for(tmp_path / "state", rules=str(write_rules(NUMBERED)))
    page = first_page(client)
    csrf = hidden(page.text, "csrf")
    assert 'inputmode="decimal"' in page.text and "out of 10" in page.text
    for typed in ("11", "1e3", "", "\u0661"):  # ARABIC-INDIC DIGIT ONE
        sent = post(client, "/step/1", [("csrf", csrf), ("question", "pain"), ("answer", typed)])
        assert sent.status_code == 422, typed
        assert 'href="#answer"' in sent.text and "Enter a whole number from 0 to 10." in sent.text
        assert f'value="{typed}"' in sent.text
    page = post(client, "/step/1", [("csrf", csrf), ("question", "pain"), ("answer", "7,0")])
    assert page.url.path == "/step/2"
    sent = post(client, "/step/2", [("csrf", csrf), ("question", "details"), ("answer", "x" * 21)])
    assert sent.status_code == 422 and "at most 20 are kept" in sent.text
    page = post(client, "/step/2", [("csrf", csrf), ("question", "details"), ("answer", "")])
    assert page.url.path == "/step/3"  # a note is never required
    assert 'value="7"' in client.get("/step/1").text

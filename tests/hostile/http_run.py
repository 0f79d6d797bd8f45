"""Running the hostile HTTP corpus against a real `triage serve` on loopback.

Each case gets a fresh walk (a cookie and its page token), is sent on its own
connection, which is then half-closed, and must be answered within 10 s with a
status listed for it (or, where allowed, the connection closed), with no traceback
in the answer. At the end the server must still be healthy and its log free of any
traceback.

    python tests/hostile/http_run.py            # run everything, print the figures
    python tests/hostile/http_run.py --write    # ... and record them in http_figures.json
"""

from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from http_corpus import HttpCase, all_cases  # noqa: E402 (found through sys.path above)

FIGURES = HERE / "http_figures.json"
HISTORY = Path(tempfile.mkdtemp(prefix="triage-hostile-")) / "history.sqlite3"  # stays empty
TIMEOUT = 10.0


@dataclass(frozen=True)
class Outcome:
    case: HttpCase
    status: int  # 0: closed without an answer
    problem: str | None

    @property
    def clean(self) -> bool:
        return self.problem is None


def exchange(port: int, raw: bytes) -> bytes:
    """Send raw bytes, half-close, and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as connection:
        try:
            connection.sendall(raw)
            connection.shutdown(socket.SHUT_WR)
        except OSError:  # the server closed first (a request too large): read what it said
            pass
        answer = b""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                chunk = connection.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            answer += chunk
        return answer


def status_of(answer: bytes) -> int:
    found = re.match(rb"HTTP/1\.[01] (\d{3}) ", answer)
    return int(found.group(1)) if found else 0


def new_walk(port: int) -> tuple[str, str]:
    """A fresh walk's cookie and page token, as a browser would get them."""
    start = exchange(
        port,
        b"POST /start HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Type: "
        b"application/x-www-form-urlencoded\r\nContent-Length: 7\r\nConnection: close"
        b"\r\n\r\nlang=en" % port,
    )
    cookie = re.search(rb"triage_walk=([^;]+);", start)
    assert cookie, start[:300]
    page = exchange(
        port,
        b"GET /step/1 HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nCookie: triage_walk=%s\r\n"
        b"Connection: close\r\n\r\n" % (port, cookie.group(1)),
    )
    csrf = re.search(rb'name="csrf" value="([^"]+)"', page)
    assert csrf, page[:300]
    return cookie.group(1).decode(), csrf.group(1).decode()


def run_case(port: int, case: HttpCase) -> Outcome:
    cookie, csrf = new_walk(port)
    raw = (
        case.raw.replace(b"{cookie}", cookie.encode())
        .replace(b"{csrf}", csrf.encode())
        .replace(b"{host}", f"127.0.0.1:{port}".encode())
    )
    try:
        answer = exchange(port, raw)
    except OSError as error:
        return Outcome(case, 0, f"no connection: {error}")
    status = status_of(answer)
    if status not in case.expect:
        return Outcome(case, status, f"status {status}, expected one of {sorted(case.expect)[:5]}")
    if b"Traceback" in answer:
        return Outcome(case, status, "a traceback in the answer")
    return Outcome(case, status, None)


@contextmanager
def served() -> Iterator[tuple[int, subprocess.Popen[str]]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    env = {**os.environ, "TRIAGE_CACHE": tempfile.mkdtemp(), "TRIAGE_LANG": "en"}
    env["TRIAGE_DB"] = str(HISTORY)
    command = [sys.executable, "-m", "triage", "serve", "--port", str(port)]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        for _attempt in range(600):
            try:
                if (
                    status_of(
                        exchange(
                            port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port
                        )
                    )
                    == 200
                ):
                    break
            except OSError:
                time.sleep(0.1)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)


def run_all() -> tuple[list[Outcome], list[str]]:
    """Every case, then the server's health and log: (outcomes, problems of the server)."""
    with served() as (port, process):
        outcomes = [run_case(port, case) for case in all_cases()]
        healthy = status_of(
            exchange(port, b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
        )
        process.terminate()
        _out, err = process.communicate(timeout=30)
    problems = []
    if healthy != 200:
        problems.append(f"the server no longer answers /healthz ({healthy})")
    if HISTORY.exists():
        with sqlite3.connect(HISTORY) as db:
            kept = db.execute("SELECT count(*) FROM screenings").fetchone()[0]
        if kept:
            problems.append(f"{kept} screenings stored by hostile requests")
    if "Traceback" in err:
        problems.append("a traceback in the server's log:\n" + err[-3000:])
    return outcomes, problems


def figures(outcomes: list[Outcome]) -> dict[str, dict[str, int]]:
    tried = Counter(o.case.category for o in outcomes)
    clean = Counter(o.case.category for o in outcomes if o.clean)
    numbers = {c: {"tried": tried[c], "clean": clean[c]} for c in sorted(tried)}
    numbers["total"] = {"tried": sum(tried.values()), "clean": sum(clean.values())}
    return numbers


def summary(numbers: dict[str, dict[str, int]]) -> str:
    total = numbers["total"]
    return f"hostile HTTP requests: {total['tried']} tried, {total['clean']} clean"


if __name__ == "__main__":
    results, server_problems = run_all()
    found = figures(results)
    for outcome in results:
        if not outcome.clean:
            print(f"[{outcome.case.category}] {outcome.case.name}: {outcome.problem}")
    for problem in server_problems:
        print(problem)
    print(summary(found))
    if "--write" in sys.argv[1:]:
        FIGURES.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")

"""`triage serve --kiosk` through Starlette's test client: every page holding answers
returns to the start by itself (a meta refresh, no script), says so first with a way to
keep going, and the return deletes the walk on the server.

The same pages in a real Chromium are in test_web_browser.py.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from web_client import CASES, client_for, hidden, outcome, walk

from triage.deciding.loaded import load
from triage.rulesets.model import RuleSet

RULES: RuleSet = load(None).rules
MASSAGE = next(c.answers for c in CASES if RULES.outcome(c.expect.outcome).kind == "massage")
REFRESH = re.compile(r'<meta http-equiv="refresh" content="(\d+); url=/kiosk/reset">')


@pytest.fixture
def kiosk(tmp_path: Path) -> TestClient:
    return client_for(tmp_path, kiosk=120, send=False)


def walks_stored(state: Path) -> int:
    with sqlite3.connect(state / "walks.sqlite3") as db:
        return int(db.execute("SELECT count(*) FROM walks").fetchone()[0])


def test_every_page_holding_answers_returns_to_the_start_and_says_so(kiosk: TestClient) -> None:
    question = kiosk.post("/start", data={"lang": "en"})
    result = walk(kiosk, RULES, MASSAGE)
    for page, here in ((question, "/step/1"), (result, "/result")):
        found = REFRESH.search(page.text)
        assert found and found.group(1) == "120", page.url
        assert "after 2 minutes without input, this page goes back to the start" in page.text
        assert f'<a href="{here}" class="button button-secondary">Keep going' in page.text
        assert 'autocomplete="off"' in page.text


def test_the_start_page_has_nothing_to_forget_and_does_not_refresh(kiosk: TestClient) -> None:
    assert not REFRESH.search(kiosk.get("/").text)


def test_the_return_deletes_the_walk_on_the_server(kiosk: TestClient, tmp_path: Path) -> None:
    walk(kiosk, RULES, MASSAGE)
    assert walks_stored(tmp_path) == 1
    back = kiosk.get("/kiosk/reset")
    assert back.url.path == "/" and back.status_code == 200
    assert walks_stored(tmp_path) == 0
    assert "triage_walk" not in kiosk.cookies
    gone = kiosk.get("/result")
    assert gone.status_code == 410 and outcome(gone.text) is None


def test_keep_going_shows_the_same_page_with_its_answers(kiosk: TestClient) -> None:
    result = walk(kiosk, RULES, MASSAGE)
    again = kiosk.get("/result")
    assert outcome(again.text) == outcome(result.text)
    first = kiosk.get("/step/1")
    assert hidden(first.text, "question") == RULES.questions[0].id
    assert " checked" in first.text


def test_without_kiosk_no_page_refreshes_and_the_reset_is_no_page(tmp_path: Path) -> None:
    client = client_for(tmp_path)
    page = walk(client, RULES, MASSAGE)
    assert not REFRESH.search(page.text) and "shared screen" not in page.text
    assert client.get("/kiosk/reset").status_code == 404
    assert client.get("/result").status_code == 200  # the walk is still there


def test_times_under_a_minute_are_said_in_seconds(tmp_path: Path) -> None:
    page = client_for(tmp_path, kiosk=45).post("/start", data={"lang": "fr"})
    assert "après 45 secondes" in page.text.replace("\u202f", " ").replace("\u00a0", " ")

"""The receptionist's queue: screenings sent from the web page, listed with their contact
(`history list --new`), marked handled (`done`), shown, erased on request (`purge --id`),
purged after `--keep-days`, and counted at the start of `triage call`.

The screenings are sent through the real web pages (Starlette's test client) into a
real history file, then read by the real command line.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx2 as httpx
from cli_run import ANY, triage
from web_client import CASES, client_for, hidden, walk

from triage.deciding.loaded import load
from triage.history.store import Store

RULES = load(None).rules
MASSAGE = next(c.answers for c in CASES if RULES.outcome(c.expect.outcome).kind == "massage")
HEADERS = {"origin": "http://testserver", "content-type": "application/x-www-form-urlencoded"}


def send(state: Path, name: str, reach: str) -> None:
    client = client_for(state, db=str(state.parent / "history.sqlite3"))
    walk(client, RULES, MASSAGE)
    token = hidden(client.get("/send").text, "csrf")
    fields = [("csrf", token), ("name", name), ("reach", reach), ("consent", "yes")]
    page = client.post("/send", content=str(httpx.QueryParams(fields)), headers=HEADERS)
    assert page.url.path == "/sent", page.text


def history(tmp_path: Path, *args: str, input: str = ""):
    db = str(tmp_path / "history.sqlite3")
    return triage("history", *args, "--db", db, input=input, expect=ANY)  # checked by the caller


def test_the_queue_lists_the_web_screenings_newest_first_with_their_contact(
    tmp_path: Path,
) -> None:
    send(tmp_path / "a", "Ana Lima", "+33 6 12 34 56 78")
    send(tmp_path / "b", "Bo Chen", "bo@example.org")
    ran = history(tmp_path, "list", "--new")
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert "reference" in lines[0] and "contact" in lines[0]
    assert "Bo Chen" in lines[1] and "bo@example.org" in lines[1]
    assert "Ana Lima" in lines[2] and "+33 6 12 34 56 78" in lines[2]


def test_done_takes_a_screening_off_the_queue_and_says_who_and_when(tmp_path: Path) -> None:
    send(tmp_path / "a", "Ana Lima", "+33 6 12 34 56 78")
    first = history(tmp_path, "list", "--new").out.splitlines()[1].split()[0]
    done = history(tmp_path, "done", first, "--by", "Reception desk")
    assert done.code == 0 and "handled by Reception desk" in done.out
    assert history(tmp_path, "list", "--new").out == "no screenings waiting\n"
    shown = history(tmp_path, "show", first)
    assert "Ana Lima" in shown.out and "Handled:" in shown.out and "Reception desk" in shown.out
    assert "Mode:       client\n" in shown.out and "Channel:    web\n" in shown.out
    assert "TRIAGE NOTE" in shown.out
    for unknown in ("999", "0", str(2**63), str(2**64)):
        assert history(tmp_path, "done", unknown).code == 6, unknown
        assert history(tmp_path, "purge", "--id", unknown, "--yes").code == 6, unknown
        assert history(tmp_path, "show", unknown).code == 6, unknown


def test_purge_id_erases_one_persons_screening_and_contact(tmp_path: Path) -> None:
    send(tmp_path / "a", "Ana Lima", "+33 6 12 34 56 78")
    send(tmp_path / "b", "Bo Chen", "bo@example.org")
    ana = history(tmp_path, "list", "--new").out.splitlines()[2].split()[0]
    ran = history(tmp_path, "purge", "--id", ana, "--yes")
    assert ran.code == 0 and f"deleted screening {ana}" in ran.out
    with sqlite3.connect(tmp_path / "history.sqlite3") as db:
        names = [
            row[0] for row in db.execute("SELECT json_extract(contact, '$.name') FROM screenings")
        ]
        assert names == ["Bo Chen"]
        assert db.execute("SELECT count(*) FROM screenings").fetchone()[0] == 1
    assert history(tmp_path, "purge", "--id", ana, "--yes").code == 6
    assert history(tmp_path, "purge", "--yes").code == 2  # neither --before nor --id


def test_the_queue_purges_contacts_older_than_the_days_kept(tmp_path: Path) -> None:
    send(tmp_path / "a", "Ana Lima", "+33 6 12 34 56 78")
    with Store.open(tmp_path / "history.sqlite3") as store:
        later = datetime.now(timezone.utc) + timedelta(days=8)
        assert store.purge_contacts_older_than(10, later) == 0
    with sqlite3.connect(tmp_path / "history.sqlite3") as db:  # sent 8 days ago
        eight = (datetime.now(timezone.utc) - timedelta(days=8)).strftime("%Y-%m-%dT%H:%M:%SZ")
        db.execute("UPDATE screenings SET created_at = ?", (eight,))
    assert "Ana Lima" in history(tmp_path, "list", "--new", "--keep-days", "10").out
    assert history(tmp_path, "list", "--new", "--keep-days", "7").out == "no screenings waiting\n"
    with sqlite3.connect(tmp_path / "history.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM screenings").fetchone()[0] == 0


def test_a_call_starts_by_saying_how_many_wait(tmp_path: Path) -> None:
    send(tmp_path / "a", "Ana Lima", "+33 6 12 34 56 78")
    send(tmp_path / "b", "Bo Chen", "bo@example.org")
    environ = {"TRIAGE_DB": str(tmp_path / "history.sqlite3")}
    ran = triage("call", "--no-save", input="", environ=environ, expect=4)  # input ends
    assert ran.err.startswith(
        "2 screenings sent from the web are waiting for a call back: triage history list --new"
    )
    empty = triage(
        "call", "--no-save", input="", environ={"TRIAGE_DB": str(tmp_path / "x")}, expect=4
    )
    assert "waiting" not in empty.err

""" "Send to the clinic" through Starlette's test client: with consent the screening lands
in the real history with its contact, without it nothing is stored; a missing or wrong
token, a foreign Origin and a burst past the rate limit are refused with nothing stored.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import httpx2 as httpx
import pytest
from starlette.testclient import TestClient
from web_client import CASES, client_for, hidden, outcome, walk

from triage.deciding.loaded import load
from triage.history.store import Store
from triage.rulesets.model import RuleSet
from triage.web import sending

RULES: RuleSet = load(None).rules
BY_OUTCOME: dict[str, dict[str, object]] = {}
for _case in CASES:
    BY_OUTCOME.setdefault(_case.expect.outcome, _case.answers)
GRAVEST = max(RULES.outcomes, key=lambda o: o.severity).id
MASSAGE = next(o.id for o in RULES.outcomes if o.kind == "massage")
REFERRAL = next(o.id for o in RULES.outcomes if o.kind == "referral" and o.id != GRAVEST)
ORIGIN = {"origin": "http://testserver", "content-type": "application/x-www-form-urlencoded"}
CONTACT = [("name", "Ana Lima"), ("reach", "+33 6 12 34 56 78"), ("preferred", "after 5 pm")]


def history(tmp_path: Path) -> list[tuple[object, ...]]:
    """Every stored screening with its contact, as the clinic's history holds them."""
    path = tmp_path / "history.sqlite3"
    if not path.exists():
        return []
    with Store.open(path):  # migrated, as any reader would
        pass
    with sqlite3.connect(path) as db:
        return db.execute(
            "SELECT s.mode, s.channel, s.outcome, s.rules_version, s.rules_sha256, s.caller_ref, "
            "s.note, json_extract(s.contact, '$.channel'), json_extract(s.contact, '$.name'), "
            "json_extract(s.contact, '$.reach'), "
            "json_extract(s.contact, '$.preferred'), json_extract(s.contact, '$.reference') "
            "FROM screenings s WHERE s.contact IS NOT NULL"
        ).fetchall()


def stored(tmp_path: Path) -> int:
    path = tmp_path / "history.sqlite3"
    if not path.exists():
        return 0
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT count(*) FROM screenings").fetchone()[0])


def send(
    client: TestClient, fields: list[tuple[str, str]], headers: dict[str, str] | None = None
) -> httpx.Response:
    return client.post("/send", content=str(httpx.QueryParams(fields)), headers=headers or ORIGIN)


def form_token(client: TestClient) -> str:
    page = client.get("/send")
    assert page.status_code == 200, page.text
    return hidden(page.text, "csrf")


def test_with_consent_the_screening_and_contact_are_stored_and_a_reference_shown(
    client: TestClient, tmp_path: Path
) -> None:
    result = walk(client, RULES, BY_OUTCOME[MASSAGE])
    assert 'href="/send"' in result.text
    page = send(client, [("csrf", form_token(client)), *CONTACT, ("consent", "yes")])
    assert page.status_code == 200 and page.url.path == "/sent"
    ref = re.search(r"Your reference: ([A-Z0-9]{4}-[A-Z0-9]{4})", page.text)
    assert ref, page.text
    rows = history(tmp_path)
    assert len(rows) == 1
    mode, channel, found, version, sha, caller_ref, note, sent_by, name, reach, preferred, kept = (
        rows[0]
    )
    assert (mode, channel, found, sent_by) == ("client", "web", MASSAGE, "web")
    assert (name, reach, preferred) == ("Ana Lima", "+33 6 12 34 56 78", "after 5 pm")
    assert kept == caller_ref == ref.group(1) and ref.group(1) in str(note)
    assert (version, len(str(sha))) == (RULES.version, 64)
    assert ref.group(1) in client.get("/result").text  # the result says it was sent


def test_without_consent_nothing_is_stored_and_the_form_keeps_what_was_typed(
    client: TestClient, tmp_path: Path
) -> None:
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    page = send(client, [("csrf", form_token(client)), *CONTACT])
    assert page.status_code == 422
    assert 'href="#consent"' in page.text and 'value="Ana Lima"' in page.text
    assert stored(tmp_path) == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("name", "x" * 101),
        ("reach", "call me"),
        ("reach", "12"),
        ("preferred", "y" * 101),
        ("name", "Ana\u202eLima"),
    ],
)
def test_a_bad_field_is_shown_beside_it_and_nothing_is_stored(
    client: TestClient, tmp_path: Path, field: str, value: str
) -> None:
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    fields = [(k, value if k == field else v) for k, v in CONTACT]
    page = send(client, [("csrf", form_token(client)), *fields, ("consent", "yes")])
    assert page.status_code == 422 and f'href="#{field}"' in page.text
    assert stored(tmp_path) == 0


def test_an_email_address_is_a_way_to_reach(client: TestClient, tmp_path: Path) -> None:
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    fields = [("csrf", form_token(client)), ("name", "Ana"), ("reach", "ana@example.org")]
    assert send(client, [*fields, ("consent", "yes")]).url.path == "/sent"
    assert history(tmp_path)[0][9] == "ana@example.org"


def test_a_referral_asks_for_a_call_back_and_an_emergency_offers_nothing(
    client: TestClient, tmp_path: Path
) -> None:
    referral = walk(client, RULES, BY_OUTCOME[REFERRAL])
    assert "Ask the clinic to call me back" in referral.text
    assert "call you back to book once the doctor" in client.get("/send").text
    emergency = walk(client, RULES, BY_OUTCOME[GRAVEST])
    assert 'href="/send"' not in emergency.text
    assert client.get("/send").status_code == 404
    key = client.app.app.state.service.secret  # type: ignore[attr-defined]
    token = sending.token(key, client.cookies["triage_walk"])  # as a page would sign it
    page = send(client, [("csrf", token), *CONTACT, ("consent", "yes")])
    assert page.status_code == 404 and stored(tmp_path) == 0


def test_a_walk_not_finished_has_nothing_to_send(client: TestClient, tmp_path: Path) -> None:
    client.post("/start", data={"lang": "en"})
    assert client.get("/send").url.path == "/step/1"
    key = client.app.app.state.service.secret  # type: ignore[attr-defined]
    token = sending.token(key, client.cookies["triage_walk"])
    page = send(client, [("csrf", token), *CONTACT, ("consent", "yes")])
    assert page.status_code == 409 and stored(tmp_path) == 0


@pytest.mark.parametrize("token", [None, "", "garbage", "1." + "0" * 64, "99999999999." + "a" * 64])
def test_a_missing_or_wrong_token_is_refused(
    client: TestClient, tmp_path: Path, token: str | None
) -> None:
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    fields = [] if token is None else [("csrf", token)]
    page = send(client, [*fields, *CONTACT, ("consent", "yes")])
    assert page.status_code == 403 and stored(tmp_path) == 0


def test_another_walks_token_is_refused(tmp_path: Path) -> None:
    one, two = client_for(tmp_path), client_for(tmp_path)
    walk(one, RULES, BY_OUTCOME[MASSAGE])
    walk(two, RULES, BY_OUTCOME[MASSAGE])
    page = send(two, [("csrf", form_token(one)), *CONTACT, ("consent", "yes")])
    assert page.status_code == 403 and stored(tmp_path) == 0


def test_an_old_token_is_refused(client: TestClient, tmp_path: Path) -> None:
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    key = client.app.app.state.service.secret  # type: ignore[attr-defined]
    old = sending.token(key, client.cookies["triage_walk"], now=1_000_000_000)
    assert sending.token_valid(key, client.cookies["triage_walk"], old, now=1_000_000_001)
    page = send(client, [("csrf", old), *CONTACT, ("consent", "yes")])
    assert page.status_code == 403 and stored(tmp_path) == 0


@pytest.mark.parametrize(
    "origin", [None, "null", "http://evil.example", "https://testserver", "http://testserver:81"]
)
def test_a_foreign_or_missing_origin_is_refused(
    client: TestClient, tmp_path: Path, origin: str | None
) -> None:
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    token = form_token(client)
    headers = {"content-type": "application/x-www-form-urlencoded"}
    if origin is not None:
        headers["origin"] = origin
    page = send(client, [("csrf", token), *CONTACT, ("consent", "yes")], headers)
    assert page.status_code == 403 and stored(tmp_path) == 0


def test_the_public_url_is_the_only_origin(tmp_path: Path) -> None:
    client = client_for(
        tmp_path, public_url="https://triage.example.org/", allowed_hosts=("triage.example.org",)
    )
    client.base_url = httpx.URL("https://triage.example.org")
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    token = form_token(client)
    refused = send(client, [("csrf", token), *CONTACT, ("consent", "yes")])  # testserver
    assert refused.status_code == 403
    headers = {**ORIGIN, "origin": "https://triage.example.org"}
    assert send(client, [("csrf", token), *CONTACT, ("consent", "yes")], headers).status_code == 200
    assert stored(tmp_path) == 1


def test_a_burst_past_the_rate_limit_is_refused_across_walks(tmp_path: Path) -> None:
    """Every walk from one address counts in the store every worker shares."""
    statuses = []
    for _n in range(sending.LIMIT + 2):
        client = client_for(tmp_path)
        walk(client, RULES, BY_OUTCOME[MASSAGE])
        statuses.append(send(client, [("csrf", form_token(client)), *CONTACT]).status_code)
    assert statuses == [422] * sending.LIMIT + [429, 429]
    assert stored(tmp_path) == 0
    client = client_for(tmp_path)
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    late = send(client, [("csrf", form_token(client)), *CONTACT, ("consent", "yes")])
    assert late.status_code == 429 and stored(tmp_path) == 0


def test_sending_twice_stores_once(client: TestClient, tmp_path: Path) -> None:
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    token = form_token(client)
    first = send(client, [("csrf", token), *CONTACT, ("consent", "yes")])
    again = send(client, [("csrf", token), *CONTACT, ("consent", "yes")])
    assert first.url.path == again.url.path == "/sent"
    assert stored(tmp_path) == 1


def test_the_send_form_sends_its_origin_and_no_answer_leaves_in_a_referrer(
    client: TestClient,
) -> None:
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    page = client.get("/send")
    assert page.headers["referrer-policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in page.text
    assert client.get("/result").headers["referrer-policy"] == "no-referrer"


def test_a_kiosk_offers_no_send_form_unless_the_clinic_enables_it(tmp_path: Path) -> None:
    closed = client_for(tmp_path / "a", kiosk=120, send=False)
    assert 'href="/send"' not in walk(closed, RULES, BY_OUTCOME[MASSAGE]).text
    assert closed.get("/send").status_code == 404
    opened = client_for(tmp_path / "b", kiosk=120, send=True)
    assert 'href="/send"' in walk(opened, RULES, BY_OUTCOME[MASSAGE]).text


def test_a_sent_screening_is_purged_after_the_days_kept(tmp_path: Path) -> None:
    from datetime import datetime, timedelta, timezone

    client = client_for(tmp_path, keep_days=30)
    walk(client, RULES, BY_OUTCOME[MASSAGE])
    send(client, [("csrf", form_token(client)), *CONTACT, ("consent", "yes")])
    with Store.open(tmp_path / "history.sqlite3") as store:
        later = datetime.now(timezone.utc) + timedelta(days=29)
        assert store.purge_contacts_older_than(30, later) == 0
        assert store.purge_contacts_older_than(30, later + timedelta(days=2)) == 1
    assert stored(tmp_path) == 0
    with sqlite3.connect(tmp_path / "history.sqlite3") as db:
        found = db.execute("SELECT count(*) FROM screenings WHERE contact IS NOT NULL")
        assert found.fetchone()[0] == 0
    assert outcome(client.get("/result").text) == MASSAGE


def test_the_start_page_says_answers_are_kept_only_if_sent(tmp_path: Path) -> None:
    said = "Only if you choose, at the end, to send your result to the clinic"
    assert said in client_for(tmp_path / "a").get("/").text
    assert said not in client_for(tmp_path / "b", kiosk=120, send=False).get("/").text


def test_the_secret_is_shared_by_every_worker_and_can_be_given(tmp_path: Path) -> None:
    """Workers of one server read the same secret: a token one signs, another accepts."""
    from triage.errors import UsageError
    from triage.web.settings import Settings

    state = Settings(state=str(tmp_path))
    first, second = sending.secret(state, {}), sending.secret(state, {})
    assert first == second and len(first) >= sending.MIN_SECRET
    assert (tmp_path / sending.SECRET_FILE).stat().st_mode & 0o777 == 0o600
    given = "s" * 40
    assert sending.secret(state, {sending.ENVIRONMENT_SECRET: given}) == given.encode()
    kept = tmp_path / "secret.txt"
    kept.write_text("k" * 32 + "\n")
    from_file = Settings(state=str(tmp_path), secret_file=str(kept))
    assert sending.secret(from_file, {}) == b"k" * 32
    with pytest.raises(UsageError):
        sending.secret(state, {sending.ENVIRONMENT_SECRET: "short"})
    with pytest.raises(UsageError):
        sending.secret(Settings(state=str(tmp_path), secret_file=str(tmp_path / "no")), {})
    token = sending.token(first, "walk")
    assert sending.token_valid(second, "walk", token)
    assert not sending.token_valid(given.encode(), "walk", token)

"""The end of a screening, the same in every shell: a whole walk through a prompter, its
booking note, the document printed and stored, and the screening saved."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
from prompters import FakePrompter

from triage.deciding import engine
from triage.deciding.loaded import Loaded
from triage.errors import UsageError
from triage.history.stores import open_history
from triage.output.booking_note import booking_note
from triage.output.clock import local_time
from triage.output.document import document
from triage.screening.concluding import conclude
from triage.screening.saving import history_address, save, waiting_count
from triage.screening.walking import walk

MOMENT = datetime(2026, 12, 7, 15, 35, tzinfo=timezone.utc)
ANSWERS = {"signs": (), "fever": False, "pain": True, "duration": "weeks", "extras": ()}
TYPED = ["0", "n", "y", "2", "0"]  # the same answers, as a person types them


@pytest.fixture
def loaded(mini) -> Loaded:
    return Loaded(mini, "0" * 64, Path("mini.yaml"), ())


@pytest.mark.parametrize("audience", ["client", "reception"])
def test_a_whole_walk_through_a_prompter_is_the_walk_given_up_front(loaded, audience):
    prompter = FakePrompter(list(TYPED))
    walked = walk(loaded, prompter, "en", audience)
    assert prompter.lines == []
    given = document(engine.assess(loaded.rules, ANSWERS), loaded, "en", audience)
    assert walked == given
    assert walked.audience == audience


def test_a_call_s_document_holds_its_dated_note_and_so_does_what_is_stored(loaded):
    doc = document(engine.assess(loaded.rules, ANSWERS), loaded, "en", "reception")
    ended = conclude(doc, "call", caller_ref="B-7", by="Ana", now=MOMENT)
    assert ended.note == booking_note(doc, local_time(MOMENT), "B-7", "Ana")
    assert ended.note.startswith(f"TRIAGE NOTE - {local_time(MOMENT)}\nScreened by: Ana\n")
    assert ended.document.booking_note == ended.note
    stored = ended.screening()
    assert (stored.channel, stored.mode, stored.caller_ref) == ("call", "reception", "B-7")
    assert stored.note == ended.note
    assert stored.document["booking_note"] == ended.note  # what `call --format json` prints
    assert stored.created_at == "2026-12-07T15:35:00Z"


def test_a_client_s_document_is_printed_as_reached_and_a_web_note_is_undated(loaded):
    doc = document(engine.assess(loaded.rules, ANSWERS), loaded, "en", "client")
    walked = conclude(doc, "walk", now=MOMENT)
    assert walked.document == doc and doc.booking_note is None
    sent = conclude(doc, "web", caller_ref="W-1", now=MOMENT, dated=False)
    assert sent.note.splitlines()[0] == "TRIAGE NOTE"
    assert sent.screening().channel == "web"


def test_a_screening_saved_is_read_back_and_nothing_waits_from_the_web(loaded, tmp_path):
    db = tmp_path / "history.sqlite3"
    doc = document(engine.assess(loaded.rules, ANSWERS), loaded, "en", "reception")
    ended = conclude(doc, "call", caller_ref="B-8", now=MOMENT)
    number = save(ended, history_address(str(db), {}))
    with open_history(history_address(None, {"TRIAGE_DB": str(db)}), write=False) as store:
        found = store.get(number)
    assert found is not None and found.document == ended.screening().document
    assert waiting_count(str(db), {}) == 0  # a call waits for nobody
    assert waiting_count(str(tmp_path / "none.sqlite3"), {}) == 0  # no history: none


def test_an_address_that_cannot_be_one_is_a_usage_error():
    with pytest.raises(UsageError):
        history_address("postgresql://ana:secret@clinic/db", {})  # a password in --db

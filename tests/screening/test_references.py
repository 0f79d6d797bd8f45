"""A caller reference and who screened: made safe once, where they are typed, and kept
and printed as they are from then on."""

from __future__ import annotations

import json

from cli_run import triage
from hypothesis import given
from hypothesis import strategies as st
from scenarios import PIPED_RELAXATION

from triage.errors import printable
from triage.screening.references import typed_line


@given(st.text(max_size=60))
def test_a_typed_line_has_no_control_character_and_no_space_around(value):
    kept = typed_line(value)
    assert kept is None or (printable(kept) == kept and kept == kept.strip() != "")
    assert typed_line(kept) == kept  # made safe once: a second time changes nothing


def test_a_blank_line_is_no_reference_and_none_stays_none():
    assert typed_line("   ") is None
    assert typed_line(None) is None
    assert typed_line("  B-1042 ") == "B-1042"


def test_what_was_typed_reaches_the_note_the_json_and_the_history_made_safe_once(tmp_path):
    db = tmp_path / "history.sqlite3"
    ran = triage(
        "call",
        "--format",
        "json",
        "--caller-ref",
        "  B-7\x1b[2J ",
        "--by",
        "Anna\x07",
        input=PIPED_RELAXATION,
        environ={"TRIAGE_DB": str(db)},
    )
    note = json.loads(ran.out)["booking_note"].splitlines()
    assert "Screened by: Anna\ufffd" in note
    assert "Caller ref: B-7\ufffd[2J" in note
    shown = triage("history", "export", "--db", str(db), "--format", "json")
    (stored,) = json.loads(shown.out)
    assert stored["caller_ref"] == "B-7\ufffd[2J"
    assert stored["note"] == json.loads(ran.out)["booking_note"]


def test_who_screens_from_the_environment_is_made_safe_as_by_is(tmp_path):
    ran = triage(
        "call",
        "--format",
        "json",
        "--no-save",
        input=PIPED_RELAXATION,
        environ={"TRIAGE_BY": " Ana\x1b]52;c;x\x07 "},
    )
    assert "Screened by: Ana\ufffd]52;c;x\ufffd" in json.loads(ran.out)["booking_note"]

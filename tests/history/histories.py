"""Screenings and history files as the history tests need them: plain values, made here,
never through the code under test (a migration starts from what old files really hold)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from triage.history.store import Screening

SHA = "ab" * 32
UTC = timezone.utc

# The schema as massage-triage first released it (version 1), written out here, not
# imported: a migration test must start from what old files really hold.
SCHEMA_V1 = """
CREATE TABLE screenings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('client', 'reception')),
    outcome TEXT NOT NULL,
    flags TEXT NOT NULL,
    cautions TEXT NOT NULL,
    answers TEXT NOT NULL,
    rules_id TEXT NOT NULL,
    rules_version TEXT NOT NULL,
    rules_sha256 TEXT NOT NULL,
    caller_ref TEXT,
    note TEXT NOT NULL,
    document TEXT NOT NULL
);
PRAGMA user_version = 1;
"""


def at(day: int, hour: int = 12, minute: int = 0, second: int = 0) -> datetime:
    """A moment in November 2026, UTC."""
    return datetime(2026, 11, day, hour, minute, second, tzinfo=UTC)


def result_doc(outcome: str = "relaxation", **extra: Any) -> dict[str, Any]:
    """The parts of a result's JSON the history keeps (a few of its keys are enough)."""
    flags = extra.pop("flags", [])
    doc: dict[str, Any] = {
        "outcome": outcome,
        "title": outcome.replace("_", " ").title(),
        "flags": flags,
        "cautions": extra.pop("cautions", []),
        "answers": extra.pop(
            "answers", {"emergency_signs": [], "red_flags": flags, "discomfort": False}
        ),
        "reasons": ["No specific pain to address."],
        "language": extra.pop("language", "en"),
        "rules": {"id": "massage-triage-default", "version": "1.4.0", "sha256": SHA},
    }
    doc.update(extra)
    return doc


def screening(
    when: datetime,
    outcome: str = "relaxation",
    caller_ref: str | None = None,
    mode: str = "reception",
    channel: str | None = None,
    **extra: Any,
) -> Screening:
    doc = result_doc(outcome, **extra)
    note = f"Recommendation: {doc['title']}\nCaller: {caller_ref or '-'}\n"
    return new_screening(doc, mode, note, caller_ref, when, channel)


def new_screening(
    doc: dict[str, Any],
    mode: str,
    note: str,
    caller_ref: str | None,
    when: datetime | None,
    channel: str | None = None,
) -> Screening:
    """What the shell gives the history: plain values and the result's JSON (a walk of the
    client, a call of the receptionist, unless told another channel)."""
    rules = doc["rules"]
    return Screening.new(
        mode=mode,
        channel=channel or ("call" if mode == "reception" else "walk"),
        outcome=doc["outcome"],
        flags=doc["flags"],
        cautions=doc["cautions"],
        answers=doc["answers"],
        rules=(rules["id"], rules["version"], rules["sha256"]),
        document=doc,
        language=doc["language"],
        note=note,
        caller_ref=caller_ref,
        now=when,
    )


def make_v1(db: Path, *rows: tuple[str, dict[str, Any]]) -> None:
    """A history as version 1 wrote it, with one row per (caller_ref, document)."""
    db.parent.mkdir(exist_ok=True)
    conn = sqlite3.connect(db)
    conn.executescript(SCHEMA_V1)
    for caller_ref, doc in rows:
        conn.execute(
            "INSERT INTO screenings (created_at, mode, outcome, flags, cautions, answers, "
            "rules_id, rules_version, rules_sha256, caller_ref, note, document) "
            "VALUES (?, 'reception', ?, ?, '[]', ?, 'default', '1.0.0', ?, ?, 'old note', ?)",
            (
                "2025-03-04T10:11:12Z",
                doc["outcome"],
                json.dumps(doc["flags"]),
                json.dumps(doc["answers"]),
                SHA,
                caller_ref,
                json.dumps(doc),
            ),
        )
    conn.commit()
    conn.close()

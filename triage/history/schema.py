"""The history's SQLite schema, its migrations, and screenings to and from rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

from triage.history.screening import Screening

Step = str | Callable[[sqlite3.Connection], None]


def _backfill_language(conn: sqlite3.Connection) -> None:
    """Version 2: rows saved before the column existed take the language of their document."""
    rows = conn.execute("SELECT id, document FROM screenings").fetchall()
    for row_id, text in rows:
        try:
            language = json.loads(text).get("language") or "en"
        except (ValueError, AttributeError):
            continue
        conn.execute("UPDATE screenings SET language = ? WHERE id = ?", (str(language), row_id))


# Applied in order, each inside the one transaction that also sets `user_version`; a
# released migration is never edited: a change is a new entry at the end.
MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    (  # 1: the screenings
        """CREATE TABLE screenings (
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
        )""",
    ),
    (  # 2: list and purge by day and outcome without reading every row; the language
        "CREATE INDEX screenings_by_time ON screenings (created_at)",
        "CREATE INDEX screenings_by_outcome ON screenings (outcome, created_at)",
        "ALTER TABLE screenings ADD COLUMN language TEXT NOT NULL DEFAULT 'en'",
        _backfill_language,
    ),
    (  # 3: how to reach a person who sent their screening from the web (see `contacts`)
        """CREATE TABLE contacts (
            screening_id INTEGER PRIMARY KEY REFERENCES screenings (id) ON DELETE CASCADE,
            reference TEXT NOT NULL UNIQUE,
            channel TEXT NOT NULL,
            name TEXT NOT NULL,
            reach TEXT NOT NULL,
            preferred TEXT NOT NULL,
            created_at TEXT NOT NULL,
            handled_at TEXT,
            handled_by TEXT
        )""",
        "CREATE INDEX contacts_waiting ON contacts (handled_at, created_at)",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

COLUMNS = (
    "id, created_at, mode, outcome, flags, cautions, answers, rules_id, rules_version, "
    "rules_sha256, caller_ref, note, document, language"
)


def dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def to_row(screening: Screening) -> tuple[Any, ...]:
    s = screening
    return (
        s.created_at,
        s.mode,
        s.outcome,
        dumps(s.flags),
        dumps(s.cautions),
        dumps(s.answers),
        s.rules_id,
        s.rules_version,
        s.rules_sha256,
        s.caller_ref,
        s.note,
        dumps(s.document),
        s.language,
    )


def from_row(row: Sequence[Any]) -> Screening:
    (id_, created, mode, outcome, flags, cautions, answers, rid, rversion, rsha) = row[:10]
    caller_ref, note, document, language = row[10:]
    return Screening(
        id=int(id_),
        created_at=created,
        mode=mode,
        outcome=outcome,
        flags=json.loads(flags),
        cautions=json.loads(cautions),
        answers=json.loads(answers),
        rules_id=rid,
        rules_version=rversion,
        rules_sha256=rsha,
        caller_ref=caller_ref,
        note=note,
        document=json.loads(document),
        language=language,
    )

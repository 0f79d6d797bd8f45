"""Storing a completed screening in the history.

The history keeps plain values and the result's JSON; it never reads the output's
types, so this is where the result document's fields become a `Screening`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from triage.cli.environment import Environment

if TYPE_CHECKING:
    from datetime import datetime

    from triage.history.store import Screening
    from triage.output.result import ResultDocument


def screening_of(
    doc: ResultDocument,
    mode: str,
    note: str,
    caller_ref: str | None = None,
    now: datetime | None = None,
) -> Screening:
    """A new (unsaved) screening of a result: what was answered, concluded and shown."""
    from triage.history.store import Screening
    from triage.output.result import jsonable

    return Screening.new(
        mode=mode,
        outcome=doc.outcome,
        flags=doc.flags,
        cautions=doc.cautions,
        answers=jsonable(doc.answers),
        rules=(doc.rules.id, doc.rules.version, doc.rules.sha256),
        document=doc.to_json(),
        language=doc.language,
        note=note,
        caller_ref=caller_ref,
        now=now,
    )


def save_screening(
    env: Environment,
    db: Path | None,
    doc: ResultDocument,
    note: str,
    mode: str,
    caller_ref: str | None,
    now: datetime | None = None,
) -> int:
    """Store a completed screening and return its number; a failure is a `StorageError`,
    which the walk reports after the result, so the result is never lost."""
    from datetime import datetime, timezone

    from triage.history.store import Store, default_db_path

    moment = now or datetime.now(timezone.utc)
    screening = screening_of(doc, mode, note, caller_ref, moment)
    with Store.open(db or default_db_path(env.environ)) as store:
        return store.save(screening)

"""Storing a completed screening in the history (made by the screening layer's
`records`, which the web's "Send to the clinic" uses too)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from triage.cli.environment import Environment
from triage.screening.records import screening_of

__all__ = ["save_screening", "screening_of"]

if TYPE_CHECKING:
    from triage.output.result import ResultDocument


def save_screening(
    env: Environment,
    db: Path | None,
    doc: ResultDocument,
    note: str,
    mode: str,
    caller_ref: str | None,
) -> int:
    """Store a completed screening; a failure is a `StorageError`, raised after the result
    was printed, so the result is never lost."""
    from datetime import datetime, timezone

    from triage.history.store import Store, default_db_path

    screening = screening_of(doc, mode, note, caller_ref, datetime.now(timezone.utc))
    with Store.open(db or default_db_path(env.environ)) as store:
        return store.save(screening)


def waiting_count(env: Environment, db: Path | None) -> int:
    """How many screenings sent from the web wait for a call back (0 when unknown: the
    call comes first, and a history that cannot be read says so when saving)."""
    from triage.errors import StorageError
    from triage.history.contacts import count_waiting
    from triage.history.store import Store, default_db_path, history_exists

    try:
        path = db or default_db_path(env.environ)
        if not history_exists(path):
            return 0
        with Store.open(path) as store:
            return count_waiting(store)
    except (StorageError, RuntimeError):  # RuntimeError: no home folder to find it in
        return 0

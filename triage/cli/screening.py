"""Storing a completed screening in the history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from triage.cli.environment import Environment


def save_screening(
    env: Environment,
    db: Path | None,
    doc: dict[str, Any],
    note: str,
    mode: str,
    caller_ref: str | None,
) -> int:
    """Store a completed screening; a failure is a `StorageError`, raised after the result
    was printed, so the result is never lost."""
    from datetime import datetime, timezone

    from triage.history.store import Screening, Store, default_db_path

    now = datetime.now(timezone.utc)
    screening = Screening.from_document(doc, mode, note, caller_ref, now)
    with Store.open(db or default_db_path(env.environ)) as store:
        return store.save(screening)

"""Storing a completed screening in the history (made by the screening layer's
`records`, which the web's "Send to the clinic" uses too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from triage.cli.environment import Environment
from triage.screening.records import screening_of

__all__ = ["save_screening", "screening_of"]

if TYPE_CHECKING:
    from datetime import datetime

    from triage.history.address import Address
    from triage.history.screening import Channel
    from triage.output.result import ResultDocument


def address_of(env: Environment, db: str | None) -> Address:
    """Where the history is: --db, else TRIAGE_DB, else the user's data folder."""
    from triage.history.address import AddressError, parse
    from triage.history.stores import default_address

    try:
        return parse(db, typed=True) if db else default_address(env.environ)
    except AddressError as error:
        from triage.errors import UsageError

        raise UsageError(str(error)) from None


def save_screening(
    env: Environment,
    db: str | None,
    doc: ResultDocument,
    note: str,
    channel: Channel,
    caller_ref: str | None,
    now: datetime | None = None,
) -> int:
    """Store a completed screening in one transaction and return its number; a failure is
    a `StorageError`, which the walk reports after the result, so the result is never lost."""
    from datetime import datetime, timezone

    from triage.history.stores import open_history

    moment = now or datetime.now(timezone.utc)
    screening = screening_of(doc, channel, note, caller_ref, moment)
    with open_history(address_of(env, db)) as store:
        return store.save(screening)


def waiting_count(env: Environment, db: str | None) -> int:
    """How many screenings sent from the web wait for a call back (0 when unknown: the
    call comes first, and a history that cannot be read says so when saving)."""
    from triage.errors import StorageError, UsageError
    from triage.history.stores import history_exists, open_history

    try:
        path = address_of(env, db)
        if not history_exists(path):
            return 0
        with open_history(path, write=False) as store:
            return store.count_waiting()
    except (StorageError, UsageError, RuntimeError):  # RuntimeError: no home folder to find it in
        return 0

"""Storing a completed screening in the history.

The history keeps plain values and the result's JSON; it never reads the output's
types, so this is where the result document's fields become a `Screening`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triage.cli.environment import Environment

if TYPE_CHECKING:
    from datetime import datetime

    from triage.history.address import Address
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
    mode: str,
    caller_ref: str | None,
    now: datetime | None = None,
) -> int:
    """Store a completed screening in one transaction and return its number; a failure is
    a `StorageError`, which the walk reports after the result, so the result is never lost."""
    from datetime import datetime, timezone

    from triage.history.stores import open_history

    moment = now or datetime.now(timezone.utc)
    screening = screening_of(doc, mode, note, caller_ref, moment)
    with open_history(address_of(env, db)) as store:
        return store.save(screening)

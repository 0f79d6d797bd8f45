"""Storing a finished screening, and what the desk is told of the history before a call.

The history's address comes from the shell (`--db`, a setting) or the environment
(TRIAGE_DB, else the user's data folder), the same way for every command.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from triage.history.address import Address
    from triage.screening.concluding import Concluded


def history_address(db: str | None, environ: Mapping[str, str]) -> Address:
    """Where the history is: `db` as given, else TRIAGE_DB, else the user's data folder;
    an address that cannot be one is a `UsageError`."""
    from triage.history.address import AddressError, parse
    from triage.history.stores import default_address

    try:
        return parse(db, typed=True) if db else default_address(environ)
    except AddressError as error:
        from triage.errors import UsageError

        raise UsageError(str(error)) from None


def save(concluded: Concluded, address: Address) -> int:
    """Store a finished screening in one transaction and return its number; a failure is
    a `StorageError`, which a shell reports after the result, so the result is never lost."""
    from triage.history.stores import open_history

    with open_history(address) as store:
        return store.save(concluded.screening())


def waiting_count(db: str | None, environ: Mapping[str, str]) -> int:
    """How many screenings sent from the web wait for a call back (0 when unknown: the
    call comes first, and a history that cannot be read says so when saving)."""
    from triage.errors import StorageError, UsageError
    from triage.history.stores import history_exists, open_history

    try:
        address = history_address(db, environ)
        if not history_exists(address):
            return 0
        with open_history(address, write=False) as store:
            return store.count_waiting()
    except (StorageError, UsageError, RuntimeError):  # RuntimeError: no home folder to find it in
        return 0

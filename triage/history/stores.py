"""Opening a history wherever it is: an SQLite file, or a PostgreSQL database.

Both stores answer the same calls (`History`), so the commands never ask which one
they hold. The PostgreSQL store (and its driver) is imported only for its addresses.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from datetime import date, datetime
from types import TracebackType
from typing import Protocol, TypeVar

from triage.history.address import Address, parse
from triage.history.contacts import Contact, Waiting
from triage.history.screening import Screening

H = TypeVar("H", bound="History")


class History(Protocol):
    """An open screening history, SQLite or PostgreSQL."""

    writing: bool

    @property
    def path(self) -> object:
        """The name shown to a person (never a password)."""

    def __enter__(self: H) -> H: ...
    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None: ...
    def close(self) -> None: ...
    def save(self, screening: Screening, contact: Contact | None = None) -> int: ...
    def waiting(self) -> builtins.list[Waiting]: ...
    def count_waiting(self) -> int: ...
    def contact_of(self, screening_id: int) -> Waiting | None: ...
    def mark_done(self, screening_id: int, by: str, now: datetime | None = None) -> bool: ...
    def purge_id(self, screening_id: int) -> bool: ...
    def purge_contacts_older_than(self, days: int, now: datetime | None = None) -> int: ...
    def copy_in(self, screening: Screening) -> bool: ...
    def get(self, screening_id: int) -> Screening | None: ...
    def count(self, before: date | None = None) -> int: ...
    def purge(self, before: date) -> int: ...
    def copies_left(self) -> bool: ...
    def list(
        self,
        outcome: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> builtins.list[Screening]: ...


def default_address(environ: Mapping[str, str]) -> Address:
    """TRIAGE_DB when set (a path or a PostgreSQL address, its password allowed: an
    environment is not shown to other users), else the user's data folder."""
    chosen = environ.get("TRIAGE_DB", "")
    if chosen:
        return parse(chosen, typed=False)
    from triage.history.store import default_db_path

    return Address(path=default_db_path({}))


def open_history(address: Address, *, write: bool = True) -> History:
    """The history at `address`, to write (created, migrated) or only to read."""
    if address.url is not None:
        from triage.history.postgres import PostgresStore

        return PostgresStore(address, write=write)
    from triage.history.store import Store

    assert address.path is not None
    return Store(address.path, write=write)


def history_exists(address: Address) -> bool:
    """Whether there is a history to read (a database server is asked when opened)."""
    if address.path is None:
        return True
    from triage.history.store import history_exists as file_exists

    return file_exists(address.path)

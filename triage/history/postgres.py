"""The screening history in PostgreSQL, for several desks and web workers sharing one.

The same schema and statements as the SQLite file (see `schema`), through psycopg 3,
which is imported only here, when a `postgresql://` address is used: start-up and
SQLite users never load it. Each screening is saved in its own transaction; a reader
opens a read-only session and migrates nothing; the schema is migrated by one writer
at a time (an advisory lock), inside one transaction, as PostgreSQL allows for DDL.

Every failure (no driver, the server down or gone mid-way, a permission refused) is
one `StorageError` line; no password ever appears in it (see `_scrubbed`).
"""

from __future__ import annotations

import builtins
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from triage import __version__
from triage.errors import StorageError
from triage.history.address import Address
from triage.history.contacts import Contact, Waiting, contact_text, waiting_of
from triage.history.schema import (
    COLUMNS,
    CONTACT_OF,
    COUNT_WAITING,
    INSERT,
    INSERT_SENT,
    MARK_DONE,
    OLDER_COLUMNS,
    PURGE_CONTACTS,
    PURGE_ID,
    QUEUED,
    SCHEMA_VERSION,
    WAITING_NOW,
    migrate,
    render,
    selection,
    to_row,
)
from triage.history.screening import Screening, utc_stamp
from triage.i18n import _

INSTALL = "pip install 'massage-triage[postgres]'"
MIGRATION_LOCK = 0x7472_6961_6765  # "triage": one migrating writer at a time
CONNECT_TIMEOUT = 10  # seconds, unless the address says otherwise


def _driver() -> Any:
    try:
        import psycopg
    except ImportError as error:
        message = _(
            "a PostgreSQL history needs the psycopg driver ({why}): install it with {command}"
        )
        raise StorageError(message.format(why=error, command=INSTALL)) from None
    return psycopg


def _secrets(url: str) -> list[str]:
    """Every password this process could be holding for the address."""
    found = [os.environ.get("PGPASSWORD", "")]
    try:
        parts = urlsplit(url)
        found += [parts.password or "", unquote(parts.password or "")]
        found += [v for k, v in parse_qsl(parts.query) if k == "password"]
        found += [v for k, v in parse_qsl(parts.query) if k == "password" for v in (quote(v),)]
    except ValueError:
        pass
    return [s for s in found if len(s) >= 1]


def _scrubbed(text: str, url: str) -> str:
    """The text with every password replaced, longest first (one may hold another)."""
    for secret in sorted(_secrets(url), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


class PostgresStore:
    """An open screening history in a PostgreSQL database (see `Store` for SQLite)."""

    dialect = "postgresql"

    def __init__(self, address: Address, *, write: bool = True) -> None:
        assert address.url is not None
        self.address = address
        self.path = str(address)  # the name shown: no password
        self.writing = write
        self._columns = COLUMNS
        self._psycopg = _driver()
        settings: dict[str, Any] = {"autocommit": True}
        if "connect_timeout" not in address.url:
            settings["connect_timeout"] = CONNECT_TIMEOUT
        with self._reporting("open"):
            self._conn = self._psycopg.connect(address.url, **settings)
        try:
            with self._reporting("open"):
                if write:
                    self._migrate()
                else:
                    self._conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                    self._check_readable()
        except BaseException:
            self._conn.close()
            raise

    @classmethod
    def open(cls, address: Address, *, write: bool = True) -> PostgresStore:
        return cls(address, write=write)

    # ------------------------------------------------------------ failures

    @contextmanager
    def _reporting(self, doing: str) -> Iterator[None]:
        try:
            yield
        except StorageError:
            raise
        except self._psycopg.Error as error:
            raise self._error(doing, error) from None

    def _error(self, doing: str, error: BaseException) -> StorageError:
        errors = self._psycopg.errors
        lines = (str(error) or type(error).__name__).strip().splitlines() or [""]
        reason = _scrubbed(lines[0].strip(), self.address.url or "")
        if isinstance(error, errors.InsufficientPrivilege):
            hint = _("this database role may not do that: see the README's PostgreSQL setup")
        elif isinstance(error, self._psycopg.OperationalError):
            hint = _(
                "the database server cannot be reached or the connection was lost: check "
                "the address and that the server runs, then try again"
            )
        else:
            hint = _("use --db or TRIAGE_DB to choose another place")
        messages = {
            "open": _("cannot open the screening history at {path}: {reason} ({hint})"),
            "read": _("cannot read the screening history at {path}: {reason} ({hint})"),
            "write": _("cannot write the screening history at {path}: {reason} ({hint})"),
            "close": _("cannot close the screening history at {path}: {reason} ({hint})"),
        }
        message = messages.get(doing, messages["open"])
        return StorageError(message.format(path=self.path, reason=reason, hint=hint))

    # ------------------------------------------------------------ statements

    def _run(self, sql: str, params: Sequence[Any] = ()) -> builtins.list[tuple[Any, ...]]:
        cursor = self._conn.execute(render(sql, self.dialect), params)
        return cursor.fetchall() if cursor.description else []

    def _tables(self) -> tuple[bool, bool]:
        row = self._run("SELECT to_regclass('triage_meta'), to_regclass('screenings')")[0]
        return row[0] is not None, row[1] is not None

    def _meta(self, key: str) -> str | None:
        rows = self._run("SELECT value FROM triage_meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def _version(self) -> int:
        """The schema's version (0: no history here yet); another program's table of
        the same name is refused, never changed."""
        meta, screenings = self._tables()
        if meta:
            try:
                return int(self._meta("schema_version") or "0")
            except ValueError:
                return 0
        if screenings:
            raise StorageError(
                _(
                    "{path} is a database of another program, not a screening history: {where_else}"
                ).format(
                    path=self.path, where_else=_("use --db or TRIAGE_DB to choose another place")
                )
            )
        return 0

    def _refuse_newer(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            from triage.history.store import newer

            raise newer(self.path, version, self._meta("written_by"))

    def _migrate(self) -> None:
        version = self._version()
        self._refuse_newer(version)
        if version == SCHEMA_VERSION:
            return
        # A lock of the session, taken before the transaction: a transaction that began
        # before another desk's migration committed would still see its old catalog.
        self._run("SELECT pg_advisory_lock(?)", (MIGRATION_LOCK,))
        try:
            with self._conn.transaction():
                version = self._version()  # again: another desk may have migrated meanwhile
                self._refuse_newer(version)
                if version < SCHEMA_VERSION:
                    migrate(self._run, version, self.dialect, __version__)
        finally:
            self._run("SELECT pg_advisory_unlock(?)", (MIGRATION_LOCK,))

    def _check_readable(self) -> None:
        version = self._version()
        self._refuse_newer(version)
        if version == 0:
            self._columns = ""  # nothing saved here yet
        elif version < SCHEMA_VERSION:
            self._columns = OLDER_COLUMNS[version]

    # ------------------------------------------------------------ the store

    def close(self) -> None:
        with self._reporting("close"):
            self._conn.close()

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def save(self, screening: Screening, contact: Contact | None = None) -> int:
        """Store a screening (with the contact of a person who sent it from the web, when
        given) in one transaction and return its number in this database."""
        sql, row = INSERT, to_row(screening)
        if contact is not None:
            sql, row = INSERT_SENT, (*row, contact_text(contact))
        with self._reporting("write"), self._conn.transaction():
            return int(self._run(sql + " RETURNING id", row)[0][0])

    def _queued(self) -> bool:
        return self._columns in QUEUED

    def waiting(self) -> builtins.list[Waiting]:
        """The screenings sent from the web that nobody has handled yet, newest first."""
        if not self._queued():
            return []
        with self._reporting("read"):
            return [waiting_of(row) for row in self._run(WAITING_NOW)]

    def count_waiting(self) -> int:
        if not self._queued():
            return 0
        with self._reporting("read"):
            return int(self._run(COUNT_WAITING)[0][0])

    def contact_of(self, screening_id: int) -> Waiting | None:
        if not 0 < screening_id < 2**63 or not self._queued():
            return None
        with self._reporting("read"):
            rows = self._run(CONTACT_OF, (screening_id,))
        return waiting_of(rows[0]) if rows else None

    def mark_done(self, screening_id: int, by: str, now: datetime | None = None) -> bool:
        if not 0 < screening_id < 2**63:
            return False
        when = utc_stamp(now or datetime.now(timezone.utc))
        with self._reporting("write"), self._conn.transaction():
            return bool(self._run(MARK_DONE + " RETURNING id", (when, by, screening_id)))

    def purge_id(self, screening_id: int) -> bool:
        if not 0 < screening_id < 2**63:
            return False
        with self._reporting("write"), self._conn.transaction():
            return bool(self._run(PURGE_ID + " RETURNING id", (screening_id,)))

    def purge_contacts_older_than(self, days: int, now: datetime | None = None) -> int:
        limit = utc_stamp((now or datetime.now(timezone.utc)) - timedelta(days=days))
        with self._reporting("write"), self._conn.transaction():
            return len(self._run(PURGE_CONTACTS + " RETURNING id", (limit,)))

    def copy_in(self, screening: Screening) -> bool:
        """Store a screening copied from another history unless its unique id is here."""
        sql = INSERT + " ON CONFLICT (uid) DO NOTHING RETURNING id"
        with self._reporting("write"), self._conn.transaction():
            return bool(self._run(sql, to_row(screening)))

    def get(self, screening_id: int) -> Screening | None:
        if not 0 < screening_id < 2**63 or not self._columns:
            return None
        with self._reporting("read"):
            rows = self._run(
                f"SELECT {self._columns} FROM screenings WHERE id = ?", (screening_id,)
            )
        return _decoded(self.path, rows)[0] if rows else None

    def count(self, before: date | None = None) -> int:
        if not self._columns:
            return 0
        sql = "SELECT count(*) FROM screenings"
        params: tuple[str, ...] = ()
        if before is not None:
            sql, params = sql + " WHERE created_at < ?", (before.isoformat(),)
        with self._reporting("read"):
            return int(self._run(sql, params)[0][0])

    def purge(self, before: date) -> int:
        """Delete the screenings recorded strictly before a day (UTC); returns how many.

        PostgreSQL keeps the deleted rows' old versions until VACUUM reclaims them (see
        the README); nothing here can erase them."""
        with self._reporting("write"), self._conn.transaction():
            cursor = self._conn.execute(
                render("DELETE FROM screenings WHERE created_at < ?", self.dialect),
                (before.isoformat(),),
            )
            return int(cursor.rowcount)

    def copies_left(self) -> bool:
        return False  # the server's own matter: VACUUM, see the README

    def list(
        self,
        outcome: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> builtins.list[Screening]:
        if not self._columns:
            return []
        where, params = selection(outcome, since, until, limit)
        with self._reporting("read"):
            rows = self._run(f"SELECT {self._columns} FROM screenings{where}", params)
        return _decoded(self.path, rows)


def _decoded(name: str, rows: builtins.list[tuple[Any, ...]]) -> builtins.list[Screening]:
    from triage.history.store import decoded

    return decoded(name, rows)

"""The screening history: completed screenings kept on this computer, in one SQLite file.

It is health data, so the file is private (see `private`), deleted rows are overwritten
rather than left in free pages, and nothing leaves the computer except through an
explicit export (see `export`). Two terminals may save at the same time: the file is
in WAL mode and a writer waits for the other rather than failing.

Every failure of SQLite or of the file system becomes one `StorageError` naming the
file and what to do, never a traceback (see `failures`).
"""

from __future__ import annotations

import builtins
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from triage import __version__
from triage.errors import StorageError, printable
from triage.history.contacts import Contact, Waiting, contact_text, waiting_of
from triage.history.export import from_json, to_csv, to_json
from triage.history.failures import busy, reporting, storage_error, where_else
from triage.history.private import no_climb, private_file, private_folder
from triage.history.recognise import Found, recognise
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
    from_row,
    migrate,
    selection,
    to_row,
)
from triage.history.screening import MODES, Screening, utc_stamp
from triage.i18n import _

__all__ = [  # what callers use, wherever it lives
    "MODES",
    "SCHEMA_VERSION",
    "NoSuchScreening",
    "Screening",
    "Store",
    "default_db_path",
    "from_json",
    "to_csv",
    "to_json",
    "utc_stamp",
]

APP_NAME = "massage-triage"
FILE_NAME = "history.sqlite3"
BUSY_TIMEOUT = 5.0  # seconds a writer waits for another one before giving up


def default_db_path(environ: Mapping[str, str]) -> Path:
    """TRIAGE_DB when set, else the user's data folder (e.g. ~/.local/share/massage-triage)."""
    chosen = environ.get("TRIAGE_DB", "")
    if chosen:
        try:
            return Path(chosen).expanduser()
        except RuntimeError:  # ~user of no known user: the name as written
            return Path(chosen)
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / FILE_NAME


def history_exists(path: Path) -> bool:
    """Whether there is a history at `path` yet (reading commands create nothing); an
    empty file (a placeholder) holds none yet."""
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        return False
    except (OSError, ValueError) as error:  # a name too long, a NUL byte...
        if isinstance(error, ValueError):
            error = OSError(0, str(error))
        raise storage_error(path, "open", error) from None
    return size > 0 or not os.path.isfile(path)


def decoded(path: Path | str, rows: Iterator[Any] | builtins.list[Any]) -> builtins.list[Screening]:
    """Rows as screenings; a row another program changed into nonsense is one clear error."""
    found = []
    for row in rows:
        try:
            found.append(from_row(row))
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError) as error:
            why = _("nested too deeply") if isinstance(error, RecursionError) else error
            message = _("the screening history at {path} is damaged (screening {id}): {why}")
            raise StorageError(message.format(path=path, id=row[0], why=why)) from None
    return found


def _peek(path: Path, sql: str) -> tuple[Any, ...] | None:
    """One row read from the file as an immutable one: no lock taken, no journal or
    shared memory made; None when it cannot be read so (the caller decides)."""
    address = Path(os.path.abspath(path)).as_uri() + "?mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(address, uri=True)
        try:
            row = conn.execute(sql).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return tuple(row) if row else None


def _has_tables(path: Path) -> bool:
    """Whether a database whose header says version 0 holds tables: another program's.

    A file another terminal is creating this very instant may not read yet: it is then
    taken as new, and checked again inside the writer's transaction.
    """
    row = _peek(path, "SELECT count(*) FROM sqlite_master")
    return bool(row and row[0])


def _written_by(path: Path) -> str | None:
    """Which massage-triage last migrated a history; None when it does not say."""
    row = _peek(path, "SELECT value FROM triage_meta WHERE key = 'written_by'")
    return str(row[0]) if row else None


def newer(name: str, version: int, written_by: str | None) -> StorageError:
    """A history of a newer schema: refused, never changed, saying who wrote it."""
    if written_by:
        message = _(
            "the screening history at {path} was written by massage-triage {by} (schema "
            "version {version}; this one knows up to {known}): upgrade massage-triage "
            "(every desk sharing it upgrades together), or {where_else}"
        )
    else:
        message = _(
            "the screening history at {path} was written by a newer "
            "massage-triage (schema version {version}; this one knows up to "
            "{known}): upgrade massage-triage, or {where_else}"
        )
    return StorageError(
        message.format(
            path=name,
            by=printable(written_by or "")[:40],
            version=version,
            known=SCHEMA_VERSION,
            where_else=where_else(),
        )
    )


class NoSuchScreening(StorageError):
    """`show` of an id that is not (or no longer) in the history."""


class Store:
    """An open screening history. Use as a context manager: `with Store.open(path) as s:`."""

    def __init__(
        self, path: Path, *, busy_timeout: float = BUSY_TIMEOUT, write: bool = True
    ) -> None:
        """Open the history at `path`, to write (created, made private, migrated) or only
        to read (`write=False`: opened read-only, nothing on disk changed, not even the
        mode of a file others may read).

        Either way, a file that is not a history this version knows is refused before
        anything opens it (see `recognise`).
        """
        self.path = Path(path)
        self.writing = write
        self._columns = COLUMNS
        with reporting(self.path, "open"):
            self._refuse_unrecognised(recognise(self.path))
        if write:
            with reporting(self.path, "create"):
                no_climb(self.path)
                private_folder(self.path.parent)
                private_file(self.path)
        with reporting(self.path, "open"):
            if write:  # isolation_level=None: transactions are begun here (see _write)
                self._conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
            else:
                address = Path(os.path.abspath(self.path)).as_uri() + "?mode=ro"
                self._conn = sqlite3.connect(
                    address, timeout=busy_timeout, isolation_level=None, uri=True
                )
        try:
            with reporting(self.path, "open"):
                if write:
                    self._set_up(time.monotonic() + busy_timeout)
                else:
                    self._check_readable()
        except BaseException:
            self._conn.close()
            raise

    def _refuse_unrecognised(self, found: Found | None) -> None:
        """Another program's database, or a newer version's history, before opening it."""
        if found is None or found.version is None or found.version == SCHEMA_VERSION:
            return
        if found.version > SCHEMA_VERSION:
            raise self._newer(found.version)
        if found.version == 0 and not found.wal and _has_tables(self.path):
            raise self._foreign()

    def _newer(self, version: int) -> StorageError:
        return newer(str(self.path), version, _written_by(self.path))

    def _foreign(self) -> StorageError:
        return StorageError(
            _(
                "{path} is a database of another program, not a screening history: {where_else}"
            ).format(path=self.path, where_else=where_else())
        )

    def _check_readable(self) -> None:
        """A reader takes the history as it is: a recognised older version is read with
        the columns it has (only a writer migrates it)."""
        version = self._version()
        if version > SCHEMA_VERSION:
            raise self._newer(version)
        tables = {row[0] for row in self._conn.execute("SELECT name FROM sqlite_master")}
        if version == 0 and tables:
            raise self._foreign()
        if version == 0:
            self._columns = ""  # an empty database: nothing saved yet
        elif version < SCHEMA_VERSION:
            self._columns = OLDER_COLUMNS[version]

    def _set_up(self, deadline: float) -> None:
        """Settings and schema, retried while another terminal is doing the same.

        Switching a new file to WAL needs it alone for an instant, and SQLite reports
        that as "locked" at once instead of waiting: a second terminal opening the same
        new file then simply tries again, until the busy timeout.
        """
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA foreign_keys = ON")
                self._conn.execute("PRAGMA secure_delete = ON")  # purged rows do not linger
                self._migrate()
                return
            except sqlite3.OperationalError as error:
                if not busy(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    @classmethod
    def open(cls, path: Path, *, busy_timeout: float = BUSY_TIMEOUT, write: bool = True) -> Store:
        return cls(path, busy_timeout=busy_timeout, write=write)

    def close(self) -> None:
        with reporting(self.path, "close"):
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction holding the write lock from its start (BEGIN IMMEDIATE).

        A deferred transaction that reads then writes can fail at once with "database
        is locked" when another terminal writes; an immediate one waits its turn.
        """
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:  # SQLite may have rolled back already
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        if self._version() == SCHEMA_VERSION:
            return
        with self._write() as conn:
            version = self._version()  # again: another terminal may have migrated meanwhile
            if version > SCHEMA_VERSION:
                raise self._newer(version)
            if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise self._foreign()

            def run(sql: str, params: Sequence[Any]) -> builtins.list[tuple[Any, ...]]:
                return conn.execute(sql, params).fetchall()

            migrate(run, version, "sqlite", __version__)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def save(self, screening: Screening, contact: Contact | None = None) -> int:
        """Store a screening (its id is ignored), with the contact of a person who sent
        it from the web when given, in one transaction; its number."""
        sql, row = INSERT, to_row(screening)
        if contact is not None:
            sql, row = INSERT_SENT, (*row, contact_text(contact))
        with reporting(self.path, "write"), self._write() as conn:
            return int(conn.execute(sql, row).lastrowid or 0)

    def _queued(self) -> bool:
        """Whether this history has the queue's columns (a reader of an older one not)."""
        return self._columns in QUEUED

    def waiting(self) -> builtins.list[Waiting]:
        """The screenings sent from the web that nobody has handled yet, newest first."""
        if not self._queued():
            return []
        with reporting(self.path, "read"):
            return [waiting_of(row) for row in self._conn.execute(WAITING_NOW).fetchall()]

    def count_waiting(self) -> int:
        if not self._queued():
            return 0
        with reporting(self.path, "read"):
            return int(self._conn.execute(COUNT_WAITING).fetchone()[0])

    def contact_of(self, screening_id: int) -> Waiting | None:
        """A screening's contact and whether it was handled; None when it has none."""
        if not 0 < screening_id < 2**63 or not self._queued():
            return None
        with reporting(self.path, "read"):
            row = self._conn.execute(CONTACT_OF, (screening_id,)).fetchone()
        return waiting_of(row) if row else None

    def mark_done(self, screening_id: int, by: str, now: datetime | None = None) -> bool:
        """Mark a screening sent from the web handled, by whom and when; whether there
        was one to mark."""
        if not 0 < screening_id < 2**63:
            return False
        when = utc_stamp(now or datetime.now(timezone.utc))
        with reporting(self.path, "write"), self._write() as conn:
            return conn.execute(MARK_DONE, (when, by, screening_id)).rowcount > 0

    def purge_id(self, screening_id: int) -> bool:
        """Delete one screening (and its contact) for good; whether it was there."""
        if not 0 < screening_id < 2**63:
            return False
        with reporting(self.path, "write"), self._write() as conn:
            deleted = conn.execute(PURGE_ID, (screening_id,)).rowcount
        self.copies_left()
        return deleted > 0

    def purge_contacts_older_than(self, days: int, now: datetime | None = None) -> int:
        """Delete the screenings sent from the web more than `days` days ago; how many."""
        limit = utc_stamp((now or datetime.now(timezone.utc)) - timedelta(days=days))
        with reporting(self.path, "write"), self._write() as conn:
            deleted = int(conn.execute(PURGE_CONTACTS, (limit,)).rowcount)
        if deleted:
            self.copies_left()
        return deleted

    def copy_in(self, screening: Screening) -> bool:
        """Store a screening copied from another history, unless one with its unique id is
        here already; whether it was added."""
        sql = INSERT + " ON CONFLICT (uid) DO NOTHING"
        with reporting(self.path, "write"), self._write() as conn:
            return conn.execute(sql, to_row(screening)).rowcount > 0

    def get(self, screening_id: int) -> Screening | None:
        if not 0 < screening_id < 2**63:  # no SQLite row id is outside this range
            return None
        with reporting(self.path, "read"):
            if not self._columns:
                return None
            row = self._conn.execute(
                f"SELECT {self._columns} FROM screenings WHERE id = ?", (screening_id,)
            ).fetchone()
        return decoded(self.path, [row])[0] if row else None

    def count(self, before: date | None = None) -> int:
        """How many screenings are stored (recorded strictly before a day, when given)."""
        if not self._columns:
            return 0
        sql = "SELECT count(*) FROM screenings"
        params: tuple[str, ...] = ()
        if before is not None:
            sql, params = sql + " WHERE created_at < ?", (before.isoformat(),)
        with reporting(self.path, "read"):
            return int(self._conn.execute(sql, params).fetchone()[0])

    def purge(self, before: date) -> int:
        """Delete the screenings recorded strictly before a day (UTC); returns how many."""
        with reporting(self.path, "write"), self._write() as conn:
            deleted = conn.execute(
                "DELETE FROM screenings WHERE created_at < ?", (before.isoformat(),)
            ).rowcount
        self.copies_left()
        return int(deleted)

    def copies_left(self) -> bool:
        """Copy the overwritten pages into the file and empty the write-ahead log; whether
        old copies of rows are still in the log.

        They are while another program holds the history open in the middle of reading
        it: the log can only be emptied once it has finished.
        """
        with reporting(self.path, "write"):
            blocked, frames, _copied = self._conn.execute(
                "PRAGMA wal_checkpoint(TRUNCATE)"
            ).fetchone()
        return bool(blocked) or frames > 0

    def list(
        self,
        outcome: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> builtins.list[Screening]:
        """Newest first; `since` and `until` are days (UTC), both included."""
        if not self._columns:
            return []
        where, params = selection(outcome, since, until, limit)
        with reporting(self.path, "read"):
            rows = self._conn.execute(f"SELECT {self._columns} FROM screenings{where}", params)
            return decoded(self.path, rows.fetchall())

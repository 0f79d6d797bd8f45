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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from triage.errors import StorageError
from triage.history.export import from_json, to_csv, to_json
from triage.history.failures import busy, reporting, storage_error, where_else
from triage.history.private import private_file, private_folder
from triage.history.schema import COLUMNS, MIGRATIONS, SCHEMA_VERSION, from_row, to_row
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
    """Whether there is a history at `path` yet (reading commands create nothing)."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except (OSError, ValueError) as error:  # a name too long, a NUL byte...
        if isinstance(error, ValueError):
            error = OSError(0, str(error))
        raise storage_error(path, "open", error) from None
    return True


def _decoded(path: Path, rows: Iterator[Any] | builtins.list[Any]) -> builtins.list[Screening]:
    """Rows as screenings; a row another program changed into nonsense is one clear error."""
    found = []
    for row in rows:
        try:
            found.append(from_row(row))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            message = _("the screening history at {path} is damaged (screening {id}): {why}")
            raise StorageError(message.format(path=path, id=row[0], why=error)) from None
    return found


class NoSuchScreening(StorageError):
    """`show` of an id that is not (or no longer) in the history."""


class Store:
    """An open screening history. Use as a context manager: `with Store.open(path) as s:`."""

    def __init__(self, path: Path, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        with reporting(self.path, "create"):
            private_folder(self.path.parent)
            private_file(self.path)
        with reporting(self.path, "open"):
            # isolation_level=None: transactions are begun here, explicitly (see _write)
            self._conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        try:
            with reporting(self.path, "open"):
                self._set_up(time.monotonic() + busy_timeout)
        except BaseException:
            self._conn.close()
            raise

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
    def open(cls, path: Path, *, busy_timeout: float = BUSY_TIMEOUT) -> Store:
        return cls(path, busy_timeout=busy_timeout)

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
                raise StorageError(
                    _(
                        "the screening history at {path} was written by a newer "
                        "massage-triage (schema version {version}; this one knows up to "
                        "{known}): upgrade massage-triage, or {where_else}"
                    ).format(
                        path=self.path,
                        version=version,
                        known=SCHEMA_VERSION,
                        where_else=where_else(),
                    )
                )
            if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StorageError(
                    _(
                        "{path} is a database of another program, not a screening "
                        "history: {where_else}"
                    ).format(path=self.path, where_else=where_else())
                )
            for steps in MIGRATIONS[version:]:
                for step in steps:
                    if isinstance(step, str):
                        conn.execute(step)
                    else:
                        step(conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def save(self, screening: Screening) -> int:
        """Store a screening (its id is ignored) and return the new id."""
        marks = ", ".join("?" * 13)
        with reporting(self.path, "write"), self._write() as conn:
            cursor = conn.execute(
                f"INSERT INTO screenings ({COLUMNS.removeprefix('id, ')}) VALUES ({marks})",
                to_row(screening),
            )
            return int(cursor.lastrowid or 0)

    def get(self, screening_id: int) -> Screening | None:
        if not 0 < screening_id < 2**63:  # no SQLite row id is outside this range
            return None
        with reporting(self.path, "read"):
            row = self._conn.execute(
                f"SELECT {COLUMNS} FROM screenings WHERE id = ?", (screening_id,)
            ).fetchone()
        return _decoded(self.path, [row])[0] if row else None

    def count(self, before: date | None = None) -> int:
        """How many screenings are stored (recorded strictly before a day, when given)."""
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
        where: builtins.list[str] = []
        params: builtins.list[Any] = []
        if outcome is not None:
            where.append("outcome = ?")
            params.append(outcome)
        if since is not None:
            where.append("created_at >= ?")
            params.append(since.isoformat())
        if until is not None and until < date.max:
            where.append("created_at < ?")
            params.append((until + timedelta(days=1)).isoformat())
        sql = f"SELECT {COLUMNS} FROM screenings"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with reporting(self.path, "read"):
            rows = self._conn.execute(sql, params).fetchall()
        return _decoded(self.path, rows)

"""The screening history: completed screenings kept on this computer, in one SQLite file.

It is health data, so the file is private (0600, in a 0700 folder the tool creates),
deleted rows are overwritten rather than left in free pages, and nothing leaves the
computer except through an explicit export. Two terminals may save at the same time:
the file is in WAL mode and a writer waits for the other rather than failing.

Every failure of SQLite or of the file system becomes one `StorageError` naming the
file and what to do, never a traceback.
"""

from __future__ import annotations

import builtins
import csv
import errno
import io
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import TracebackType
from typing import Any

from triage.errors import StorageError
from triage.i18n import _

APP_NAME = "massage-triage"
FILE_NAME = "history.sqlite3"
MODES = ("client", "reception")
BUSY_TIMEOUT = 5.0  # seconds a writer waits for another one before giving up


def _where_else() -> str:
    return _("use --db or TRIAGE_DB to choose another place")


def default_db_path(environ: Mapping[str, str]) -> Path:
    """TRIAGE_DB when set, else the user's data folder (e.g. ~/.local/share/massage-triage)."""
    chosen = environ.get("TRIAGE_DB", "")
    if chosen:
        return Path(chosen).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / FILE_NAME


def utc_stamp(moment: datetime) -> str:
    """ISO 8601 in UTC to the second, e.g. 2026-11-23T19:45:12Z: sorts as text."""
    if moment.tzinfo is None:
        raise ValueError("a screening time must carry its time zone")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Screening:
    """One completed screening, as stored: what was answered, concluded and shown."""

    id: int | None
    created_at: str
    mode: str
    outcome: str
    flags: list[str]
    cautions: list[str]
    answers: dict[str, Any]
    rules_id: str
    rules_version: str
    rules_sha256: str
    caller_ref: str | None
    note: str
    document: dict[str, Any]
    language: str = "en"

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")

    @classmethod
    def new(
        cls,
        *,
        mode: str,
        outcome: str,
        flags: Sequence[str],
        cautions: Sequence[str],
        answers: Mapping[str, Any],
        rules: tuple[str, str, str],
        document: Mapping[str, Any],
        language: str,
        note: str,
        caller_ref: str | None = None,
        now: datetime | None = None,
    ) -> Screening:
        """A new (unsaved) screening; the shell gives what the result said as plain values
        (`rules` is the rule set's id, version and sha256; `document` its JSON form)."""
        rules_id, rules_version, rules_sha256 = rules
        return cls(
            id=None,
            created_at=utc_stamp(now or datetime.now(timezone.utc)),
            mode=mode,
            outcome=outcome,
            flags=list(flags),
            cautions=list(cautions),
            answers=dict(answers),
            rules_id=rules_id,
            rules_version=rules_version,
            rules_sha256=rules_sha256,
            caller_ref=(caller_ref or "").strip() or None,
            note=note,
            document=dict(document),
            language=language or "en",
        )


# ----------------------------------------------------------------- schema

Step = str | Callable[[sqlite3.Connection], None]


def _backfill_language(conn: sqlite3.Connection) -> None:
    """Version 2: rows saved before the column existed take the language of their document."""
    rows = conn.execute("SELECT id, document FROM screenings").fetchall()
    for row_id, text in rows:
        try:
            language = json.loads(text).get("language") or "en"
        except (ValueError, AttributeError):
            continue
        conn.execute("UPDATE screenings SET language = ? WHERE id = ?", (str(language), row_id))


# Applied in order, each inside the one transaction that also sets `user_version`; a
# released migration is never edited: a change is a new entry at the end.
MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    (  # 1: the screenings
        """CREATE TABLE screenings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('client', 'reception')),
            outcome TEXT NOT NULL,
            flags TEXT NOT NULL,
            cautions TEXT NOT NULL,
            answers TEXT NOT NULL,
            rules_id TEXT NOT NULL,
            rules_version TEXT NOT NULL,
            rules_sha256 TEXT NOT NULL,
            caller_ref TEXT,
            note TEXT NOT NULL,
            document TEXT NOT NULL
        )""",
    ),
    (  # 2: list and purge by day and outcome without reading every row; the language
        "CREATE INDEX screenings_by_time ON screenings (created_at)",
        "CREATE INDEX screenings_by_outcome ON screenings (outcome, created_at)",
        "ALTER TABLE screenings ADD COLUMN language TEXT NOT NULL DEFAULT 'en'",
        _backfill_language,
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)

COLUMNS = (
    "id, created_at, mode, outcome, flags, cautions, answers, rules_id, rules_version, "
    "rules_sha256, caller_ref, note, document, language"
)


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _row(screening: Screening) -> tuple[Any, ...]:
    s = screening
    return (
        s.created_at,
        s.mode,
        s.outcome,
        _dumps(s.flags),
        _dumps(s.cautions),
        _dumps(s.answers),
        s.rules_id,
        s.rules_version,
        s.rules_sha256,
        s.caller_ref,
        s.note,
        _dumps(s.document),
        s.language,
    )


def _screening(row: Sequence[Any]) -> Screening:
    (id_, created, mode, outcome, flags, cautions, answers, rid, rversion, rsha) = row[:10]
    caller_ref, note, document, language = row[10:]
    return Screening(
        id=int(id_),
        created_at=created,
        mode=mode,
        outcome=outcome,
        flags=json.loads(flags),
        cautions=json.loads(cautions),
        answers=json.loads(answers),
        rules_id=rid,
        rules_version=rversion,
        rules_sha256=rsha,
        caller_ref=caller_ref,
        note=note,
        document=json.loads(document),
        language=language,
    )


# ----------------------------------------------------------------- errors


def _busy(error: BaseException) -> bool:
    """Another connection holds the lock (a condition that passes, unlike the others)."""
    if not isinstance(error, sqlite3.Error):
        return False
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(error).lower()


def _storage_error(path: Path, doing: str, error: BaseException) -> StorageError:
    """One line: which file, what failed, and what the user can do about it."""
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+
    reason = (getattr(error, "strerror", None) or str(error) or type(error).__name__).strip()
    text = reason.lower()
    if _busy(error):
        hint = _("another program kept it busy too long: try again in a moment")
    elif name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or (
        "not a database" in text or "malformed" in text
    ):
        hint = _("it is damaged or not a screening history: move it aside, or {where_else}")
        hint = hint.format(where_else=_where_else())
    elif name.startswith("SQLITE_FULL") or "disk is full" in text:
        hint = _("free some disk space, or {where_else}").format(where_else=_where_else())
    else:
        hint = _where_else()
    messages = {
        "create": _("cannot create the screening history at {path}: {reason} ({hint})"),
        "open": _("cannot open the screening history at {path}: {reason} ({hint})"),
        "read": _("cannot read the screening history at {path}: {reason} ({hint})"),
        "write": _("cannot write the screening history at {path}: {reason} ({hint})"),
        "close": _("cannot close the screening history at {path}: {reason} ({hint})"),
    }
    fallback = "cannot " + doing + " the screening history at {path}: {reason} ({hint})"
    message = messages.get(doing, fallback)
    return StorageError(message.format(path=path, reason=reason, hint=hint))


@contextmanager
def _reporting(path: Path, doing: str) -> Iterator[None]:
    try:
        yield
    except StorageError:
        raise
    except (sqlite3.Error, OSError) as error:
        raise _storage_error(path, doing, error) from None


class NoSuchScreening(StorageError):
    """`show` of an id that is not (or no longer) in the history."""


# ------------------------------------------------------------------ store


def _private_folder(folder: Path) -> None:
    """Create the folder as 0700; a folder that already exists (e.g. /tmp) is left alone."""
    if folder.is_dir():
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
    except (FileExistsError, NotADirectoryError):
        if folder.is_dir():  # made meanwhile by another terminal
            return
        blocking = next((p for p in (folder, *folder.parents) if p.is_file()), folder)
        reason = _("{path} is a file, not a folder").format(path=blocking)
        raise NotADirectoryError(errno.ENOTDIR, reason) from None
    os.chmod(folder, 0o700)  # mkdir's mode is reduced by the umask


def _private_file(path: Path) -> None:
    """Create the file as 0600 before SQLite does (it would follow the umask)."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, _("that is a folder: give a file name inside it"))
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return
    if os.name == "nt":  # no POSIX modes: the user's profile folder is what protects it
        return
    os.chmod(path, 0o600)  # the umask may have removed the owner's bits
    mode = os.stat(path).st_mode & 0o777
    if mode != 0o600:
        reason = _("the new file has mode {mode:04o}, not 0600 (the file system ignores modes)")
        reason = reason.format(mode=mode)
        raise OSError(errno.EPERM, reason)


class Store:
    """An open screening history. Use as a context manager: `with Store.open(path) as s:`."""

    def __init__(self, path: Path, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.path = Path(path)
        with _reporting(self.path, "create"):
            _private_folder(self.path.parent)
            _private_file(self.path)
        with _reporting(self.path, "open"):
            # isolation_level=None: transactions are begun here, explicitly (see _write)
            self._conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        try:
            with _reporting(self.path, "open"):
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
                if not _busy(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    @classmethod
    def open(cls, path: Path, *, busy_timeout: float = BUSY_TIMEOUT) -> Store:
        return cls(path, busy_timeout=busy_timeout)

    def close(self) -> None:
        with _reporting(self.path, "close"):
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
                        where_else=_where_else(),
                    )
                )
            if version == 0 and conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StorageError(
                    _(
                        "{path} is a database of another program, not a screening "
                        "history: {where_else}"
                    ).format(path=self.path, where_else=_where_else())
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
        with _reporting(self.path, "write"), self._write() as conn:
            cursor = conn.execute(
                f"INSERT INTO screenings ({COLUMNS.removeprefix('id, ')}) VALUES ({marks})",
                _row(screening),
            )
            return int(cursor.lastrowid or 0)

    def get(self, screening_id: int) -> Screening | None:
        with _reporting(self.path, "read"):
            row = self._conn.execute(
                f"SELECT {COLUMNS} FROM screenings WHERE id = ?", (screening_id,)
            ).fetchone()
        return _screening(row) if row else None

    def count(self, before: date | None = None) -> int:
        """How many screenings are stored (recorded strictly before a day, when given)."""
        sql = "SELECT count(*) FROM screenings"
        params: tuple[str, ...] = ()
        if before is not None:
            sql, params = sql + " WHERE created_at < ?", (before.isoformat(),)
        with _reporting(self.path, "read"):
            return int(self._conn.execute(sql, params).fetchone()[0])

    def purge(self, before: date) -> int:
        """Delete the screenings recorded strictly before a day (UTC); returns how many."""
        with _reporting(self.path, "write"):
            with self._write() as conn:
                deleted = conn.execute(
                    "DELETE FROM screenings WHERE created_at < ?", (before.isoformat(),)
                ).rowcount
            # copy the overwritten pages into the file now, so no old copy stays in the WAL
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(deleted)

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
        if until is not None:
            where.append("created_at < ?")
            params.append((until + timedelta(days=1)).isoformat())
        sql = f"SELECT {COLUMNS} FROM screenings"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with _reporting(self.path, "read"):
            return [_screening(row) for row in self._conn.execute(sql, params)]


# ----------------------------------------------------------------- export

CSV_COLUMNS = (
    "id",
    "created_at",
    "mode",
    "outcome",
    "flags",
    "cautions",
    "caller_ref",
    "rules_id",
    "rules_version",
    "rules_sha256",
    "answers",
    "note",
    "language",
)


def to_csv(screenings: Sequence[Screening]) -> str:
    """One row per screening for a spreadsheet: lists joined with ';', answers as JSON."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for s in screenings:
        writer.writerow(
            [
                "" if s.id is None else s.id,
                s.created_at,
                s.mode,
                s.outcome,
                ";".join(s.flags),
                ";".join(s.cautions),
                s.caller_ref or "",
                s.rules_id,
                s.rules_version,
                s.rules_sha256,
                _dumps(s.answers),
                s.note,
                s.language,
            ]
        )
    return out.getvalue()


FIELDS = tuple(f.name for f in fields(Screening))


def to_json(screenings: Sequence[Screening]) -> str:
    """A JSON list of every field of every screening, the full result document included.

    One screening per line: as readable as indented JSON in a pager or a diff, and the
    fast (C) encoder can write it, which indenting would rule out.
    """
    if not screenings:
        return "[]\n"
    records = (json.dumps({name: getattr(s, name) for name in FIELDS}) for s in screenings)
    return "[\n" + ",\n".join(records) + "\n]\n"


def from_json(text: str) -> builtins.list[Screening]:
    """Read back what `to_json` wrote (to check an export against the history)."""
    records = json.loads(text)
    if not isinstance(records, builtins.list):
        raise ValueError("a screening export is a JSON list")
    found = []
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise ValueError(f"screening {number} of the export is not a JSON object")
        unknown = set(record) - set(FIELDS)
        if unknown:
            raise ValueError(f"screening {number}: unknown field(s) {', '.join(sorted(unknown))}")
        try:
            found.append(Screening(**record))
        except TypeError as error:
            raise ValueError(f"screening {number}: {error}") from None
    return found

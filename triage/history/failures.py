"""Every failure of SQLite or of the file system as one `StorageError` line, never a traceback."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from triage.errors import StorageError
from triage.i18n import _


def where_else() -> str:
    return _("use --db or TRIAGE_DB to choose another place")


def busy(error: BaseException) -> bool:
    """Another connection holds the lock (a condition that passes, unlike the others)."""
    if not isinstance(error, sqlite3.Error):
        return False
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(error).lower()


def storage_error(path: Path, doing: str, error: BaseException) -> StorageError:
    """One line: which file, what failed, and what the user can do about it."""
    name = getattr(error, "sqlite_errorname", "")  # Python 3.11+
    reason = (getattr(error, "strerror", None) or str(error) or type(error).__name__).strip()
    text = reason.lower()
    if busy(error):
        hint = _("another program kept it busy too long: try again in a moment")
    elif name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or (
        "not a database" in text or "malformed" in text
    ):
        hint = _("it is damaged or not a screening history: move it aside, or {where_else}")
        hint = hint.format(where_else=where_else())
    elif name.startswith("SQLITE_FULL") or "disk is full" in text:
        hint = _("free some disk space, or {where_else}").format(where_else=where_else())
    else:
        hint = where_else()
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
def reporting(path: Path, doing: str) -> Iterator[None]:
    try:
        yield
    except StorageError:
        raise
    except (sqlite3.Error, OSError) as error:
        raise storage_error(path, doing, error) from None

"""Whether a file is a screening history this version can use, told without changing it.

SQLite keeps the schema's version (`PRAGMA user_version`) at a fixed place of the
file's first 100 bytes, so a file can be recognised by reading them: no connection,
no lock, no journal, no `-wal` or `-shm` file created, no mode changed. Another
program's database, a text file or a history written by a newer version is refused
here, before anything (a reader or a writer) opens it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from triage.history.private import not_a_stream, not_regular
from triage.i18n import _

MAGIC = b"SQLite format 3\x00"
HEADER = 100  # bytes
USER_VERSION = slice(60, 64)  # big-endian, in the database header


@dataclass(frozen=True)
class Found:
    """What the first bytes of a history file say (`version` None: an empty file)."""

    version: int | None
    wal: bool  # a write-ahead log beside it: the header may be behind the truth


class Unrecognised(OSError):
    """A file that is not a screening history (see `recognise`); its message says why."""

    sqlite_errorname = "SQLITE_NOTADB"  # told as SQLite would: damaged, or not a history


def recognise(path: Path) -> Found | None:
    """The header of the file at `path`, or None when there is none yet.

    Raises `OSError` for a file that is not a regular file or is one of this program's
    own streams, `Unrecognised` for a file that is not an SQLite database.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except (FileNotFoundError, NotADirectoryError):  # none yet: its creation will tell
        return None
    except IsADirectoryError:
        raise not_regular(stat.S_IFDIR) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise not_regular(status.st_mode)
        not_a_stream(status)
        header = os.pread(fd, HEADER, 0) if hasattr(os, "pread") else os.read(fd, HEADER)
    finally:
        os.close(fd)
    wal = False
    with contextlib.suppress(OSError):
        wal = os.stat(f"{path}-wal").st_size > 0
    if not header:
        return Found(None, wal)
    if len(header) < HEADER or not header.startswith(MAGIC):
        reason = _("file is not a database")
        raise Unrecognised(errno.EINVAL, reason)
    return Found(int.from_bytes(header[USER_VERSION], "big"), wal)


def same_file(one: Path, other: Path) -> bool:
    """Whether two names are one file: the same inode (hard links, symbolic links), or,
    for a name that does not exist yet, the same place once folders are resolved."""
    try:
        a, b = os.stat(one), os.stat(other)
    except (OSError, ValueError):
        pass
    else:
        return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)
    try:
        return os.path.realpath(one) == os.path.realpath(other)
    except (OSError, ValueError):
        return False


def onto_history(output: Path, history: Path) -> bool:
    """Whether writing `output` would write onto the history or one of SQLite's files
    beside it (its write-ahead log, shared memory, or rollback journal)."""
    names = [history, *(Path(f"{history}{end}") for end in ("-wal", "-shm", "-journal"))]
    return any(same_file(output, name) for name in names)

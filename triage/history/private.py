"""Files that hold health data: the history and its exports, readable by their owner only.

Whatever was there before: an existing history readable by others is tightened to
0600 (or refused when that cannot be done), an empty placeholder too, a history that
is not a regular file (a FIFO, a device, a folder) is refused before SQLite opens it,
and an export is written to a new 0600 file that then replaces the destination, so
it never writes through a symbolic link or into another name of the same file.
On Windows, file modes do not exist: the user's profile folder protects the files.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from triage.i18n import _

POSIX = os.name != "nt"


def private_folder(folder: Path) -> None:
    """Create the folder as 0700; a folder that already exists (e.g. /tmp) is left alone.

    A name that climbs out of a folder still to be made (`d/x/../h.sqlite3`) is
    refused before anything is created: making `d/x` only to leave it would leave an
    empty folder behind.
    """
    no_climb(folder)
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


def no_climb(path: Path) -> None:
    """Refuse a name with '..' after a folder that does not exist (see `private_folder`)."""
    parts = path.parts
    for number in range(1, len(parts) + 1):
        if ".." in parts[number:] and not Path(*parts[:number]).is_dir():
            reason = _("the folder {path} does not exist (a name with '..' after it is not made)")
            raise FileNotFoundError(errno.ENOENT, reason.format(path=Path(*parts[:number])))


def not_a_stream(status: os.stat_result) -> None:
    """Refuse a history that is one of this program's own standard streams.

    `--db /dev/stdout` with the output redirected to a file names that file: opening it
    as a history would make it private (0600) and write a database into it.
    """
    for fd in (0, 1, 2):
        try:
            stream = os.fstat(fd)
        except OSError:
            continue
        if (stream.st_dev, stream.st_ino) == (status.st_dev, status.st_ino):
            raise OSError(errno.EINVAL, _("it is this program's own input or output"))


def not_regular(mode: int) -> OSError:
    if stat.S_ISDIR(mode):
        return IsADirectoryError(errno.EISDIR, _("that is a folder: give a file name inside it"))
    return OSError(errno.EINVAL, _("it is not a regular file (a pipe, a device...)"))


def _tighten(fd: int, new: bool = False) -> None:
    """Take every permission away from others (0644 becomes 0600), or say why it cannot be.

    A `new` (empty) file becomes 0600 exactly: the umask may have taken the owner's bits.
    """
    mode = stat.S_IMODE(os.fstat(fd).st_mode)
    if not mode & 0o077 and not (new and mode != 0o600):
        return
    try:
        os.fchmod(fd, 0o600 if new else mode & 0o700)
    except OSError as error:
        reason = _("others may read it (mode {mode:04o}) and it cannot be made private: {why}")
        raise OSError(error.errno, reason.format(mode=mode, why=error.strerror)) from None
    mode = stat.S_IMODE(os.fstat(fd).st_mode)
    if mode & 0o077 or (new and mode != 0o600):
        reason = _("it has mode {mode:04o}, not 0600: the file system ignores modes")
        raise OSError(errno.EPERM, reason.format(mode=mode))


def private_file(path: Path) -> None:
    """The history file exists, is a regular file and only its owner may use it (0600)
    before SQLite opens it.

    Opened without blocking (a FIFO would block) and checked on the open descriptor,
    so what is checked is what SQLite then opens. Its journal files, if an older
    version left them readable by others, are tightened too.
    """
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o600)
    except IsADirectoryError:
        raise not_regular(stat.S_IFDIR) from None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise not_regular(status.st_mode)
        not_a_stream(status)
        if POSIX:  # an empty file is new, or a placeholder: 0600 exactly
            _tighten(fd, new=status.st_size == 0)
    finally:
        os.close(fd)
    if POSIX:
        for suffix in ("-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                _tighten_path(Path(f"{path}{suffix}"))


def _tighten_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            _tighten(fd)
    finally:
        os.close(fd)


def write_private(path: Path, text: str) -> None:
    """Write an export as a new 0600 file that replaces `path` in one step.

    An existing destination must be a regular file: a symbolic link, a FIFO or a
    device is refused, never followed. The new file is written beside it and renamed
    over it, so a link to another file is never written through and no half-written
    export is ever left.
    """
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISLNK(mode):
        raise OSError(errno.ELOOP, _("it is a symbolic link: give the real file's name"))
    if mode is not None and not stat.S_ISREG(mode):
        raise not_regular(mode)
    folder = path.parent
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name[:100]}.", dir=folder)  # 0600
    try:
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

"""Reading one input file (a rule file, a cases file, an answers file), once and bounded.

Only a regular file is read: a FIFO, a device (`/dev/zero`), a socket or a folder is
refused at once instead of blocking or reading forever. The file is opened without
waiting (O_NONBLOCK, so a FIFO cannot block the open), checked with `fstat` on the
open descriptor (so what is checked is what is read), and read at most `MAX_BYTES`
plus one byte (so a file that lies about its size, as /proc files do, is bounded too).
No YAML, no pydantic here: `--version` may use it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from triage.i18n import _

MAX_BYTES = 4 * 1024 * 1024  # 4 MiB: a rule file, a cases file or an answers document
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class ReadFailed(Exception):
    """The file cannot be read; `reason` says why in words (translated)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return _("it is a folder, not a file")
    if stat.S_ISFIFO(mode):
        return _("it is a pipe (FIFO), not a regular file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("it is a device, not a regular file")
    return _("it is not a regular file")


def _reason(error: OSError) -> str:
    return error.strerror or str(error) or type(error).__name__


def read_bytes(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or `ReadFailed` saying why."""
    try:
        fd = os.open(path, _FLAGS)
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        reason = _reason(error) if isinstance(error, OSError) else _("not a valid file name")
        raise ReadFailed(path, reason) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ReadFailed(path, _kind(mode))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise ReadFailed(path, _reason(error)) from None
    finally:
        os.close(fd)
    if size > limit:
        raise ReadFailed(path, too_large(limit))
    return b"".join(chunks)


def too_large(limit: int = MAX_BYTES) -> str:
    return _("it is larger than {size} MiB, the most a file may hold").format(
        size=limit // (1024 * 1024)
    )


def read_text(path: Path | str, limit: int = MAX_BYTES) -> str:
    """The UTF-8 text of a regular file (bytes as they are: no newline translation)."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        reason = _("it is not UTF-8 text (byte {byte} on line {line})")
        raise ReadFailed(path, reason.format(byte=error.start + 1, line=line)) from None


def read_stream(stream: object, name: str, limit: int = MAX_BYTES) -> str:
    """At most `limit` bytes of an open stream (standard input) as UTF-8, or `ReadFailed`.

    The bytes are read when the stream has them (a real stdin), so what is not UTF-8 is
    refused here rather than carried along as undecodable characters.
    """
    source = getattr(stream, "buffer", stream)
    try:
        data = source.read(limit + 1)  # type: ignore[attr-defined]
        if isinstance(data, bytes):
            data = data.decode("utf-8")
        data.encode("utf-8")  # text with undecodable characters (surrogates) is refused
    except (OSError, ValueError, UnicodeError, AttributeError) as error:
        reason = _reason(error) if isinstance(error, OSError) else _("it is not UTF-8 text")
        raise ReadFailed(name, reason) from None
    if not isinstance(data, str):
        raise ReadFailed(name, _("it is not text"))
    if len(data) > limit:
        raise ReadFailed(name, too_large(limit))
    return data


def kind_of(path: Path) -> str:
    """'dir', 'file', 'missing' or 'other' for a path, or `ReadFailed` (e.g. a name too long)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except (OSError, ValueError) as error:
        reason = _reason(error) if isinstance(error, OSError) else _("not a valid file name")
        raise ReadFailed(path, reason) from None
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"

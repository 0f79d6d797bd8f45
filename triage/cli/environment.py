"""The process's streams and settings, injected so tests can swap in a fake.

Commands never touch `sys.stdin`, `sys.stdout` or `os.environ` directly: they get an
`Environment`, which also decides whether output is plain (no colour, no boxes).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class Environment:
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    stdin_isatty: bool | None = None
    stdout_isatty: bool | None = None
    stderr_isatty: bool | None = None
    environ: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    width: int | None = None  # None: the terminal's width, or 80
    force_plain: bool = False

    def __post_init__(self) -> None:
        if self.stdin_isatty is None:
            self.stdin_isatty = _isatty(self.stdin)
        if self.stdout_isatty is None:
            self.stdout_isatty = _isatty(self.stdout)
        if self.stderr_isatty is None:
            self.stderr_isatty = _isatty(self.stderr)

    @property
    def no_color(self) -> bool:
        return bool(self.environ.get("NO_COLOR"))

    @property
    def force_color(self) -> bool:
        """FORCE_COLOR: styled output even into a pipe or a log (NO_COLOR still wins)."""
        return bool(self.environ.get("FORCE_COLOR")) and not self.no_color

    def plain(self, stream: TextIO) -> bool:
        """Plain output (no boxes, no colour): asked for, a dumb terminal, or not a terminal.

        FORCE_COLOR styles a pipe or a dumb terminal as a terminal; --plain always wins.
        """
        tty = self.stdout_isatty if stream is self.stdout else self.stderr_isatty
        if self.force_plain:
            return True
        return not self.force_color and (self.environ.get("TERM") == "dumb" or not tty)

    def columns(self, stream: TextIO) -> int | None:
        """The width to wrap lines at on this stream: the terminal's (or `width`, or COLUMNS);
        None when it is not a terminal, since nothing cuts a line in a file or a pipe."""
        tty = self.stdout_isatty if stream is self.stdout else self.stderr_isatty
        return self.measure(stream) if tty else None

    def measure(self, stream: TextIO) -> int:
        """The one width computation: `width`, then COLUMNS, then the terminal's size, or 80
        (between 20 and 1000). A help page is laid out to it even into a pipe."""
        if self.width:
            return self.width
        columns = self.environ.get("COLUMNS", "")
        if columns.isdigit() and 0 < len(columns) < 5:  # COLUMNS out of reason is ignored
            return min(1000, max(20, int(columns)))
        try:
            found = os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, OSError, ValueError):
            return 80
        return min(1000, max(20, found)) if found else 80

    def rows(self, stream: TextIO) -> int | None:
        """The terminal's height (or LINES), for a question that must fit one screen; None
        when the stream or the input is not a terminal (a pipe reads no pages)."""
        tty = self.stdout_isatty if stream is self.stdout else self.stderr_isatty
        if not (tty and self.stdin_isatty):
            return None
        lines = self.environ.get("LINES", "")
        if lines.isdigit() and 0 < len(lines) < 5:
            return max(8, int(lines))
        try:
            found = os.get_terminal_size(stream.fileno()).lines
        except (AttributeError, OSError, ValueError):
            return None
        return max(8, found) if found else None

    def console(self, stream: TextIO) -> Console:
        """A Rich console on one of our streams, following our settings, not the process's."""
        from rich.console import Console

        tty = self.stdout_isatty if stream is self.stdout else self.stderr_isatty
        plain = self.plain(stream)
        return Console(
            file=stream,
            force_terminal=not plain,
            no_color=self.no_color or plain,
            color_system=None if plain else ("auto" if tty else "standard"),
            width=self.width or (None if tty else 80),
            highlight=False,
            emoji=False,
            soft_wrap=plain,  # plain lines are never cut: a reader or a log wraps them
            _environ=_sizes_within_reason(self.environ),
        )


def _sizes_within_reason(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment for Rich, without a COLUMNS or LINES it could not draw within
    (COLUMNS=1000000000 would pad every line to a gigabyte): the terminal's size then."""
    kept = dict(environ)
    for name in ("COLUMNS", "LINES"):
        value = kept.get(name, "")
        if value and not (value.isascii() and value.isdigit() and 0 < int(value) <= 1000):
            del kept[name]
    return kept

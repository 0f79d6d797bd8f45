"""One key press at a time, for the single-key questions of a call.

A terminal sends more than the keys a person means as answers: Delete is `ESC [ 3 ~`,
F5 is `ESC [ 1 5 ~`, Alt+n is `ESC n`, and a terminal's reply to a query (its colours,
its name) is a whole string that may contain any letter. `KeyParser` takes the
characters one at a time and returns only plain keys; every escape sequence is read
to its end and dropped (ECMA-48: CSI and SS3 sequences, and the strings OSC, DCS,
APC, PM and SOS up to their terminator), as are control characters other than Enter,
Ctrl-C and Ctrl-D. A lone Escape key (nothing follows it within `ESC_WAIT`) is
ignored too.

`read_line` reads a typed line from the terminal itself, a byte at a time, so that keys
typed ahead after it stay in the terminal for `read_key` (a buffered `readline` would
take them and hide them). `read_key` reads a real terminal: on POSIX in cbreak mode
(keys typed ahead are kept; the terminal is restored on return, on Ctrl-C, on SIGTERM
or SIGHUP before the signal takes its course, and on Ctrl-Z while the program is
stopped), on Windows through `msvcrt`, whose arrow and function keys come as a prefix
and a code, both dropped. Each system's modules are imported only on that system.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

ESC_WAIT = 0.05  # seconds after a lone ESC before it counts as the Escape key
MAX_SEQUENCE = 4096  # characters; a longer "sequence" is given up, not waited for
ENTER, CTRL_C, CTRL_D = "\n", "\x03", "\x04"
_CSI, _SS3, _STRING = "\x9b", "\x8f", "\x90\x98\x9d\x9e\x9f"  # their 8-bit (C1) forms


class KeyParser:
    """Characters in, plain keys out; see the module's docstring."""

    def __init__(self) -> None:
        self.state = "ground"
        self.length = 0

    @property
    def after_escape(self) -> bool:
        """Just after an ESC: the next character decides whether it was a key or a sequence."""
        return self.state == "escape"

    def timeout(self) -> None:
        """Nothing came soon after an ESC: it was the Escape key, which answers nothing."""
        if self.state == "escape":
            self.state = "ground"

    def feed(self, char: str) -> str | None:
        """The key `char` completes, or None (inside a sequence, or an ignored character)."""
        if self.state == "ground":
            return self._ground(char)
        self.length += 1
        if self.length > MAX_SEQUENCE:
            self.state = "ground"
        elif self.state == "escape":
            self._escape(char)
        elif self.state in ("csi", "ss3"):
            self._final(char)
        else:
            self._string(char)
        return None

    def _enter(self, state: str) -> None:
        self.state, self.length = state, 0

    def _ground(self, char: str) -> str | None:
        if char == "\x1b":
            self._enter("escape")
        elif char == _CSI:
            self._enter("csi")
        elif char == _SS3:
            self._enter("ss3")
        elif char in _STRING:
            self._enter("string")
        elif char in "\r\n":
            return ENTER
        elif char in (CTRL_C, CTRL_D) or char.isprintable():
            return char
        return None

    def _escape(self, char: str) -> None:
        if char == "[":
            self._enter("csi")
        elif char == "O":
            self._enter("ss3")
        elif char in "]P_^X":
            self._enter("string")
        elif char != "\x1b":  # ESC then a key (Alt+key): both dropped
            self.state = "ground"

    def _final(self, char: str) -> None:
        """Parameters and intermediates (0x20-0x3F) go on; a final byte (0x40-0x7E) ends."""
        if char == "\x1b":
            self._enter("escape")
        elif self.state == "csi" and self.length == 1 and char == "[":
            self._enter("ss3")  # the Linux console's F1-F5: ESC [ [ A
        elif "\x40" <= char <= "\x7e":
            self.state = "ground"

    def _string(self, char: str) -> None:
        """Up to BEL or ST (ESC \\ or its 8-bit form)."""
        if char in "\x07\x9c":
            self.state = "ground"
        elif self.state == "string_escape":
            self.state = "ground" if char == "\\" else "string"
        elif char == "\x1b":
            self.state = "string_escape"


def next_key(read: Callable[[float | None], str | None], enter: bool = False) -> str:
    """The next plain key from `read(timeout)` (a character, '' at the end, None on timeout).

    Enter is skipped (left over from an earlier answer) unless `enter` says it means
    something here (it keeps an earlier answer); Ctrl-D or the end of input is EOFError,
    Ctrl-C KeyboardInterrupt.
    """
    parser = KeyParser()
    while True:
        char = read(ESC_WAIT if parser.after_escape else None)
        if char is None:
            parser.timeout()
            continue
        if char == "":
            raise EOFError
        key = parser.feed(char)
        if key == CTRL_D:
            raise EOFError
        if key == CTRL_C:
            raise KeyboardInterrupt
        if key is not None and (enter or key != ENTER):
            return key


def read_key(stream: Any, enter: bool = False) -> str:
    """One key press from the terminal behind `stream` (see the module's docstring)."""
    if sys.platform == "win32":
        return _read_windows(enter)
    return _read_posix(stream.fileno(), enter)


def read_line(stream: Any, limit: int) -> str:
    """A line of at most `limit` characters from the terminal behind `stream`, its
    newline included; '' at the end of input. Bytes that are not UTF-8 read as U+FFFD."""
    if sys.platform == "win32":  # the console hands over a line at a time
        return str(stream.readline(limit))
    import codecs

    fd = stream.fileno()
    decoder = codecs.getincrementaldecoder("utf-8")("replace")
    line = ""
    while len(line) < limit:
        byte = os.read(fd, 1)
        if not byte:
            return line + decoder.decode(b"", final=True)
        line += decoder.decode(byte)
        if byte == b"\n":
            break
    return line


# ---------------------------------------------------------------- POSIX


def _read_posix(fd: int, enter: bool) -> str:
    import codecs
    import select
    import termios
    import tty

    decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def read(timeout: float | None) -> str | None:
        while True:
            if timeout is not None and not select.select([fd], [], [], timeout)[0]:
                return None
            byte = os.read(fd, 1)
            if not byte:
                return ""
            char = decoder.decode(byte)
            if char:
                return char

    saved = termios.tcgetattr(fd)

    def restore() -> None:
        termios.tcsetattr(fd, termios.TCSANOW, saved)

    def single_keys() -> None:
        tty.setcbreak(fd, termios.TCSANOW)  # TCSANOW: keys typed ahead are kept

    try:
        with _restore_on_signals(restore, single_keys):
            single_keys()
            return next_key(read, enter)
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


@contextlib.contextmanager
def _restore_on_signals(restore: Callable[[], None], again: Callable[[], None]) -> Iterator[None]:
    """On SIGTERM or SIGHUP, restore the terminal, then let the signal do what it does.

    On Ctrl-Z (SIGTSTP), restore it too, so the shell gets a terminal that echoes;
    when the program is continued (`fg`), single keys are read `again`.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: dict[int, Any] = {}

    def quietly(action: Callable[[], None]) -> None:
        # A terminal that hung up cannot be restored, nor needs to be.
        with contextlib.suppress(Exception):
            action()

    def ending(signum: int, _frame: object) -> None:
        quietly(restore)
        signal.signal(signum, previous[signum] or signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    def stopping(signum: int, _frame: object) -> None:
        quietly(restore)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)  # stopped here until continued
        signal.signal(signum, stopping)
        quietly(again)

    handlers = {"SIGTERM": ending, "SIGHUP": ending, "SIGTSTP": stopping}
    for name, handler in handlers.items():
        number = getattr(signal, name, None)
        if number is not None:
            previous[number] = signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old if old is not None else signal.SIG_DFL)


# ---------------------------------------------------------------- Windows


def _read_windows(enter: bool) -> str:
    import msvcrt
    import time

    def read(timeout: float | None) -> str | None:
        if timeout is not None:
            deadline = time.monotonic() + timeout
            while not msvcrt.kbhit():  # type: ignore[attr-defined]
                if time.monotonic() > deadline:
                    return None
                time.sleep(0.005)
        while True:
            char: str = msvcrt.getwch()  # type: ignore[attr-defined]
            if char in ("\x00", "\xe0"):  # an arrow or function key: a prefix and a code
                msvcrt.getwch()  # type: ignore[attr-defined]
                continue
            return CTRL_D if char == "\x1a" else char  # Ctrl-Z ends input on Windows

    return next_key(read, enter)

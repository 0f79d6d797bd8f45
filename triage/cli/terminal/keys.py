"""One key press at a time, for the single-key questions of a call.

A terminal sends more than the keys a person means as answers: Delete is `ESC [ 3 ~`,
F5 is `ESC [ 1 5 ~`, Alt+n is `ESC n`, and a terminal's reply to a query (its colours,
its name) is a whole string that may contain any letter. `KeyParser` takes the
characters one at a time and returns only plain keys; every escape sequence is read
to its end and dropped (ECMA-48: CSI and SS3 sequences, and the strings OSC, DCS,
APC, PM and SOS up to their terminator), as are control characters other than Enter,
Backspace, Ctrl-C and Ctrl-D. A lone Escape key (nothing follows it within `ESC_WAIT`)
is ignored too.

One answer is one answer (`typed_answer`). A receptionist may press one key (`n`),
type keys ahead for the next questions before they are shown (`nny`), or type a
word out of habit and end it with Enter (`no`, `non`, `oui`, a label). Only Enter
tells a word from keys typed ahead, so the first key decides how the rest is read:

- a key that begins no longer answer here (a choice's number, `?`) answers at once;
- a key that may begin one (`n` may begin `no`, `non` or `none`; `1` may begin the
  label "18 to 49") starts a run, read on until Enter, a pause (nothing typed for
  `WORD_PAUSE` after the first key, `RUN_PAUSE` after more), or a key that cannot go
  on a word (a digit after letters, that no answer begins with);
- a run ended by Enter is one typed line, whole: it is a word that names an answer
  (`no` is no, `non` is no, `18 to 49` is that choice) or it is refused and the
  question asked again; it is never cut to its first key, nor spilled into the next
  questions;
- a run ended otherwise was keys typed ahead: its first key answers this question
  and the others are kept (`Keyboard.ahead`), in order, for the next ones, as if
  they were still in the terminal.

Backspace takes back the last key of a run, so a word can be corrected before Enter.

Bytes that are not UTF-8 are never guessed at (no U+FFFD): a key or a line holding
one is `NotText`, the rest of its line is dropped, and the question is asked again.

`read_line` reads a typed line from the terminal itself, a byte at a time, so that keys
typed ahead after it stay in the terminal for `read_key` (a buffered `readline` would
take them and hide them). `read_key` reads a real terminal: on POSIX in cbreak mode
(keys typed ahead are kept; the terminal is restored on return, on Ctrl-C, on any
signal that would end the program (SIGTERM, SIGHUP, Ctrl-\\'s SIGQUIT, SIGUSR1,
SIGALRM...) before the signal takes its course, and on Ctrl-Z while the program is
stopped), on Windows through `msvcrt`, whose arrow and function keys come as a prefix
and a code, both dropped. A terminal that goes away while a key is awaited (a hang-up
with SIGHUP ignored) is the end of input (`TerminalGone`), not an error. Each
system's modules are imported only on that system.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable, Collection, Iterator
from typing import Any, NamedTuple

from triage.errors import AnswerError

ESC_WAIT = 0.05  # seconds after a lone ESC before it counts as the Escape key
WORD_PAUSE = 0.5  # seconds after a key that may begin a word, before it answers alone
RUN_PAUSE = 1.5  # seconds after further keys of a run, before they count as typed ahead
MAX_SEQUENCE = 4096  # characters; a longer "sequence" is given up, not waited for
ENTER, CTRL_C, CTRL_D, BACKSPACE = "\n", "\x03", "\x04", "\x7f"
_CSI, _SS3, _STRING = "\x9b", "\x8f", "\x90\x98\x9d\x9e\x9f"  # their 8-bit (C1) forms
_WORD = " -'\u2019"  # besides letters, what goes on a word ("18 to 49", "aujourd'hui")

Read = Callable[[float | None], str | None]
Answered = tuple["Typed", str]  # an answer, and the keys read ahead of it


class NotText(AnswerError):
    """What was typed is not UTF-8 text: refused whole, never guessed at."""


class TerminalGone(EOFError):
    """The terminal went away (hung up) while a key or a line was awaited."""


class Typed(NamedTuple):
    """What one answer at a single-key question was: a key, a whole line, or Enter."""

    text: str
    line: bool = False  # typed and ended with Enter: one answer, whole


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
        elif char in "\x7f\x08":
            return BACKSPACE
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


def next_key(
    read: Read, enter: bool = False, wait: float | None = None, erase: bool = False
) -> str | None:
    """The next plain key from `read(timeout)` (a character, '' at the end, None on timeout).

    Enter is skipped (left over from an earlier answer) unless `enter` says it means
    something here (it keeps an earlier answer or ends a word); Backspace is skipped
    unless `erase` says a word is being typed. Ctrl-D or the end of input is EOFError,
    Ctrl-C KeyboardInterrupt. With a `wait`, None when no key began within it.
    """
    parser = KeyParser()
    while True:
        ground = parser.state == "ground"
        char = read(ESC_WAIT if parser.after_escape else wait if ground else None)
        if char is None:
            if not parser.after_escape:
                return None
            parser.timeout()
            continue
        if char == "":
            raise EOFError
        key = parser.feed(char)
        if key == CTRL_D:
            raise EOFError
        if key == CTRL_C:
            raise KeyboardInterrupt
        if key == BACKSPACE and not erase:
            continue
        if key is not None and (enter or key != ENTER):
            return key


def typed_answer(
    read: Read, enter: bool, answers: Collection[str], echo: Callable[[str], None]
) -> Answered:
    """One answer at a single-key question, and the keys read ahead of it (see the
    module's docstring): `answers` are the question's whole answers and command
    words, folded (`deciding.typed.fold`); `echo` shows what is typed as it comes."""

    def begins(run: str, longer: bool) -> bool:
        if not answers:
            return False
        from triage.deciding.typed import fold

        start = fold(run)
        return any(w.startswith(start) and len(w) > len(start) * longer for w in answers)

    while True:
        first = next_key(read, enter)
        assert first is not None  # no wait: a key, or an exception
        if first == ENTER or not begins(first, longer=True):
            if first != ENTER:
                echo(first)
            return Typed(first), ""
        run = first
        echo(first)
        while run:
            key = next_key(read, True, WORD_PAUSE if len(run) == 1 else RUN_PAUSE, True)
            if key == ENTER:
                return Typed(run, line=True), ""
            if key == BACKSPACE:
                echo("\b \b")
                run = run[:-1]
            elif key is not None and (_wordy(run + key) or begins(run + key, longer=False)):
                run += key
                echo(key)
            else:  # a pause, or a key no word goes on with: keys typed ahead
                echo("\b \b" * (len(run) - 1))
                return Typed(run[0]), run[1:] + (key or "")


def _wordy(run: str) -> bool:
    """Letters (and what goes between them): a word being typed, whatever it turns out to be."""
    return all(c.isalpha() or c in _WORD for c in run)


class Keyboard:
    """The terminal behind `stream`, with the keys read ahead of an answer (`ahead`),
    which come first to the next question, single key or line."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.ahead = ""

    def answer(self, enter: bool, answers: Collection[str], echo: Callable[[str], None]) -> Typed:
        """One answer at a single-key question (see `typed_answer`)."""
        ahead, self.ahead = self.ahead, ""

        def start(source: Read) -> Read:
            def read(timeout: float | None) -> str | None:
                nonlocal ahead
                if ahead:
                    char, ahead = ahead[0], ahead[1:]
                    return char
                return source(timeout)

            return read

        if sys.platform == "win32":
            typed, self.ahead = _read_windows(
                lambda read: typed_answer(start(read), enter, answers, echo)
            )
        else:
            typed, self.ahead = _read_posix(
                _fileno(self.stream),
                lambda read: typed_answer(start(read), enter, answers, echo),
            )
        self.ahead += ahead  # read ahead, and not used by this answer
        return typed

    def take_ahead(self) -> str:
        """The keys read ahead, for a question that reads a line: they begin it."""
        ahead, self.ahead = self.ahead, ""
        return ahead


def read_key(stream: Any, enter: bool = False) -> str:
    """One key press from the terminal behind `stream` (see the module's docstring)."""
    typed = Keyboard(stream).answer(enter, (), lambda _text: None)
    return typed.text


def read_line(stream: Any, limit: int) -> str:
    """A line of at most `limit` characters from the terminal behind `stream`, its
    newline included; '' at the end of input. A line that is not UTF-8 is `NotText`,
    read to its end first."""
    if sys.platform == "win32":  # the console hands over a line at a time
        return str(stream.readline(limit))
    fd = _fileno(stream)

    def byte() -> bytes:
        try:
            return os.read(fd, 1)
        except OSError as error:  # EIO: the terminal hung up
            raise TerminalGone from error

    data = b""
    for _count in range(limit):
        lead = byte()
        data += lead
        if lead in (b"", b"\n"):
            break
        for _more in range(_continuations(lead[0])):  # the rest of the character
            data += (follow := byte())
            if follow in (b"", b"\n"):
                break
        if data.endswith(b"\n"):
            break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        while data and not data.endswith(b"\n") and len(data) < MAX_DROPPED:
            data += byte() or b"\n"  # the rest of the line goes with it
        raise NotText(_not_text(error)) from None


MAX_DROPPED = 1024 * 1024  # bytes of a line that is not text, read and dropped at most


def _continuations(lead: int) -> int:
    """How many bytes follow a UTF-8 lead byte (0 for ASCII, or a byte that leads nothing)."""
    return (
        1 if 0xC0 <= lead < 0xE0 else 2 if 0xE0 <= lead < 0xF0 else 3 if 0xF0 <= lead < 0xF8 else 0
    )


def _not_text(error: UnicodeDecodeError) -> str:
    from triage.i18n import _

    bad = error.object[error.start : error.end]
    return _("what was typed is not UTF-8 text (byte {byte}): type it again").format(
        byte=" ".join(f"0x{b:02X}" for b in bad[:4])
    )


def _fileno(stream: Any) -> int:
    try:
        return int(stream.fileno())
    except (AttributeError, OSError, ValueError) as error:
        raise TerminalGone from error


# ---------------------------------------------------------------- POSIX


def _read_posix(fd: int, answer: Callable[[Read], Answered]) -> Answered:
    import codecs
    import select
    import termios
    import tty

    decoder = codecs.getincrementaldecoder("utf-8")("strict")

    def drain() -> None:
        """What follows a byte that is not UTF-8, up to Enter or a short pause, goes too."""
        while select.select([fd], [], [], ESC_WAIT)[0]:
            byte = os.read(fd, 1)
            if byte in (b"", b"\n", b"\r"):
                return

    def read(timeout: float | None) -> str | None:
        while True:
            if timeout is not None and not select.select([fd], [], [], timeout)[0]:
                return None
            try:
                byte = os.read(fd, 1)
            except OSError as error:  # EIO: the terminal hung up
                raise TerminalGone from error
            if not byte:
                return ""
            try:
                char = decoder.decode(byte)
            except UnicodeDecodeError as error:
                decoder.reset()
                drain()
                raise NotText(_not_text(error)) from None
            if char:
                return char

    try:
        saved = termios.tcgetattr(fd)
    except termios.error as error:  # no terminal there (any more)
        raise TerminalGone from error

    def restore() -> None:
        termios.tcsetattr(fd, termios.TCSANOW, saved)

    def single_keys() -> None:
        tty.setcbreak(fd, termios.TCSANOW)  # TCSANOW: keys typed ahead are kept

    try:
        with _restore_on_signals(restore, single_keys):
            try:
                single_keys()
            except termios.error as error:
                raise TerminalGone from error
            return answer(read)
    finally:
        # A terminal that hung up cannot be restored, nor needs to be.
        with contextlib.suppress(termios.error, OSError):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


# Signals whose default action ends the program: the terminal is restored first.
# Faults (SIGSEGV, SIGBUS...) are left to Python; SIGINT is Ctrl-C, a KeyboardInterrupt.
ENDING = (
    "SIGTERM",
    "SIGHUP",
    "SIGQUIT",
    "SIGUSR1",
    "SIGUSR2",
    "SIGALRM",
    "SIGVTALRM",
    "SIGPROF",
    "SIGXCPU",
    "SIGXFSZ",
    "SIGPOLL",
    "SIGPWR",
)


@contextlib.contextmanager
def _restore_on_signals(restore: Callable[[], None], again: Callable[[], None]) -> Iterator[None]:
    """On a signal that would end the program (`ENDING`, and the real-time signals),
    restore the terminal, then let the signal do what it does. A signal the program
    ignores (SIGHUP under `nohup`) or handles itself is left as it is.

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
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    def stopping(signum: int, _frame: object) -> None:
        quietly(restore)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)  # stopped here until continued
        signal.signal(signum, stopping)
        quietly(again)

    numbers = [getattr(signal, name, None) for name in ENDING]
    if hasattr(signal, "SIGRTMIN"):
        numbers += list(range(signal.SIGRTMIN, signal.SIGRTMAX + 1))
    handlers = {number: ending for number in numbers if number is not None}
    if hasattr(signal, "SIGTSTP"):
        handlers[signal.SIGTSTP] = stopping
    for number, handler in handlers.items():
        with contextlib.suppress(OSError, ValueError):
            if signal.getsignal(number) is signal.SIG_DFL:
                previous[number] = signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old if old is not None else signal.SIG_DFL)


# ---------------------------------------------------------------- Windows


def _read_windows(answer: Callable[[Read], Answered]) -> Answered:
    import msvcrt

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

    return answer(read)

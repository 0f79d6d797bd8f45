"""The single-key reader: whole escape sequences dropped, plain keys kept, on each system."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from collections.abc import Iterable, Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from triage.cli.terminal import keys
from triage.cli.terminal.keys import KeyParser, next_key

# What terminals send for keys that are not answers, and replies to their queries.
SEQUENCES = {
    "delete": "\x1b[3~",
    "insert": "\x1b[2~",
    "f5": "\x1b[15~",
    "f1 (xterm)": "\x1bOP",
    "f1 (linux console)": "\x1b[[A",
    "up": "\x1b[A",
    "shift+up": "\x1b[1;2A",
    "alt+n": "\x1bn",
    "alt+esc": "\x1b\x1bn",
    "device attributes reply": "\x1b[?64;1;2;6;9;15;18;21;22c",
    "cursor position reply": "\x1b[12;40R",
    "background colour reply (BEL)": "\x1b]11;rgb:ffff/ffff/ffff\x07",
    "terminal name reply (ST)": "\x1bP>|xterm(no) version n\x1b\\",
    "8-bit CSI": "\x9b3~",
    "bracketed paste mark": "\x1b[200~",
}


def keys_of(text: str) -> list[str]:
    """The plain keys a parser returns for `text`, fed one character at a time."""
    parser = KeyParser()
    found = [parser.feed(char) for char in text]
    return [key for key in found if key is not None]


@pytest.mark.parametrize("name", SEQUENCES)
def test_an_escape_sequence_is_no_key_and_the_next_key_is_read(name):
    assert keys_of(SEQUENCES[name] + "y") == ["y"]


def test_plain_keys_enter_and_controls():
    assert keys_of("yN3é") == ["y", "N", "3", "é"]
    assert keys_of("\r\n") == ["\n", "\n"]
    assert keys_of("\x03\x04") == ["\x03", "\x04"]
    assert keys_of("\x7f\x08") == [keys.BACKSPACE] * 2  # both erase a word's last key
    assert keys_of("\x01\t\x0c\u200e") == []  # other controls answer nothing


def test_a_lone_escape_key_is_dropped_after_a_short_wait():
    parser = KeyParser()
    assert parser.feed("\x1b") is None
    assert parser.after_escape
    parser.timeout()
    assert parser.feed("n") == "n"  # the key after Escape, pressed later, counts


def test_a_sequence_that_never_ends_is_given_up():
    assert keys_of("\x1b]" + "n" * keys.MAX_SEQUENCE + "xy") == ["y"]


PLAIN = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")).filter(str.isprintable)
SEQUENCE = st.one_of(
    st.sampled_from(sorted(SEQUENCES.values())),
    # any CSI: parameters, intermediates, a final byte
    st.builds(
        lambda p, i, f: "\x1b[" + p + i + f,
        st.text("0123456789;:<=>?", max_size=8),
        st.text(" !\"#$%&'()*+,-./", max_size=2),
        st.characters(min_codepoint=0x40, max_codepoint=0x7E).filter(lambda c: c != "["),
    ),
    # any OSC string, ended by BEL or ST
    st.builds(
        lambda body, end: "\x1b]" + body + end,
        st.text(st.characters(codec="ascii", exclude_characters="\x07\x1b\x9c"), max_size=30),
        st.sampled_from(["\x07", "\x1b\\"]),
    ),
)


@given(st.lists(st.one_of(PLAIN.map(lambda c: ("key", c)), SEQUENCE.map(lambda s: ("seq", s)))))
def test_only_the_plain_keys_come_out_of_any_mix_of_keys_and_sequences(parts):
    text = "".join(part for _kind, part in parts)
    assert keys_of(text) == [part for kind, part in parts if kind == "key"]


def reader(chars: str) -> Iterator[str | None]:
    """A fake terminal: the characters in order, then the end of input."""
    yield from chars
    while True:
        yield ""


def test_next_key_skips_enter_and_maps_ctrl_c_and_ctrl_d():
    feed = reader("\r\n\x1b[3~n")
    assert next_key(lambda _timeout: next(feed)) == "n"
    with pytest.raises(KeyboardInterrupt):
        next_key(lambda _timeout: "\x03")
    with pytest.raises(EOFError):
        next_key(lambda _timeout: "\x04")
    with pytest.raises(EOFError):
        next_key(lambda _timeout: "")


def test_next_key_returns_enter_where_it_keeps_an_earlier_answer():
    feed = reader("\x1b[3~\rn")
    assert next_key(lambda _timeout: next(feed), enter=True) == keys.ENTER


@given(
    st.lists(
        st.text(st.characters(codec="utf-8", exclude_characters="\n\r"), max_size=30), max_size=5
    ),
    st.text(st.characters(codec="utf-8", exclude_characters="\n"), max_size=10),
)
def test_a_line_read_leaves_what_was_typed_after_it_unread(lines, rest):
    """Lines typed ahead, then keys: each line comes out whole, and the keys after the
    last line stay in the terminal (here a pipe) for the single-key reader."""
    typed = "".join(line + "\n" for line in lines) + rest
    read_fd, write_fd = os.pipe()
    with os.fdopen(read_fd, "rb", buffering=0) as terminal:
        os.write(write_fd, typed.encode("utf-8"))
        assert [keys.read_line(terminal, 1000) for _ in lines] == [f"{x}\n" for x in lines]
        os.close(write_fd)
        assert os.read(read_fd, 1_000_000).decode("utf-8") == rest


def test_a_line_read_is_bounded_and_bad_bytes_are_refused_with_their_line_only():
    read_fd, write_fd = os.pipe()
    with os.fdopen(read_fd, "rb", buffering=0) as terminal:
        os.write(write_fd, b"abcdef\n\xff\xfeok\nn\xc3\xa9e\n\xc3")
        os.close(write_fd)
        assert keys.read_line(terminal, 3) == "abc"
        assert keys.read_line(terminal, 100) == "def\n"
        with pytest.raises(keys.NotText, match=r"not UTF-8 text \(byte 0xFF"):
            keys.read_line(terminal, 100)
        assert keys.read_line(terminal, 100) == "née\n"  # the line after it is whole
        with pytest.raises(keys.NotText):
            keys.read_line(terminal, 100)  # cut short by the end of input
        assert keys.read_line(terminal, 100) == ""


def test_a_line_read_stops_after_its_last_whole_character():
    read_fd, write_fd = os.pipe()
    with os.fdopen(read_fd, "rb", buffering=0) as terminal:
        os.write(write_fd, "éé€😀x\n".encode())
        os.close(write_fd)
        assert keys.read_line(terminal, 4) == "éé€😀"
        assert keys.read_line(terminal, 4) == "x\n"


def test_next_key_waits_briefly_after_escape_only():
    waits: list[float | None] = []
    feed = iter(["\x1b", None, "y"])  # None: nothing came within the wait

    def read(timeout: float | None) -> str | None:
        waits.append(timeout)
        return next(feed)

    assert next_key(read) == "y"
    assert waits == [None, keys.ESC_WAIT, None]


class FakeConsole(types.ModuleType):
    """`msvcrt` as a Windows console gives keys: arrows and F-keys as a prefix and a code."""

    def __init__(self, chars: str) -> None:
        super().__init__("msvcrt")
        self.chars = list(chars)

    def kbhit(self) -> bool:
        return bool(self.chars)

    def getwch(self) -> str:
        return self.chars.pop(0)


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("y", "y"),
        ("\xe0S" + "\x00?" + "\xe0H" + "2", "2"),  # Delete, F5, Up, then 2
        ("\x1b[3~n", "n"),  # a terminal with VT input sends sequences, dropped too
        ("\r3", "3"),
    ],
)
def test_the_windows_reader_drops_function_keys(monkeypatch, typed, key):
    monkeypatch.setitem(sys.modules, "msvcrt", FakeConsole(typed))
    monkeypatch.setattr(sys, "platform", "win32")
    assert keys.read_key(None) == key


def test_ctrl_z_ends_input_on_windows(monkeypatch):
    monkeypatch.setitem(sys.modules, "msvcrt", FakeConsole("\x1a"))
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(EOFError):
        keys.read_key(None)


def test_a_call_on_windows_imports_no_posix_only_module():
    """As on Windows: termios, tty, fcntl and friends cannot be imported; a piped call and
    a single key read through `msvcrt` still work."""
    script = """
import sys, types
for name in ("termios", "tty", "fcntl", "pty", "pwd", "grp", "resource"):
    sys.modules[name] = None  # importing it raises ImportError, as on Windows
from triage.cli.app import main
from triage.cli.terminal import keys
console = types.ModuleType("msvcrt")
pressed = list("\\xe0Sn")
console.kbhit = lambda: bool(pressed)
console.getwch = lambda: pressed.pop(0)
sys.modules["msvcrt"], real, sys.platform = console, sys.platform, "win32"
assert keys.read_key(None) == "n"
del sys.modules["msvcrt"]  # the standard library's own choices are not what is tested
sys.platform = real
sys.argv = ["triage", "call", "--no-save", "--format", "json"]
main()
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        input="0\n3\n0\n2\n",  # no emergency sign, 18 to 49, no caution, a recent fall
        capture_output=True,
        text=True,
        timeout=60,
        env={"TRIAGE_CACHE": "", "TRIAGE_LANG": "en", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"outcome": "see_doctor"' in done.stdout


# ------------------------------------------------- one answer is one answer


def typed(
    text: str,
    begins: Iterable[str] = ("no", "non", "none", "yes", "oui", "back", "18 to 49", "epaule"),
):
    """What `typed_answer` makes of `text` typed at once (then nothing more comes), at a
    question whose whole answers are `begins`: (answer, keys read ahead, what was echoed)."""
    feed = list(text)
    shown: list[str] = []

    def read(_timeout: float | None) -> str | None:
        return feed.pop(0) if feed else None  # nothing more: a pause

    answer, ahead = keys.typed_answer(read, False, tuple(begins), shown.append)
    return answer, ahead + "".join(feed), "".join(shown)


@pytest.mark.parametrize(
    "word", ["no", "non", "none", "yes", "oui", "nope", "nnn", "No", "18 to 49", "Épaule"]
)
def test_a_word_ended_with_enter_is_one_line_whole(word):
    answer, ahead, _shown = typed(word + "\r" + "y")
    assert answer == keys.Typed(word, line=True)
    assert ahead == "y"  # what follows the Enter is the next question's


@pytest.mark.parametrize(
    ("text", "first", "ahead"),
    [
        ("n", "n", ""),  # one key, then a pause
        ("nny", "n", "ny"),  # keys typed ahead: each its own question
        ("no", "n", "o"),  # in French: non, then oui, typed ahead
        ("n0\r", "n", "0\r"),  # a key, then a list's line typed ahead
        ("y3", "y", "3"),
        ("3\r", "3", "\r"),  # a number answers at once: the Enter stays
        ("?", "?", ""),
    ],
)
def test_keys_typed_ahead_without_enter_answer_one_question_each(text, first, ahead):
    answer, rest, _shown = typed(text)
    assert answer == keys.Typed(first)
    assert rest == ahead


def test_backspace_corrects_a_word_before_enter():
    answer, ahead, shown = typed("nob\x7f\x7f\x7fyes\r")
    assert answer == keys.Typed("yes", line=True)
    assert ahead == ""
    assert shown.count("\b \b") == 3


def test_the_extra_keys_of_a_run_are_taken_back_from_the_screen():
    _answer, _ahead, shown = typed("nn")
    assert shown == "nn" + "\b \b"


def test_a_word_is_waited_for_a_moment_after_its_first_key_and_longer_after_more():
    waits: list[float | None] = []
    feed = iter(["n", "o", None])

    def read(timeout: float | None) -> str | None:
        waits.append(timeout)
        return next(feed)

    answer, ahead = keys.typed_answer(read, False, ("nos",), print)
    assert (answer, ahead) == (keys.Typed("n"), "o")
    assert waits == [None, keys.WORD_PAUSE, keys.RUN_PAUSE]

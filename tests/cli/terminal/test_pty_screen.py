"""The screen a person sees at the end, read by a terminal emulator (pyte) fed by a real pty.

A transcript says what was written; the screen says what is left in view once the
program has ended. At 40, 80 and 200 columns and 24 rows, in English and French:

- a client walk ends with the verdict, whole on the last screen and last on it: the
  urgency in words, what to book or which number to call, the safety-net;
- a call ends with To do (the receptionist's verdict) and the note on the last screen
  at 80x24, the note last; the note read back from the screen (the rows the terminal
  wrapped joined again) is the note in the history, byte for byte, and so is what
  `--copy` put on the clipboard (OSC 52).
"""

from __future__ import annotations

import base64
import re
import sqlite3
import termios
import time
from pathlib import Path
from typing import Any

import pexpect
import pyte
import pytest
import yaml
from terminal_session import PROMPT, ROOT, spawn, type_line

RULES = yaml.safe_load((ROOT / "rules" / "default.yaml").read_text(encoding="utf-8"))
OUTCOMES: dict[str, Any] = {o["id"]: o for o in RULES["outcomes"]}
ROWS = 24
YES = {"en": "y", "fr": "o"}
BOOK = {
    "en": "Book: Therapeutic massage, first session with assessment (75 min)",
    "fr": "À réserver : Massage thérapeutique, première séance avec bilan (75 min)",
}
TO_DO = {"en": "To do - ", "fr": "À faire - "}


def words(text: str) -> str:
    """Words only, typographic spaces, apostrophes and dashes read as plain ones."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    text = text.replace("\u2013", "-")
    return " ".join(text.split())


def screen_of(child: pexpect.spawn, columns: int, rows: int = ROWS) -> list[str]:
    """The rows left on the screen once the program ended, as a person sees them."""
    if child.isalive():
        child.expect(pexpect.EOF)
        child.close()
    screen = pyte.Screen(columns, rows)
    pyte.Stream(screen).feed(str(child.log.getvalue()))  # type: ignore[attr-defined]
    shown = [row.rstrip() for row in screen.display]
    while shown and not shown[-1]:  # the cursor's empty row after the last line
        shown.pop()
    return shown


class WrappingScreen(pyte.Screen):  # type: ignore[misc]
    """A screen that remembers which rows continue the one above: the terminal wrapped a
    line there, at its edge (a copy from the screen joins them again)."""

    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self.continued: set[int] = set()

    def draw(self, data: str) -> None:
        for char in data:
            if self.cursor.x >= self.columns and pyte.modes.DECAWM in self.mode:
                self.continued.add(self.cursor.y + 1)
            super().draw(char)


def printed_lines(transcript: str, columns: int) -> list[str]:
    """The lines as a copy from the screen gives them: rows the terminal wrapped, joined."""
    screen = WrappingScreen(columns, 1000)  # tall enough that nothing scrolls off
    pyte.Stream(screen).feed(transcript)
    lines: list[str] = []
    for number, row in enumerate(screen.display):
        if number in screen.continued:
            lines[-1] += row
        else:
            lines.append(row)
    shown = [line.rstrip() for line in lines]
    while shown and not shown[-1]:
        shown.pop()
    return shown


def wait_for_single_key_mode(child: pexpect.spawn) -> None:
    deadline = time.monotonic() + 5
    while termios.tcgetattr(child.child_fd)[3] & termios.ICANON:
        if time.monotonic() > deadline or not child.isalive():
            pytest.fail("the terminal was never switched to single-key mode")
        time.sleep(0.005)


def verdict(outcome: str, lang: str) -> list[str]:
    """The verdict's lines in words: the headline, what to do, the safety-net."""
    short = OUTCOMES[outcome]["verdict"]
    act = short["act"][lang] if "act" in short else BOOK[lang]
    return [words(short["headline"][lang]), words(act), words(short["safety_net"][lang])]


# ------------------------------------------------------------------ a client walk

WALKS = {
    "emergency": ["4"],  # stroke signs: the walk ends at once
    "therapeutic": ["0", "3", "0", "0", "{yes}", "1", "3", "n", "n", "n", "n", ""],
}


@pytest.mark.parametrize("columns", [40, 80, 200])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("outcome", sorted(WALKS))
def test_a_walk_ends_with_the_verdict_on_the_last_screen(
    outcome: str, lang: str, columns: int
) -> None:
    child = spawn(columns=columns, TRIAGE_LANG=lang)
    child.setwinsize(ROWS, columns)
    for typed in WALKS[outcome]:
        type_line(child, typed.format(yes=YES[lang]))
    rows = screen_of(child, columns)

    assert child.exitstatus == 0
    expected = verdict(outcome, lang)
    block = words(" ".join(rows[-8:]))
    # The whole block is in view, and nothing comes after it.
    assert block.endswith(" ".join(expected)), rows
    if columns >= 80:  # at most five lines, the rule that opens it included
        opening = max(i for i, row in enumerate(rows) if set(row) <= set("-─") and row)
        assert len(rows) - opening <= 5, rows[opening:]
    if outcome == "emergency":  # said in words that match its urgency, in the block
        assert any(words(row).startswith(("EMERGENCY:", "URGENCE :")) for row in rows[-8:])


# ------------------------------------------------------------------ a call


def stored_note(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        (note,) = conn.execute("SELECT note FROM screenings").fetchone()
        return str(note)
    finally:
        conn.close()


@pytest.mark.parametrize("columns", [40, 80, 200])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_call_ends_with_to_do_then_the_note_that_pastes_back(
    lang: str, columns: int, tmp_path: Path
) -> None:
    db = tmp_path / "history.sqlite3"
    child = spawn(
        "call", "--copy", "--by", "Anna", columns=columns, TRIAGE_LANG=lang, TRIAGE_DB=str(db)
    )
    child.setwinsize(ROWS, columns)
    details = {"en": "24 weeks; warfarin", "fr": "24 semaines ; warfarine"}[lang]
    typed = [("line", "0"), ("line", "3"), ("line", "1 2"), ("key", "n"), ("line", "0")]
    typed += [("key", YES[lang]), ("line", "1"), ("key", "3")]
    typed += [("key", "n")] * 4 + [("line", details), ("line", "")]  # nothing more to note
    for how, text in typed:
        if how == "key":
            child.expect_exact(PROMPT)
            wait_for_single_key_mode(child)
            child.send(text)
        else:
            type_line(child, text)
    last_screen = screen_of(child, columns)
    out = str(child.log.getvalue())  # type: ignore[attr-defined]
    shown = printed_lines(out, columns)  # with what scrolled off, as a copy gives it

    assert child.exitstatus == 0, out
    note = stored_note(db)
    # What --copy put on the clipboard is the stored note, byte for byte.
    (copied,) = re.findall(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", out)
    assert base64.b64decode(copied).decode("utf-8") == note
    # The screen: the copy's confirmation (standard error) last, the note just above it.
    said = max(i for i, line in enumerate(shown) if line.startswith(("The note ", "La note ")))
    assert len(shown) - said <= 3  # the confirmation, wrapped by the tool at 40 columns
    note_lines = note.rstrip("\n").split("\n")
    assert shown[said - len(note_lines) : said] == note_lines  # pasted back from the screen
    assert "Screened by: Anna" in note or "Orientation par : Anna" in words(note)
    assert "sha256" not in note and "script" not in note
    # Never asks for what was just typed.
    assert "Ask how many weeks" not in out and "Demandez de combien" not in out
    if columns >= 80:  # To do and the whole note on the last screen of 24 rows
        screen_words = words(" ".join(last_screen))
        assert words(note_lines[0]) in screen_words
        assert words(TO_DO[lang]) in screen_words
        assert words(BOOK[lang]) in screen_words

"""What a call looks like, for the tests of calls in a terminal and piped: the default rule
set's questions in the receptionist's words, the words it gives for each outcome, the
booking note, and the keys of a pty session (a line, a single key, the summary)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import termios
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from terminal_session import ANSI, PROMPT, ROOT

RULES_FILE = ROOT / "rules" / "default.yaml"

# The questions of the default rule set in the receptionist's (third-person) wording.
# Long questions are named by their start: the terminal wraps the rest.
C = {
    "emergency_signs": "Does the caller have any of these right now?",
    "age": "How old is the caller?",
    "cautions": "Does any of these apply to the caller? They usually change how the massage",
    "pregnancy_warning_signs": "In this pregnancy, does the caller have any of these right now",
    "red_flags": "Does any of these apply to the caller at the moment?",
    "discomfort": "Is there a specific pain or discomfort the caller wants addressed?",
    "areas": "Where does the caller feel it?",
    "duration": "How long has the caller had it?",
    "same_spot": "Does it keep coming back to the same spot?",
    "worse_in_positions": "Does it get worse in certain positions?",
    "limits_movement": "Does it stop the caller from making certain movements?",
    "organises_around_it": "Has the caller started organising their day around it?",
    "cautions_details": "What should the therapist know about it?",
    "therapist_note": "Anything else the therapist should know?",
}
# The same questions as a client sees them: never shown in a call.
CLIENT = (
    "Do you have any of these right now?",
    "How old are you?",
    "Does any of these apply to you at the moment?",
    "Is there a specific pain or discomfort you would like to have addressed?",
    "Where do you feel it?",
    "How long have you had it?",
)
YES_NO_HINT = "y/n · ? help · b back · s so far"

RULES_TEXT = RULES_FILE.read_text(encoding="utf-8")
RULES_SHA256 = hashlib.sha256(RULES_TEXT.encode("utf-8")).hexdigest()
# The note's first line: when, in local time with its offset.
NOTE_HEAD = re.compile(r"TRIAGE NOTE - \d{4}-\d\d-\d\d \d\d:\d\d [+-]\d\d:\d\d")
SCREENED = "Asked, answered none: Emergency signs, Red flags"
RULES_LINE = f"Rules: massage-triage-default 1.2.0 (sha256 {RULES_SHA256[:12]})"
OUTCOMES: dict[str, Any] = {o["id"]: o for o in yaml.safe_load(RULES_TEXT)["outcomes"]}


def therapeutic_note(caller_ref: str) -> list[str]:
    """The booking note of the therapeutic call the tests make, line by line."""
    return [
        "TRIAGE NOTE",
        BOOK_THERAPEUTIC,
        "Recommendation: A therapeutic massage, starting with an assessment",
        "Age: 18 to 49",
        "Areas: Neck, Shoulder",
        "Duration: More than 3 months",  # the reason's answer: not repeated on a "Why" line
        "Cautions: Pregnancy",
        "Caution details: 24 weeks",
        "Asked, answered none: Emergency signs, Pregnancy warning signs, Red flags",
        f"Caller ref: {caller_ref}",
    ]  # the script's version and the sha256 are in the history, not in the paste


def reception_advice(outcome: str) -> str:
    """The words the rule set gives a receptionist for an outcome (its `reception` advice)."""
    return str(OUTCOMES[outcome]["advice"]["reception"]["en"])


def say(outcome: str) -> str:
    """The words the rule set gives to read to a caller (second person)."""
    return str(OUTCOMES[outcome]["say"]["en"])


def to_do(outcome: str) -> str:
    """The outcome's step for a receptionist, besides booking."""
    return str(OUTCOMES[outcome]["to_do"]["reception"]["en"])


def safety_net(outcome: str) -> str:
    """What to do if things get worse, in one line said to the caller (the verdict's)."""
    return str(OUTCOMES[outcome]["verdict"]["safety_net"]["en"])


def headline(outcome: str) -> str:
    """The outcome in words that match its urgency: the verdict's headline."""
    return str(OUTCOMES[outcome]["verdict"]["headline"]["en"])


def call_end(out: str) -> tuple[str, str, str]:
    """The words of the end of a call: its To do steps (after the headline), what to say to
    the caller, and the safety-net said after it. Say comes first, To do last before the
    note."""
    said = words(out)
    for heading in ("Say to the caller:", "Safety-net (say it too):", "To do - ", "TRIAGE NOTE"):
        assert said.count(heading) == 1, (heading, said)
    assert (
        said.index("Say to the caller:")
        < said.index("Safety-net (say it too):")
        < said.index("To do - ")
        < said.index("TRIAGE NOTE")
    )
    spoken = said.split("Say to the caller:", 1)[1].split("Safety-net (say it too):", 1)[0]
    net = said.split("Safety-net (say it too):", 1)[1].split("To do - ", 1)[0]
    todo = said.split("To do - ", 1)[1].split("TRIAGE NOTE", 1)[0]
    todo = todo.split(" Saved as screening ", 1)[0]
    _headline, steps = todo.split(" - ", 1)
    return "- " + steps.strip(), spoken.strip(), net.strip()


BOOK_THERAPEUTIC = "Book: Therapeutic massage, first session with assessment (75 min)"
BOOK_RELAXATION = "Book: Relaxation massage (60 min)"


# ------------------------------------------------------------------ helpers


def spaced(text: str) -> str:
    """A pattern for `text` wherever the terminal's width wrapped it (at spaces only)."""
    return r"\s+".join(re.escape(word) for word in text.split())


def ask(child: pexpect.spawn, text: str) -> str:
    """Wait for `text` and then the prompt; return everything shown since the last answer
    up to the prompt (the "so far:" line, the progress, the question, its choices)."""
    child.expect(spaced(text))
    shown = str(child.before) + str(child.after)
    child.expect_exact(PROMPT)
    return shown + str(child.before) + PROMPT


def progress(shown: str) -> tuple[int, int]:
    """The question's number and how many may still come (0: the last), from "[3 · up to
    7 more]" or "[11 · last]"."""
    found = re.search(r"\[(\d+) · (?:up to (\d+) more|last)\] ", words(shown))
    assert found, words(shown)
    return int(found.group(1)), int(found.group(2) or 0)


def answer(child: pexpect.spawn, text: str, line: str) -> str:
    """Wait for `text` and its prompt, then type a line and Enter (a list's answer)."""
    shown = ask(child, text)
    child.sendline(line)
    return shown


def single_key_mode(child: pexpect.spawn) -> bool:
    """Whether the program reads the terminal key by key (line mode, ICANON, is off)."""
    return not termios.tcgetattr(child.child_fd)[3] & termios.ICANON


def wait_for_single_key_mode(child: pexpect.spawn, where: str) -> None:
    deadline = time.monotonic() + 5
    while not single_key_mode(child):
        if time.monotonic() > deadline or not child.isalive():
            pytest.fail(f"the terminal was never switched to single-key mode at {where!r}")
        time.sleep(0.005)


def press(child: pexpect.spawn, text: str, key: str) -> str:
    """Wait for `text` and its prompt, then press one key, without Enter."""
    shown = ask(child, text)
    wait_for_single_key_mode(child, text)
    child.send(key)
    return shown


def words(text: str) -> str:
    """The text as words only: no escape sequences or line breaks (undoes the wrapping)."""
    return " ".join(ANSI.sub("", text).split())


def lines(text: str) -> list[str]:
    """The transcript's lines as written (a pty turns each newline into CR LF)."""
    return ANSI.sub("", text).replace("\r\n", "\n").split("\n")


def so_far(child: pexpect.spawn, single: bool) -> str:
    """Ask for the answers so far (the `s` key, or the line `s` at a list) at the prompt
    now shown; the summary, unwrapped. The same prompt comes again after it."""
    if single:
        wait_for_single_key_mode(child, "so far")
        child.send("s")
    else:
        child.sendline("s")
    child.expect_exact("so far: ")
    child.expect_exact(PROMPT)
    said = lines(str(child.before))
    return words(" ".join(said[:-1]))  # the last line is the prompt's hint


def booking_note(out: str) -> list[str]:
    """The booking note's lines as printed (never wrapped), from "TRIAGE NOTE - <when>"
    to the first empty line or error line; its dated first line is checked, then read
    "TRIAGE NOTE"."""
    found = lines(out)
    starts = [i for i, line in enumerate(found) if line.startswith("TRIAGE NOTE")]
    assert len(starts) == 1, "no booking note (or more than one)"
    start = starts[0]
    ended = (
        i for i in range(start, len(found)) if not found[i].strip() or found[i][:7] == "triage:"
    )
    end = next(ended, len(found))
    return undated(found[start:end])


def undated(note: list[str]) -> list[str]:
    """A note with its first line's local date and time checked, then left out."""
    assert NOTE_HEAD.fullmatch(note[0]), note[0]
    return ["TRIAGE NOTE", *note[1:]]


def stored(db: Path) -> list[dict[str, Any]]:
    """The rows of the history file, read with sqlite3 directly."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute("SELECT * FROM screenings ORDER BY id")]
    finally:
        conn.close()


def background(child: pexpect.spawn) -> None:
    answer(child, C["emergency_signs"], "0")
    answer(child, C["age"], "3")
    answer(child, C["cautions"], "0")

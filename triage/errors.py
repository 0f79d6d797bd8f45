"""Exit statuses and the errors the shell turns into one-line messages.

Every failure a user can cause maps to one documented exit status, so scripts can
tell a bad rule set from a bad answer from a cancelled session.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

from triage.i18n import _, ngettext


class ExitStatus(IntEnum):
    """Process exit codes, documented in the README."""

    SUCCESS = 0
    PROBLEMS_FOUND = 1  # `rules check|verify|test` found problems in the rule set
    RULES_INVALID = 2  # the rule set cannot be used or read
    USAGE = 2  # wrong command-line usage (the same code, as is usual for command lines)
    ANSWERS_INVALID = 3  # an answer is missing or not accepted by its question
    INPUT_ENDED = 4  # end of input before the walk reached a recommendation
    UNVERIFIED = 5  # the rule set fails verification (see --allow-unverified)
    STORAGE = 6  # the screening history cannot be read or written, or has no such screening
    ERROR = 70  # unexpected failure (a bug): one line, never a traceback (EX_SOFTWARE)
    OUTPUT = 74  # the output cannot be written: a full disk, a closed stdout (EX_IOERR)
    CANCELLED = 130  # Ctrl-C, like a shell
    READER_GONE = 141  # the output's reader went away (`| head`), as SIGPIPE would end it


class TriageError(Exception):
    """Base of the errors shown to a user as one line, with an exit status."""

    status: ExitStatus = ExitStatus.ERROR


# A stable short name for each kind of problem, for editors and CI (`rules check
# --format json`); listed in docs/rules.md. Codes are added, never renamed.
ProblemCode = Literal[
    # reading and parsing the files
    "no-such-path",
    "unreadable-file",
    "no-rule-files",
    "yaml-syntax",
    "yaml-limit",
    "yaml-not-allowed",
    "empty-file",
    "not-a-mapping",
    "key-not-a-word",
    "duplicate-key",
    "key-in-two-files",
    # the shape of each piece
    "unknown-key",
    "missing-key",
    "unknown-question-type",
    "missing-question-type",
    "bad-id",
    "bad-language-code",
    "empty-text",
    "invalid-value",
    # the rule set as a whole
    "duplicate-id",
    "same-severity",
    "unknown-outcome",
    "red-flag-to-massage",
    "unknown-contact",
    "unknown-question",
    "unknown-score",
    "asked-later",
    "wrong-operator",
    "not-yes-no",
    "not-a-number",
    "not-a-choice",
    "not-an-answer",
    "score-of-number",
    "missing-translation",
    "reads-free-text",
    "hidden-emergency",
    "choice-condition-here",
    "range-not-here",
    "range-overlap",
    "range-gap",
    # scenario cases
    "invalid-case",
    # warnings
    "unused-choice",
    "no-reception-wording",
    "no-booking",
    "never-asked",
    "never-reached",
    "proof-budget",
]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a rule set, located as precisely as the source allows."""

    message: str
    hint: str = ""
    file: str = ""
    line: int = 0
    column: int = 0
    level: str = "error"  # "error" or "warning"
    code: ProblemCode = field(kw_only=True)  # the kind of problem; see `ProblemCode`

    def where(self) -> str:
        if not self.file:
            return ""
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def as_data(self) -> dict[str, str | int]:
        """The problem as JSON-ready data (`rules check --format json`)."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "level": self.level,
            "message": self.message,
            "hint": self.hint,
        }

    def __str__(self) -> str:
        where = self.where()
        # TRANSLATORS: the level of a problem found in a rule set, as in "file:3:5: error: ...".
        level = {"error": _("error"), "warning": _("warning")}.get(self.level, self.level)
        text = _("{level}: {message}").format(level=level, message=self.message)
        text = f"{where}: {text}" if where else text
        return f"{text} ({self.hint})" if self.hint else text


class RulesError(TriageError):
    """The rule set has errors; carries every problem found, not just the first."""

    status = ExitStatus.RULES_INVALID

    def __init__(self, problems: list[Problem], summary: str = "") -> None:
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.column))
        errors = [p for p in problems if p.level == "error"]
        count = len(errors)
        found = ngettext("the rule set has {n} error", "the rule set has {n} errors", count)
        summary = summary or found.format(n=count)
        super().__init__(summary)


class UsageError(TriageError):
    """The command line is wrong: an option in the wrong place, a bad date, a missing --yes."""

    status = ExitStatus.USAGE


class AnswerError(TriageError):
    """An answer is missing or not accepted by its question."""

    status = ExitStatus.ANSWERS_INVALID


class Unverified(TriageError):
    """The rule set fails verification: the walk refuses it unless told otherwise."""

    status = ExitStatus.UNVERIFIED


class InputEnded(TriageError):
    """Input ran out (Ctrl-D, closed pipe) before a recommendation was reached."""

    status = ExitStatus.INPUT_ENDED


class StorageError(TriageError):
    """The screening history cannot be opened, read or written (or has no such screening)."""

    status = ExitStatus.STORAGE


def did_you_mean(word: str, known: Sequence[str]) -> str:
    """The closest known name (similarity of at least 60%), or the names when they are few.

    RapidFuzz compares in compiled code, so a rule set with a thousand misspelt
    references over a thousand ids is still answered at once.
    """
    from rapidfuzz import fuzz, process

    close = process.extractOne(word, known, scorer=fuzz.ratio, score_cutoff=60)
    if close:
        return _("did you mean {name!r}?").format(name=close[0])
    if len(known) > KNOWN_LISTED:
        return _("none of the {n} known names is close").format(n=len(known))
    return _("known: {names}").format(names=", ".join(known))


KNOWN_LISTED = 20  # beyond this, a list of every name helps nobody


def undecodable(text: str) -> int | None:
    """Where text from the system (a command-line argument) holds a byte that was not UTF-8
    (Python keeps it as a lone surrogate), or None: such text is refused, never replaced."""
    for index, char in enumerate(text):
        if "\udc80" <= char <= "\udcff":
            return index
    return None


def printable(text: str, keep: str = "") -> str:
    """Text from outside (a caller reference, a file name, a stored note, an option typed)
    made safe to print on a terminal: each character a terminal would obey (ESC, a
    carriage return, a bidirectional override...) becomes U+FFFD; those in `keep` (e.g.
    a newline) stay, and so do spaces (a no-break space is text, not an order)."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep or _space(c) else "\ufffd" for c in text)


def _space(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char) == "Zs"


def error_line(message: str) -> str:
    """`triage: error: MESSAGE`, the one form of every failure, safe to print: a message
    may echo what was typed (an option, a value, a path), and nothing typed reaches the
    terminal as an order (an OSC 52 that sets the clipboard, a colour, a title), in
    any language."""
    return printable(_("triage: error: {message}").format(message=message.rstrip()))

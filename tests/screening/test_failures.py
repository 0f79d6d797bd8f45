"""What each failure means, for both shells: its line, its exit status, its HTTP status."""

from __future__ import annotations

import errno

import pytest

from triage.errors import (
    AnswerError,
    ExitStatus,
    Problem,
    RulesError,
    StorageError,
    Unverified,
    UsageError,
)
from triage.screening.failures import Failure, failure_of, http_status


def test_a_rule_set_s_problems_come_first_each_a_printable_line():
    problem = Problem("bad \x1b[2J key", file="rules.yaml", line=3, column=5, code="unknown-key")
    failure = failure_of(RulesError([problem]))
    assert failure is not None
    assert failure.status == ExitStatus.RULES_INVALID
    assert failure.message == "the rule set has 1 error"
    (line,) = failure.problems
    assert line.startswith("rules.yaml:3:5") and "\x1b" not in line


@pytest.mark.parametrize(
    ("error", "status", "http"),
    [
        (AnswerError("no such answer"), ExitStatus.ANSWERS_INVALID, 400),
        (UsageError("bad option"), ExitStatus.USAGE, 400),
        (Unverified("fails verification"), ExitStatus.UNVERIFIED, 400),
        (StorageError("history locked"), ExitStatus.STORAGE, 503),
    ],
)
def test_a_documented_error_keeps_its_words_and_maps_to_a_page_status(error, status, http):
    assert failure_of(error) == Failure(str(error), status)
    assert http_status(status) == http


def test_the_ends_of_a_terminal_session_have_their_own_statuses():
    assert failure_of(KeyboardInterrupt()) == Failure("cancelled", ExitStatus.CANCELLED)
    ended = failure_of(EOFError())
    assert ended is not None and ended.status == ExitStatus.INPUT_ENDED


def test_writing_the_output_fails_with_74_or_ends_quietly_when_the_reader_left():
    full = failure_of(OSError(errno.ENOSPC, "No space left on device"))
    assert full == Failure("cannot write the output: No space left on device", ExitStatus.OUTPUT)
    assert failure_of(BrokenPipeError(errno.EPIPE, "Broken pipe")) == Failure(
        "", ExitStatus.READER_GONE
    )


@pytest.mark.parametrize(
    "error", [KeyError("x"), OSError(errno.ENOENT, "No such file"), ValueError("v")]
)
def test_anything_else_is_a_bug(error):
    """A file the tool reads reports its own errors: a bare OSError is no failure of use."""
    assert failure_of(error) is None
    assert http_status(ExitStatus.ERROR) == 500


@pytest.mark.parametrize("status", list(ExitStatus))
def test_every_exit_status_has_a_page_status_that_is_an_error(status):
    assert 400 <= http_status(status) <= 599

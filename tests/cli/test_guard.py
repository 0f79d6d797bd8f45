"""The guard: each failure one line and its documented status; debugging only when asked."""

from __future__ import annotations

import errno

import pytest
import typer

from triage.cli.guard import debugging, guard
from triage.errors import ExitStatus


@pytest.mark.parametrize(
    ("value", "on"),
    [
        ("1", True),
        ("true", True),
        ("on", True),
        ("0", False),
        ("", False),
        ("no", False),
        ("false", False),
        ("2", False),
    ],
)
def test_triage_debug_is_on_only_when_said_so(value: str, on: bool):
    assert debugging({"TRIAGE_DEBUG": value}) is on


def run_guarded(fake_env, error: BaseException, **environ: str):
    env = fake_env(environ=environ)
    with pytest.raises(typer.Exit) as caught, guard(env):
        raise error
    return caught.value.exit_code, env.stderr.getvalue()


def test_a_bug_is_one_line_and_exit_70_even_with_triage_debug_0(fake_env):
    status, err = run_guarded(fake_env, KeyError("x"), TRIAGE_DEBUG="0")
    assert status == ExitStatus.ERROR
    assert err.startswith("triage: error: unexpected KeyError")
    assert len(err.splitlines()) == 1


def test_triage_debug_1_lets_the_traceback_through(fake_env):
    with pytest.raises(KeyError):
        run_guarded(fake_env, KeyError("x"), TRIAGE_DEBUG="1")


def test_a_full_disk_while_writing_the_output_is_one_line_and_exit_74(fake_env):
    status, err = run_guarded(fake_env, OSError(errno.ENOSPC, "No space left on device"))
    assert status == ExitStatus.OUTPUT
    assert err == "triage: error: cannot write the output: No space left on device\n"


def test_a_reader_that_went_away_ends_quietly_with_141(fake_env):
    status, err = run_guarded(fake_env, BrokenPipeError(errno.EPIPE, "Broken pipe"))
    assert status == ExitStatus.READER_GONE == 141
    assert err == ""


def test_an_error_message_never_carries_an_escape_sequence(fake_env):
    from triage.errors import AnswerError

    status, err = run_guarded(fake_env, AnswerError("bad \x1b]0;title\x07 name"))
    assert status == ExitStatus.ANSWERS_INVALID
    assert "\x1b" not in err and "\x07" not in err

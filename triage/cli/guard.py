"""The terminal's side of a failure: its one line on stderr, then its exit status.

What each error means (its line and status) is the screening layer's
`triage.screening.failures`, which the web shell maps to HTTP statuses too. No
traceback ever reaches a user (set TRIAGE_DEBUG=1 to see one for a bug report).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import NoReturn

import typer

from triage import i18n
from triage.cli.environment import Environment
from triage.errors import ExitStatus, error_line, printable
from triage.output.typography import for_stream
from triage.screening.failures import bug_message, failure_of


def debugging(environ: Mapping[str, str]) -> bool:
    """TRIAGE_DEBUG=1 (or true, yes, on) shows a bug's traceback; 0, empty or else does not."""
    return environ.get("TRIAGE_DEBUG", "").strip().lower() in ("1", "true", "yes", "on")


def fail(env: Environment, message: str, status: ExitStatus) -> NoReturn:
    cancelled = status == ExitStatus.CANCELLED
    line = printable(message.rstrip()) if cancelled else error_line(message)
    say(env, for_stream(line, i18n.language(), env.stderr))
    raise typer.Exit(status)


def say(env: Environment, line: str) -> None:
    """One line on stderr; a stderr that cannot be written is not worth another error."""
    try:
        env.stderr.write(line + "\n")
        env.stderr.flush()
    except (OSError, ValueError):
        pass


def discard_output(stream: object = None) -> None:
    """Whatever is still buffered for the process's stdout goes nowhere: the interpreter's
    last flush then succeeds instead of printing "Exception ignored ...". Another stream
    (a test's) is left alone."""
    import os
    import sys

    if stream is not None and stream is not sys.stdout:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def reader_gone(stream: object = None) -> NoReturn:
    """The output's reader went away (`| head`): nothing left to say."""
    discard_output(stream)
    raise typer.Exit(ExitStatus.READER_GONE)


@contextmanager
def guard(env: Environment) -> Iterator[None]:
    """Turn every failure into one line on stderr and its documented exit status (what
    each error means is the screening layer's `failure_of`, which the web uses too).

    A command leaves early with `typer.Exit(status)`, which passes through.
    """
    try:
        yield
    except typer.Exit:
        raise
    except (Exception, KeyboardInterrupt) as error:
        failure = failure_of(error)
        if failure is None:
            _unexpected(env, error)
        if failure.status == ExitStatus.READER_GONE:
            reader_gone(env.stdout)
        if failure.status == ExitStatus.OUTPUT:
            discard_output(env.stdout)
        if failure.status == ExitStatus.CANCELLED:
            env.stderr.write("\n")
        for line in failure.problems:
            env.stderr.write(line + "\n")
        fail(env, failure.message, failure.status)


def _unexpected(env: Environment, error: BaseException) -> NoReturn:
    """A bug: one line and exit 70, or its traceback with TRIAGE_DEBUG=1."""
    if debugging(env.environ):
        raise error
    fail(env, bug_message(error), ExitStatus.ERROR)

"""The one place where exceptions become one-line messages and exit statuses.

No traceback ever reaches a user (set TRIAGE_DEBUG=1 to see one for a bug report).
"""

from __future__ import annotations

import errno
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import NoReturn

import typer

from triage import i18n
from triage.cli.environment import Environment
from triage.errors import ExitStatus, RulesError, TriageError, error_line, printable
from triage.i18n import _
from triage.output.typography import for_stream

# Errors of writing the output (not bugs): a full disk, a closed or broken stream...
OUTPUT_ERRNOS = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF", "EPIPE", "ENXIO", "EROFS")
    if hasattr(errno, name)
)


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


def output_failed(env: Environment, error: OSError) -> NoReturn:
    """The output cannot be written (e.g. `> /dev/full`): one line, exit 74."""
    if error.errno == errno.EPIPE:
        reader_gone(env.stdout)
    discard_output(env.stdout)
    reason = error.strerror or str(error)
    message = _("cannot write the output: {reason}").format(reason=reason)
    fail(env, message, ExitStatus.OUTPUT)


@contextmanager
def guard(env: Environment) -> Iterator[None]:
    """Turn every failure into one line on stderr and its documented exit status.

    A command leaves early with `typer.Exit(status)`, which passes through.
    """
    try:
        yield
    except typer.Exit:
        raise
    except RulesError as error:
        for problem in error.problems:
            env.stderr.write(printable(str(problem)) + "\n")
        fail(env, str(error), error.status)
    except TriageError as error:
        fail(env, str(error), error.status)
    except KeyboardInterrupt:
        env.stderr.write("\n")
        fail(env, _("cancelled"), ExitStatus.CANCELLED)
    except EOFError:
        fail(env, _("input ended before a recommendation was reached"), ExitStatus.INPUT_ENDED)
    except BrokenPipeError:  # the reader went away (e.g. `| head`): nothing left to say
        reader_gone(env.stdout)
    except OSError as error:
        # Every file the tool reads or writes reports its own errors: an OSError that
        # reaches here comes from writing the output.
        if error.errno not in OUTPUT_ERRNOS:
            _unexpected(env, error)
        output_failed(env, error)
    except Exception as error:
        _unexpected(env, error)


def _unexpected(env: Environment, error: Exception) -> NoReturn:
    """A bug: one line and exit 70, or its traceback with TRIAGE_DEBUG=1."""
    if debugging(env.environ):
        raise error
    fail(
        env,
        _("unexpected {kind}: {error} (run with TRIAGE_DEBUG=1 for details)").format(
            kind=type(error).__name__, error=error
        ),
        ExitStatus.ERROR,
    )

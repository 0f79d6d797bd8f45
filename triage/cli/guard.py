"""The one place where exceptions become one-line messages and exit statuses.

No traceback ever reaches a user (set TRIAGE_DEBUG=1 to see one for a bug report).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

from triage import i18n
from triage.cli.environment import Environment
from triage.errors import ExitStatus, RulesError, TriageError
from triage.i18n import _
from triage.output.typography import for_stream


def fail(env: Environment, message: str, status: ExitStatus) -> NoReturn:
    cancelled = status == ExitStatus.CANCELLED
    line = message if cancelled else _("triage: error: {message}").format(message=message)
    env.stderr.write(for_stream(line.rstrip(), i18n.language(), env.stderr) + "\n")
    env.stderr.flush()
    raise typer.Exit(status)


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
            env.stderr.write(f"{problem}\n")
        fail(env, str(error), error.status)
    except TriageError as error:
        fail(env, str(error), error.status)
    except KeyboardInterrupt:
        env.stderr.write("\n")
        fail(env, _("cancelled"), ExitStatus.CANCELLED)
    except EOFError:
        fail(env, _("input ended before a recommendation was reached"), ExitStatus.INPUT_ENDED)
    except BrokenPipeError:  # the reader went away (e.g. `| head`): nothing left to say
        raise typer.Exit(ExitStatus.ERROR) from None
    except Exception as error:
        if env.environ.get("TRIAGE_DEBUG"):
            raise
        fail(
            env,
            _("unexpected {kind}: {error} (run with TRIAGE_DEBUG=1 for details)").format(
                kind=type(error).__name__, error=error
            ),
            ExitStatus.ERROR,
        )

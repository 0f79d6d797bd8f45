"""What every command does around the core: load rules, turn errors into exit codes, print.

This is the only place where exceptions become one-line messages: no traceback ever
reaches a user (set TRIAGE_DEBUG=1 to see one for a bug report).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, NoReturn

from triage.env import Environment
from triage.errors import ExitStatus, RulesError, TriageError
from triage.i18n import _
from triage.model import RuleSet


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class Exit(Exception):
    """Leave the command with this status; the message is already printed."""

    def __init__(self, status: ExitStatus) -> None:
        super().__init__(status)
        self.status = status


def fail(env: Environment, message: str, status: ExitStatus) -> NoReturn:
    prefix = _("cancelled") if status == ExitStatus.CANCELLED else "triage: error"
    line = message if status == ExitStatus.CANCELLED else f"{prefix}: {message}"
    env.stderr.write(line.rstrip() + "\n")
    env.stderr.flush()
    raise Exit(status)


@contextmanager
def guard(env: Environment) -> Iterator[None]:
    """Turn every failure into one line on stderr and its documented exit status."""
    try:
        yield
    except Exit:
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
    except BrokenPipeError:
        raise Exit(ExitStatus.ERROR) from None
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


@dataclass(frozen=True)
class Loaded:
    rules: RuleSet
    sha256: str
    path: Path


def load(path: Path | None) -> Loaded:
    """Read and validate a rule set (the default one when no path is given)."""
    from triage.loader import fingerprint, load_rules
    from triage.sources import default_rules_path, read_sources

    path = path or default_rules_path()
    sources = read_sources(path)
    return Loaded(load_rules(sources), fingerprint(sources), path)


def emit(env: Environment, doc: dict[str, Any], fmt: Format) -> None:
    """Print a result document on stdout in the chosen format."""
    from triage import render

    if fmt is Format.json:
        env.stdout.write(render.to_json(doc) + "\n")
    elif fmt is Format.markdown:
        env.stdout.write(render.to_markdown(doc))
    elif env.plain(env.stdout):
        env.stdout.write(render.to_plain(doc))
    else:
        env.console(env.stdout).print(render.to_rich(doc))
    env.stdout.flush()

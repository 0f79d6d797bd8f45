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
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from triage.env import Environment
from triage.errors import ExitStatus, RulesError, TriageError, Unverified
from triage.i18n import _

if TYPE_CHECKING:
    from triage.model import RuleSet


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


def fail(env: Environment, message: str, status: ExitStatus) -> NoReturn:
    cancelled = status == ExitStatus.CANCELLED
    line = message if cancelled else _("triage: error: {message}").format(message=message)
    env.stderr.write(line.rstrip() + "\n")
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


@dataclass(frozen=True)
class Loaded:
    rules: RuleSet
    sha256: str
    path: Path
    violations: tuple[str, ...] = ()  # verification failures, when allowed


def load(path: Path | None, allow_unverified: bool = False, cache: Path | None = None) -> Loaded:
    """Read, validate and verify a rule set (the default one when no path is given).

    A rule set that fails verification is refused unless `allow_unverified`; then
    its violations travel with it, so every result can carry a warning. With a
    `cache` folder, a rule set proven once (same text, same tool version) is not
    proven again at every run.
    """
    from triage.loader import fingerprint, load_rules
    from triage.sources import default_rules_path, read_sources

    path = path or default_rules_path()
    sources = read_sources(path)
    rules = load_rules(sources)
    sha256 = fingerprint(sources)
    violations = _violations(rules, sha256, cache)
    if violations and not allow_unverified:
        raise Unverified(
            _(
                "the rule set {path} fails verification: {first}; run 'triage rules verify {path}' "
                "for details, or pass --allow-unverified to use it anyway"
            ).format(path=path, first=violations[0])
        )
    return Loaded(rules, sha256, path, violations)


def _violations(rules: RuleSet, sha256: str, cache: Path | None) -> tuple[str, ...]:
    """What verification finds; a success is remembered in the cache, a failure never."""
    from triage import __version__

    stamp = cache / f"{sha256}-{__version__}.verified" if cache else None
    if stamp is not None and stamp.is_file():
        return ()
    from triage.verify import verify

    found = tuple(
        _("{message} (e.g. {options})").format(message=v.message, options=v.as_options())
        for v in verify(rules).violations
    )
    if not found and stamp is not None:
        try:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.touch()
        except OSError:
            pass  # a cache that cannot be written only costs time
    return found


def cache_dir(env: Environment) -> Path | None:
    """Where proven rule sets are remembered: TRIAGE_CACHE, or the user's cache folder."""
    if "TRIAGE_CACHE" in env.environ:
        return Path(env.environ["TRIAGE_CACHE"]) if env.environ["TRIAGE_CACHE"] else None
    import platformdirs

    return platformdirs.user_cache_path("massage-triage") / "verified"


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
        console = env.console(env.stdout)
        console.print(render.to_rich(doc, ascii_only=not console.encoding.startswith("utf")))
    env.stdout.flush()


def emit_call(env: Environment, doc: dict[str, Any], note: str, fmt: Format) -> None:
    """The end of a call: what to say to the caller, then the booking note to paste."""
    from triage import render

    if fmt is Format.json:
        env.stdout.write(render.to_json({**doc, "booking_note": note}) + "\n")
    elif fmt is Format.markdown:
        env.stdout.write(render.to_markdown(doc) + "\n```text\n" + note + "```\n")
    else:
        heading = _("SAY TO THE CALLER") if doc["flags"] else _("Tell the caller")
        said = _("{label}: {text}").format(label=heading, text=doc["advice"])
        env.stdout.write(f"\n{said}\n\n{note}")
    env.stdout.flush()


def save_screening(
    env: Environment,
    db: Path | None,
    doc: dict[str, Any],
    note: str,
    mode: str,
    caller_ref: str | None,
) -> int:
    """Store a completed screening; a failure is a `StorageError`, raised after the result
    was printed, so the result is never lost."""
    from datetime import datetime, timezone

    from triage.history import Screening, Store, default_db_path

    now = datetime.now(timezone.utc)
    screening = Screening.from_document(doc, mode, note, caller_ref, now)
    with Store.open(db or default_db_path(env.environ)) as store:
        return store.save(screening)

"""The interactive walk, for a client (`triage`) or a receptionist (`triage call`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from triage import i18n
from triage.cli.cache import proven_cache
from triage.cli.emit import emit, emit_call
from triage.cli.environment import Environment
from triage.cli.guard import guard
from triage.cli.options import (
    AllowUnverifiedOption,
    CallerRefOption,
    DbOption,
    Format,
    FormatOption,
    LangOption,
    PlainOption,
    RulesOption,
    environment,
)
from triage.cli.screening import save_screening, waiting_count
from triage.errors import UsageError
from triage.i18n import _, ngettext

if TYPE_CHECKING:
    from triage.rulesets.model import Audience as AudienceName


def refuse_walk_options(ctx: typer.Context, command: str) -> None:
    """Options of the walk given before a command would be silently ignored: refuse them."""
    given = [
        param.opts[0]
        for param in ctx.command.params
        if param.name not in ("version", "lang")
        and param.name is not None
        and (source := ctx.get_parameter_source(param.name)) is not None
        and source.name != "DEFAULT"
        and param.opts[0].startswith("--")
    ]
    if given:
        raise UsageError(
            _(
                "{options} must come after the command name (e.g. triage {command} {option} ...)"
            ).format(options=", ".join(given), command=command, option=given[0])
        )


def call(
    ctx: typer.Context,
    rules: RulesOption = None,
    fmt: FormatOption = Format.text,
    plain: PlainOption = False,
    allow_unverified: AllowUnverifiedOption = False,
    caller_ref: CallerRefOption = None,
    db: DbOption = None,
    no_save: Annotated[
        bool, typer.Option("--no-save", help=_("Do not store this call in the history."))
    ] = False,
    lang: LangOption = None,
) -> None:
    """The walk for a receptionist (help: where it is registered, so that it is translated)."""
    env = environment(ctx, plain)
    screen(env, rules, fmt, allow_unverified, True, not no_save, db, caller_ref)


def screen(
    env: Environment,
    rules: Path | None,
    fmt: Format,
    allow_unverified: bool,
    reception: bool,
    save: bool,
    db: Path | None,
    caller_ref: str | None,
) -> None:
    """The interactive walk for a client or a receptionist, then the result and its storage."""
    with guard(env):
        from triage.cli.terminal import CallPrompter, TerminalPrompter
        from triage.deciding import interview
        from triage.deciding.loaded import load
        from triage.output.booking_note import booking_note
        from triage.output.document import document

        loaded = load(rules, allow_unverified, proven_cache(env))
        audience: AudienceName = "reception" if reception else "client"
        prompter = CallPrompter(env) if reception else TerminalPrompter(env)
        lang = i18n.language()
        waiting = waiting_count(env, db) if reception else 0
        if waiting:
            told = ngettext(
                "{n} screening sent from the web is waiting for a call back: "
                "triage history list --new",
                "{n} screenings sent from the web are waiting for a call back: "
                "triage history list --new",
                waiting,
            )
            env.stderr.write(told.format(n=waiting) + "\n")
        result = interview.run(loaded.rules, prompter, lang, audience)
        doc = document(result, loaded, lang, audience)
        note = booking_note(doc, caller_ref=caller_ref)
        if reception:
            emit_call(env, doc, note, fmt)
        else:
            emit(env, doc, fmt)
        if save:
            save_screening(env, db, doc, note, audience, caller_ref)

"""The interactive walk, for a client (`triage`) or a receptionist (`triage call`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from triage import i18n
from triage.cli.emit import emit, emit_call
from triage.cli.environment import Environment
from triage.cli.guard import guard
from triage.cli.options import (
    AllowUnverifiedOption,
    ByOption,
    CallerRefOption,
    CopyOption,
    DbOption,
    Format,
    FormatOption,
    PlainOption,
    RulesOption,
    environment,
)
from triage.errors import UsageError
from triage.i18n import _, ngettext
from triage.output.typography import for_stream

if TYPE_CHECKING:
    from triage.rulesets.texts import Audience


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
    by: ByOption = None,
    copy: CopyOption = False,
) -> None:
    """The walk for a receptionist (help: where it is registered, so that it is translated)."""
    env = environment(ctx, plain)
    asked = Asked(
        audience="reception",
        rules=rules,
        fmt=fmt,
        allow_unverified=allow_unverified,
        save=not no_save,
        db=db,
        caller_ref=caller_ref,
        by=by,
        copy=copy,
    )
    screen(env, asked)


@dataclass(frozen=True)
class Asked:
    """What one interactive walk was asked for on the command line (the root command's
    walk or `call`): named, so that no two booleans can change places on the way."""

    audience: Audience
    rules: Path | None = None
    fmt: Format = Format.text
    allow_unverified: bool = False
    save: bool = False
    db: str | None = None
    caller_ref: str | None = None
    by: str | None = None
    copy: bool = False


def screen(env: Environment, asked: Asked) -> None:
    """The interactive walk for a client or a receptionist, then its storage and the result.

    A receptionist's walk is a call (its channel in the history), a client's the walk.

    The screening is stored before the end is shown, so the end can say under which
    number; a history that cannot be written is reported after the result (exit 6), so
    the result is never lost.
    """
    with guard(env):
        from triage.cli.terminal.prompter import CallPrompter, TerminalPrompter
        from triage.errors import StorageError
        from triage.screening.concluding import conclude
        from triage.screening.loading import load_rules
        from triage.screening.saving import history_address, save, waiting_count
        from triage.screening.walking import walk

        audience, fmt, db = asked.audience, asked.fmt, asked.db
        loaded = load_rules(asked.rules, env.environ, asked.allow_unverified)
        reception = audience == "reception"
        prompter = CallPrompter(env) if reception else TerminalPrompter(env)
        lang = i18n.language()
        waiting = waiting_count(db, env.environ) if reception else 0
        if waiting:
            told = ngettext(
                "{n} screening sent from the web is waiting for a call back: "
                "triage history list --new",
                "{n} screenings sent from the web are waiting for a call back: "
                "triage history list --new",
                waiting,
            )
            env.stderr.write(told.format(n=waiting) + "\n")
        doc = walk(loaded, prompter, lang, audience)
        who = asked.by or _typed_name(env)
        ended = conclude(doc, "call" if reception else "walk", caller_ref=asked.caller_ref, by=who)
        saved, failure = "", None
        if asked.save:
            try:
                number = save(ended, history_address(db, env.environ))
                saved = _("Saved as screening {id} (triage history show {id}).").format(id=number)
            except StorageError as error:
                failure = error
        if reception:
            emit_call(env, ended.document, ended.note, fmt, saved)
        else:
            if saved:  # before the result: the verdict ends the output
                from triage.output.wrapping import fill

                shown = fill(for_stream(saved, lang, env.stderr), env.columns(env.stderr))
                env.stderr.write(shown + "\n")
            emit(env, ended.document, fmt)
        if asked.copy:
            from triage.cli.terminal.clipboard import copy as to_clipboard

            to_clipboard(env, ended.note)
        if failure is not None:
            raise failure


def _typed_name(env: Environment) -> str | None:
    """Who screens, from TRIAGE_BY (a short line, made safe as --by is)."""
    from triage.screening.references import MAX_LENGTH, typed_line

    return typed_line(env.environ.get("TRIAGE_BY", "")[:MAX_LENGTH])

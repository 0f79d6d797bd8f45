"""The `triage` command line: options in, core functions called, results out.

Each command only wires its options to the core (`engine`, `interview`, `render`);
modules a command does not need are imported inside it, so `triage --version`
stays as quick as a bare Typer app.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from triage import __version__, i18n
from triage.env import Environment
from triage.errors import ExitStatus
from triage.history_cli import DbOption
from triage.i18n import _
from triage.shell import Format, cache_dir, emit, emit_call, guard, load, save_screening

if TYPE_CHECKING:
    from triage.model import Audience as AudienceName

# Help texts are built below, so the language is chosen now, from the command line
# (--lang) and the environment; the --lang option itself is declared for the help.
i18n.use(i18n.choose(i18n.flag_in(sys.argv[1:]), os.environ)[0])

app = typer.Typer(
    name="triage",
    help=_("Relaxation or therapeutic massage? And when to see a doctor first."),
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
)

RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help=_("Use another rule set: a YAML file or a folder of them."),
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help=_("How to print the recommendation."))
]
AllowUnverifiedOption = Annotated[
    bool,
    typer.Option(
        "--allow-unverified",
        help=_("Use a rule set that fails verification; every result then carries a warning."),
    ),
]


class Audience(str, Enum):
    client = "client"
    reception = "reception"


CallerRefOption = Annotated[
    str | None,
    typer.Option(
        "--caller-ref", help=_("A reference stored with the screening, e.g. a booking number.")
    ),
]


def _language(ctx: typer.Context, value: str | None) -> str | None:
    """Switch the tool's texts (and the rule set's) to the chosen language."""
    root = ctx.parent is None
    if value is None and not root:
        return value  # the language chosen for the whole command line stands
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    code, notice = i18n.choose(value, env.environ)
    i18n.use(code)
    if notice:
        env.stderr.write(f"triage: {notice}\n")
    return value


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=_("Language: en or fr (default: TRIAGE_LANG, then LC_ALL, LC_MESSAGES, LANG)."),
        callback=_language,
        is_eager=True,
        show_default=False,
    ),
]
PlainOption = Annotated[
    bool,
    typer.Option("--plain", help=_("No colour and no boxes (also when output is not a terminal).")),
]


def _environment(ctx: typer.Context, plain: bool = False) -> Environment:
    env = ctx.obj if isinstance(ctx.obj, Environment) else Environment()
    if plain:
        env.force_plain = True
    return env


def _version(value: bool) -> None:
    if not value:
        return
    from triage.sources import default_rules_path, rules_identity

    rules_id, rules_version = rules_identity(default_rules_path())
    typer.echo(f"massage-triage {__version__}")
    typer.echo(f"rules: {rules_id} {rules_version}")
    raise typer.Exit()


@app.callback(invoke_without_command=True)
def walk(
    ctx: typer.Context,
    rules: RulesOption = None,
    fmt: FormatOption = Format.text,
    plain: PlainOption = False,
    allow_unverified: AllowUnverifiedOption = False,
    audience: Annotated[
        Audience,
        typer.Option("--for", help=_("Who answers: the client, or a receptionist on the phone.")),
    ] = Audience.client,
    save: Annotated[
        bool | None,
        typer.Option(
            "--save/--no-save",
            help=_("Store the screening in the history (the default for reception)."),
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    caller_ref: CallerRefOption = None,
    lang: LangOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=_("Print the versions and exit.")
        ),
    ] = False,
) -> None:
    """Walk through the questions, one at a time, to a recommendation.

    Type ? for help on a question and b to go back. Answers can also be piped on
    standard input, one per line.
    """
    if ctx.invoked_subcommand is not None:
        _refuse_walk_options(ctx, ctx.invoked_subcommand)
        return
    env = _environment(ctx, plain)
    reception = audience is Audience.reception
    keep = reception if save is None else save
    _screen(env, rules, fmt, allow_unverified, reception, keep, db, caller_ref)


def _refuse_walk_options(ctx: typer.Context, command: str) -> None:
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
        raise typer.BadParameter(
            _(
                "{options} must come after the command name (e.g. triage {command} {option} ...)"
            ).format(options=", ".join(given), command=command, option=given[0])
        )


@app.command(
    help=_(
        "Screen a phone enquiry: third-person questions, single keys, a booking note at the end."
        "\n\n"
        "Same as `triage --for reception`. The call is stored in the history unless --no-save."
    )
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
    """The walk for a receptionist (help: in the decorator, so that it can be translated)."""
    env = _environment(ctx, plain)
    _screen(env, rules, fmt, allow_unverified, True, not no_save, db, caller_ref)


def _screen(
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
        from triage import interview, render
        from triage.terminal import CallPrompter, TerminalPrompter

        loaded = load(rules, allow_unverified, cache_dir(env))
        audience: AudienceName = "reception" if reception else "client"
        prompter = CallPrompter(env) if reception else TerminalPrompter(env)
        lang = i18n.language()
        result = interview.run(loaded.rules, prompter, lang, audience)
        doc = render.document(result, loaded, lang, audience)
        note = render.booking_note(doc, caller_ref=caller_ref)
        if reception:
            emit_call(env, doc, note, fmt)
        else:
            emit(env, doc, fmt)
        if save:
            save_screening(env, db, doc, note, audience, caller_ref)


@app.command(
    help=_("Give all the answers at once and print the recommendation, without questions.")
)
def assess(
    ctx: typer.Context,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            help=_("An answer as ID=VALUE (repeatable); several choices comma-separated."),
            show_default=False,
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            help=_("A YAML or JSON file mapping question ids to answers; - reads stdin."),
            show_default=False,
        ),
    ] = None,
    rules: RulesOption = None,
    fmt: FormatOption = Format.text,
    plain: PlainOption = False,
    allow_unverified: AllowUnverifiedOption = False,
    lang: LangOption = None,
) -> None:
    """Answers in, a recommendation out (help: in the decorator)."""
    env = _environment(ctx, plain)
    with guard(env):
        from triage import engine, render
        from triage.answers import from_mapping, parse_document, parse_pairs

        loaded = load(rules, allow_unverified, cache_dir(env))
        given: dict[str, object] = {}
        if answers is not None:
            text = env.stdin.read() if answers == "-" else _read_answers(Path(answers))
            given.update(parse_document(text, "<stdin>" if answers == "-" else answers))
        given.update(parse_pairs(answer or []))
        result = engine.assess(loaded.rules, from_mapping(loaded.rules, given))
        emit(env, render.document(result, loaded, i18n.language()), fmt)


def _register_rules_commands() -> None:
    from triage.rules_cli import app as rules_app

    app.add_typer(rules_app, name="rules")


_register_rules_commands()


def _register_history_commands() -> None:
    from triage.history_cli import app as history_app

    app.add_typer(history_app, name="history")


_register_history_commands()


def _read_answers(path: Path) -> str:
    from triage.errors import AnswerError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        message = _("cannot read the answers file {path!r}: {reason}")
        raise AnswerError(message.format(path=str(path), reason=reason)) from None


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pressed before a command took over
        import sys

        sys.stderr.write("\n" + _("cancelled") + "\n")
        raise SystemExit(ExitStatus.CANCELLED) from None

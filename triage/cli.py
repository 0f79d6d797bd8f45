"""The `triage` command line: options in, core functions called, results out.

Each command only wires its options to the core (`engine`, `interview`, `render`);
modules a command does not need are imported inside it, so `triage --version`
stays as quick as a bare Typer app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from triage import __version__
from triage.env import Environment
from triage.errors import ExitStatus
from triage.shell import Format, emit, guard, load

app = typer.Typer(
    name="triage",
    help="Relaxation or therapeutic massage? And when to see a doctor first.",
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
)

RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Use another rule set: a YAML file or a folder of them.",
        show_default=False,
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="How to print the recommendation.")
]
AllowUnverifiedOption = Annotated[
    bool,
    typer.Option(
        "--allow-unverified",
        help="Use a rule set that fails verification; every result then carries a warning.",
    ),
]
PlainOption = Annotated[
    bool,
    typer.Option("--plain", help="No colour and no boxes (also when output is not a terminal)."),
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
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the versions and exit."
        ),
    ] = False,
) -> None:
    """Walk through the questions, one at a time, to a recommendation.

    Type ? for help on a question and b to go back. Answers can also be piped on
    standard input, one per line.
    """
    if ctx.invoked_subcommand is not None:
        return
    env = _environment(ctx, plain)
    with guard(env):
        from triage import interview, render
        from triage.terminal import TerminalPrompter

        loaded = load(rules, allow_unverified)
        result = interview.run(loaded.rules, TerminalPrompter(env))
        emit(env, render.document(result, loaded), fmt)


@app.command()
def assess(
    ctx: typer.Context,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            help="An answer as ID=VALUE (repeatable); several choices comma-separated.",
            show_default=False,
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            help="A YAML or JSON file mapping question ids to answers; - reads stdin.",
            show_default=False,
        ),
    ] = None,
    rules: RulesOption = None,
    fmt: FormatOption = Format.text,
    plain: PlainOption = False,
    allow_unverified: AllowUnverifiedOption = False,
) -> None:
    """Give all the answers at once and print the recommendation, without questions."""
    env = _environment(ctx, plain)
    with guard(env):
        from triage import engine, render
        from triage.answers import from_mapping, parse_document, parse_pairs

        loaded = load(rules, allow_unverified)
        given: dict[str, object] = {}
        if answers is not None:
            text = env.stdin.read() if answers == "-" else _read_answers(Path(answers))
            given.update(parse_document(text, "<stdin>" if answers == "-" else answers))
        given.update(parse_pairs(answer or []))
        result = engine.assess(loaded.rules, from_mapping(loaded.rules, given))
        emit(env, render.document(result, loaded), fmt)


def _register_rules_commands() -> None:
    from triage.rules_cli import app as rules_app

    app.add_typer(rules_app, name="rules")


_register_rules_commands()


def _read_answers(path: Path) -> str:
    from triage.errors import AnswerError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise AnswerError(f"cannot read the answers file {str(path)!r}: {reason}") from None


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pressed before a command took over
        import sys

        sys.stderr.write("\ncancelled\n")
        raise SystemExit(ExitStatus.CANCELLED) from None

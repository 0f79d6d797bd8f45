"""The `triage` command line: the root command (the walk), its groups, and `main`.

Each command module only wires options to the core; modules a command does not need
are imported inside it, so `triage --version` stays as quick as a bare Typer app.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from triage import __version__
from triage.cli.commands import assess, serve, walk
from triage.cli.guard import guard
from triage.cli.help.group import TriageGroup
from triage.cli.options import (
    AllowUnverifiedOption,
    AudienceChoice,
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
from triage.errors import ExitStatus, error_line
from triage.i18n import _

# Help texts are looked up in the catalog when a page is shown (triage.cli.help.pages), in
# the language the command line chose (triage.cli.help.group): `_()` here only marks them.
app = typer.Typer(
    name="triage",
    cls=TriageGroup,
    help=_(
        "Relaxation or therapeutic massage? And when to see a doctor first."
        "\n\n"
        "Without a command, triage starts the questions: one at a time, ? for help on a "
        "question, b to go back. Answers can also be piped, one per line."
    ),
    no_args_is_help=False,
    add_completion=True,
    pretty_exceptions_enable=False,
)


def _version(ctx: typer.Context, value: bool) -> None:
    """Print the versions, of the rule set `--rules` names wherever it sits on the line.

    An eager option is answered before the others are read, so `--rules` is looked up
    by Click's own parser in the command line the group kept (see `TriageGroup`); the
    other options are not converted (that would load pydantic, through Typer).
    """
    if not value:
        return
    from triage.rulesets.files import default_rules_path, rules_identity

    args = ctx.meta.get("triage.args", [])
    given, _rest, _order = ctx.command.make_parser(ctx).parse_args(args=list(args))
    rules = given.get("rules")
    path = Path(rules) if isinstance(rules, str) else default_rules_path()
    rules_id, rules_version = rules_identity(path)
    try:
        typer.echo(f"massage-triage {__version__}")
        typer.echo(f"rules: {rules_id} {rules_version}")
    except BrokenPipeError:
        from triage.cli.guard import reader_gone

        reader_gone()
    raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    rules: RulesOption = None,
    fmt: FormatOption = Format.text,
    plain: PlainOption = False,
    allow_unverified: AllowUnverifiedOption = False,
    audience: Annotated[
        AudienceChoice,
        typer.Option("--for", help=_("Who answers: the client, or a receptionist on the phone.")),
    ] = AudienceChoice.client,
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
    by: ByOption = None,
    copy: CopyOption = False,
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
    env = environment(ctx, plain)
    if ctx.invoked_subcommand is not None:
        with guard(env):
            walk.refuse_walk_options(ctx, ctx.invoked_subcommand)
        return
    voice = audience.audience
    keep = voice == "reception" if save is None else save
    asked = walk.Asked(
        audience=voice,
        rules=rules,
        fmt=fmt,
        allow_unverified=allow_unverified,
        save=keep,
        db=db,
        caller_ref=caller_ref,
        by=by,
        copy=copy,
    )
    walk.screen(env, asked)


app.command(
    "call",
    help=_(
        "Screen a phone enquiry: third-person questions, single keys, a booking note at the end."
        "\n\n"
        "Same as `triage --for reception`. The call is stored in the history unless --no-save."
    ),
)(walk.call)
app.command(
    "assess",
    help=_("Give all the answers at once and print the recommendation, without questions."),
)(assess.assess)
app.command(
    "serve",
    help=_(
        "Serve the questionnaire as web pages, for a clinic's website."
        "\n\n"
        "The same proven rule set, one question per page, usable without JavaScript; "
        "answers are kept on the server for at most 30 minutes. See the README for running "
        "it behind nginx or Caddy."
    ),
)(serve.serve)


def _register_groups() -> None:
    from triage.cli.commands.history import app as history_app
    from triage.cli.commands.rules import app as rules_app

    app.add_typer(rules_app, name="rules")
    app.add_typer(history_app, name="history")


_register_groups()


def main() -> None:
    """Console-script entry point: every way out is a documented exit status."""
    from triage.cli.terminal import streams

    problem = streams.prepare()
    if problem:
        sys.stderr.write(error_line(problem) + "\n")
        raise SystemExit(ExitStatus.OUTPUT)
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # a write error shows here, not as "Exception ignored"
    except KeyboardInterrupt:  # pressed before a command took over
        sys.stderr.write("\n" + _("cancelled") + "\n")
        raise SystemExit(ExitStatus.CANCELLED) from None
    except OSError as error:  # writing the output, outside a command (e.g. --version)
        from triage.cli.guard import discard_output
        from triage.screening.failures import failure_of

        failure = failure_of(error)
        if failure is None:
            raise
        discard_output()
        if failure.status != ExitStatus.READER_GONE:
            sys.stderr.write(error_line(failure.message) + "\n")
        raise SystemExit(failure.status) from None

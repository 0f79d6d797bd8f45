"""The root command's group: one command line, one language session, one-line usage errors.

Click reports a wrong option in a box of its own; here every usage error reads like
every other failure (`triage: error: ...`, exit 2), and the language a command line
chose is undone when it ends, so a test or an embedding program is left as it was.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from typer import echo
from typer.core import TyperGroup
from typer.exceptions import Abort

from triage import i18n
from triage.cli.environment import Environment
from triage.cli.help.click_api import (  # Typer ships its own Click: its errors are these
    ClickException,
    NoArgsIsHelpError,
    UsageError,
)
from triage.cli.help.click_errors import said
from triage.cli.help.language import give_lang
from triage.cli.help.pages import adopt
from triage.errors import ExitStatus, error_line, printable
from triage.i18n import _
from triage.output.typography import for_stream


def usage_line(error: ClickException) -> str:
    """`triage: error: MESSAGE (see 'COMMAND --help')`: one line, like every other failure."""
    message = said(error)
    ctx = getattr(error, "ctx", None)
    if isinstance(error, UsageError) and ctx is not None:
        command = f"{ctx.command_path} --help"
        message += " " + _("(see '{command}')").format(command=command)
    return error_line(message)


def _choose_language(argv: list[str], obj: object) -> None:
    """The language of this command line (--lang, else the environment), before any option
    is read: the help page and the errors of an option given before --lang are in it too."""
    env = obj if isinstance(obj, Environment) else None
    code, notice = i18n.choose(i18n.flag_in(argv), env.environ if env else os.environ)
    i18n.use(code)
    if notice:
        stream = env.stderr if env else sys.stderr
        stream.write(for_stream(printable(f"triage: {notice}"), code, stream) + "\n")


class TriageGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        adopt(self)  # every command's help page, in the language of the command line
        give_lang(self)  # --lang everywhere, read once (see _choose_language)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["triage.args"] = list(args)  # for `--version`, answered before `--rules`
        return super().parse_args(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        with i18n.session():
            _choose_language(sys.argv[1:] if args is None else list(args), extra.get("obj"))
            try:
                found = super().main(
                    args, prog_name, complete_var, False, windows_expand_args, **extra
                )
                code = found if isinstance(found, int) else ExitStatus.SUCCESS
            except NoArgsIsHelpError as error:  # a group without its command: its help
                echo(error.format_message(), err=True)
                code = ExitStatus.USAGE
            except ClickException as error:
                echo(for_stream(usage_line(error), i18n.language(), sys.stderr), err=True)
                code = ExitStatus.USAGE if isinstance(error, UsageError) else error.exit_code
            except Abort:
                echo(_("cancelled"), err=True)
                code = ExitStatus.CANCELLED
        if not standalone_mode:
            return code
        sys.exit(int(code))

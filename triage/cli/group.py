"""The root command's group: one command line, one language session, one-line usage errors.

Click reports a wrong option in a box of its own; here every usage error reads like
every other failure (`triage: error: ...`, exit 2), and the language a command line
chose is undone when it ends, so a test or an embedding program is left as it was.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from typer import echo
from typer._click.exceptions import (  # Typer ships its own Click: its errors are these
    ClickException,
    NoArgsIsHelpError,
    UsageError,
)
from typer.core import TyperGroup
from typer.exceptions import Abort

from triage import i18n
from triage.errors import ExitStatus
from triage.i18n import _


def usage_line(error: ClickException) -> str:
    """`triage: error: MESSAGE (see 'COMMAND --help')`: one line, like every other failure."""
    said = error.format_message().replace("Value error, ", "")  # Typer's coercion prefix
    message = _("triage: error: {message}").format(message=said)
    ctx = getattr(error, "ctx", None)
    if isinstance(error, UsageError) and ctx is not None:
        command = f"{ctx.command_path} --help"
        message += " " + _("(see '{command}')").format(command=command)
    return message


class TriageGroup(TyperGroup):
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
            try:
                found = super().main(
                    args, prog_name, complete_var, False, windows_expand_args, **extra
                )
                code = found if isinstance(found, int) else ExitStatus.SUCCESS
            except NoArgsIsHelpError:  # the help was printed when the error was made
                code = ExitStatus.USAGE
            except ClickException as error:
                echo(usage_line(error), err=True)
                code = ExitStatus.USAGE if isinstance(error, UsageError) else error.exit_code
            except Abort:
                echo(_("cancelled"), err=True)
                code = ExitStatus.CANCELLED
        if not standalone_mode:
            return code
        sys.exit(int(code))

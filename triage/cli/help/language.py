"""`--lang`, which every command accepts and no command reads.

The language of a command line is chosen once, before Click reads any option, by the
root group (`group._choose_language`): the help page and the usage errors of options
given before `--lang` are then in it too. Click only has to accept the option, show it
on each help page and complete its value, so the one option is given to every command
here, its value never passed to a command's function.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

import typer

from triage.cli.help.completion import languages
from triage.i18n import _


def _declared(
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="en|fr",
            help=_(
                "Language: en or fr (default: TRIAGE_LANG, then LANGUAGE, LC_ALL, LC_MESSAGES, "
                "LANG)."
            ),
            is_eager=True,
            expose_value=False,
            show_default=False,
            autocompletion=languages,
        ),
    ] = None,
) -> None:
    """Never called: Typer builds the one `--lang` option from this declaration."""


@cache
def lang_option() -> Any:
    """The `--lang` option, as Typer builds it (with its completion)."""
    declaring = typer.Typer()
    declaring.command()(_declared)
    (found,) = (p for p in typer.main.get_command(declaring).params if p.name == "lang")
    return found


def give_lang(command: Any) -> None:
    """`--lang` on this command and every one under it (before `--version`, where there is
    one, as on every page so far)."""
    if not any(param.name == "lang" for param in command.params):
        names = [param.name for param in command.params]
        at = names.index("version") if "version" in names else len(names)
        command.params.insert(at, lang_option())
    for child in getattr(command, "commands", {}).values():
        give_lang(child)

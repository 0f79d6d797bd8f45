"""The options the commands share, defined once and accepted wherever they make sense.

Every command module declares its parameters with these annotations, so `--rules`,
`--lang`, `--format`, `--plain`, `--db` and `--allow-unverified` read the same, say
the same and behave the same in every command.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from triage.cli.environment import Environment
from triage.i18n import _

if TYPE_CHECKING:
    from triage.rulesets.texts import Audience


class Format(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class AudienceChoice(str, Enum):
    """`--for`, as Click offers it; the commands take the `Audience` it names."""

    client = "client"
    reception = "reception"

    @property
    def audience(self) -> Audience:
        return "reception" if self is AudienceChoice.reception else "client"


def environment(ctx: typer.Context, plain: bool = False) -> Environment:
    """The injected environment (tests pass one as `obj`), or the real process's."""
    root = ctx.find_root()
    if not isinstance(root.obj, Environment):
        root.obj = Environment()
    env = root.obj
    if plain:
        env.force_plain = True
    return env


def _keep_db(ctx: typer.Context, value: str | None) -> str | None:
    """A --db given to a group (`triage history --db F list`) holds for its commands.

    A PostgreSQL address with a password is refused here: a command line is visible
    to every user of the computer (TRIAGE_DB, ~/.pgpass or PGPASSWORD hold it instead).
    """
    meta = ctx.find_root().meta
    if value is not None:
        from triage.history.address import AddressError, parse

        try:
            parse(value, typed=True)
        except AddressError as error:
            raise typer.BadParameter(str(error)) from None
        meta["triage.db"] = value
        return value
    found = meta.get("triage.db")
    return found if isinstance(found, str) else None


RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        metavar="PATH",
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
PlainOption = Annotated[
    bool,
    typer.Option("--plain", help=_("No colour and no boxes (also when output is not a terminal).")),
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="FILE|URL",
        help=_(
            "The screening history: a file, or a postgresql:// address without its password "
            "(default: TRIAGE_DB, or the user data folder)."
        ),
        callback=_keep_db,
        show_default=False,
    ),
]


def _caller_ref(value: str | None) -> str | None:
    """A caller reference is a short line of text (made safe by `references.typed_line`)."""
    from triage.errors import undecodable
    from triage.screening.references import MAX_LENGTH, typed_line

    if value is not None and undecodable(value) is not None:
        raise typer.BadParameter(_("a caller reference must be UTF-8 text"))
    if value is not None and len(value) > MAX_LENGTH:
        message = _("a caller reference has at most {n} characters").format(n=MAX_LENGTH)
        raise typer.BadParameter(message)
    return typed_line(value)


CallerRefOption = Annotated[
    str | None,
    typer.Option(
        "--caller-ref",
        metavar=_("REF"),
        help=_("A reference stored with the screening, e.g. a booking number."),
        callback=_caller_ref,
        show_default=False,
    ),
]


def _by(value: str | None) -> str | None:
    """Who screened: a short line of text, like a caller reference."""
    from triage.screening.references import MAX_LENGTH, typed_line

    if value is not None and len(value) > MAX_LENGTH:
        message = _("a name has at most {n} characters").format(n=MAX_LENGTH)
        raise typer.BadParameter(message)
    return typed_line(value)


ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar=_("NAME"),
        help=_("Who screened, on the note (default: TRIAGE_BY)."),
        callback=_by,
        show_default=False,
    ),
]
CopyOption = Annotated[
    bool,
    typer.Option(
        "--copy",
        help=_("Copy the note to the clipboard, when standard output is a terminal (OSC 52)."),
    ),
]
PathArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar="[PATH]",
        help=_("A rule-set file or folder (default: the rule set shipped with the tool)."),
        show_default=False,
    ),
]

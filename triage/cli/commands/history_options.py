"""The options of `triage history ...` that only its commands take: which screenings
(outcome, days, how many) and the export's format. Shared ones are in `options`."""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from typing import Annotated

import typer

from triage.i18n import _

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day(text: str) -> date:
    """A day as YYYY-MM-DD, or a usage error (exit 2) saying what is expected."""
    try:
        if DAY.fullmatch(text.strip()):
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise typer.BadParameter(
        _("{text!r} is not a date: expected YYYY-MM-DD, e.g. 2026-11-23").format(text=text)
    )


OutcomeOption = Annotated[
    str | None,
    typer.Option(
        "--outcome",
        metavar=_("OUTCOME"),
        help=_("Only this outcome, e.g. see_doctor."),
        show_default=False,
    ),
]
SinceOption = Annotated[
    date | None,
    typer.Option(
        "--since",
        parser=day,
        # TRANSLATORS: how a day is written; what is typed stays like 2026-11-23.
        metavar=_("YYYY-MM-DD"),
        help=_("Only from this day (UTC), included."),
        show_default=False,
    ),
]
UntilOption = Annotated[
    date | None,
    typer.Option(
        "--until",
        parser=day,
        metavar=_("YYYY-MM-DD"),
        help=_("Only up to this day (UTC), included."),
        show_default=False,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit", min=1, max=10**9, help=_("At most this many, newest first."), show_default=False
    ),
]


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"


KEEP_DAYS = 30  # the days a screening sent from the web, and its contact, is kept
KeepDaysOption = Annotated[
    int,
    typer.Option(
        "--keep-days",
        min=1,
        max=3650,
        metavar=_("DAYS"),
        help=_("Delete the screenings sent from the web more than this many days ago first."),
    ),
]

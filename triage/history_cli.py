"""`triage history ...`: the screenings saved on this computer, listed, shown, exported, purged.

Each command wires its options to `triage.history` (imported inside the command, so
SQLite stays out of `triage --version`). A history that cannot be read or written,
or an id it does not hold, exits 6; a bad date or a purge left unconfirmed exits 2.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from triage.env import Environment
from triage.errors import ExitStatus
from triage.shell import fail, guard

if TYPE_CHECKING:
    from rich.console import RenderableType

    from triage.history import Screening

app = typer.Typer(
    help="List, show, export and purge the screenings saved on this computer.",
    no_args_is_help=True,
)

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(text: str) -> date:
    """A day as YYYY-MM-DD, or a usage error (exit 2) saying what is expected."""
    try:
        if DAY.fullmatch(text.strip()):
            return date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise typer.BadParameter(f"{text!r} is not a date: expected YYYY-MM-DD, e.g. 2026-11-23")


DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="The screening history file (default: TRIAGE_DB, or the user data folder).",
        show_default=False,
    ),
]
OutcomeOption = Annotated[
    str | None,
    typer.Option("--outcome", help="Only this outcome, e.g. see_doctor.", show_default=False),
]
SinceOption = Annotated[
    date | None,
    typer.Option(
        "--since",
        parser=_day,
        metavar="YYYY-MM-DD",
        help="Only from this day (UTC), included.",
        show_default=False,
    ),
]
UntilOption = Annotated[
    date | None,
    typer.Option(
        "--until",
        parser=_day,
        metavar="YYYY-MM-DD",
        help="Only up to this day (UTC), included.",
        show_default=False,
    ),
]
LimitOption = Annotated[
    int | None,
    typer.Option("--limit", min=1, help="At most this many, newest first.", show_default=False),
]


class ExportFormat(str, Enum):
    csv = "csv"
    json = "json"


def _env(ctx: typer.Context) -> Environment:
    return ctx.obj if isinstance(ctx.obj, Environment) else Environment()


def _db(env: Environment, db: Path | None) -> Path:
    from triage.history import default_db_path

    return db or default_db_path(env.environ)


def _check_range(env: Environment, since: date | None, until: date | None) -> None:
    if since and until and since > until:
        message = f"--since {since} is after --until {until}: nothing can match"
        fail(env, message, ExitStatus.RULES_INVALID)  # 2: wrong usage


def _selected(
    env: Environment,
    db: Path | None,
    outcome: str | None,
    since: date | None,
    until: date | None,
    limit: int | None,
) -> list[Screening]:
    from triage.history import Store

    _check_range(env, since, until)
    with Store.open(_db(env, db)) as store:
        return store.list(outcome=outcome, since=since, until=until, limit=limit)


HEADER = ("id", "time (UTC)", "mode", "outcome", "flags", "caller ref")


def _cell(value: str | None) -> str:
    """Free text on one table line: no line breaks, no control characters, '-' when empty."""
    return " ".join(_printable(value or "").split()) or "-"


def _printable(text: str) -> str:
    """Stored text as shown on a terminal: a control character cannot move the cursor."""
    return "".join(c if c.isprintable() or c in "\n\t" else "\ufffd" for c in text)


def _rows(found: list[Screening]) -> list[tuple[str, ...]]:
    return [
        (str(s.id), s.created_at, s.mode, s.outcome, _cell(",".join(s.flags)), _cell(s.caller_ref))
        for s in found
    ]


def _plain_table(rows: list[tuple[str, ...]]) -> str:
    """Aligned columns (ids to the right), for a pipe, a log or a screen reader."""
    lines = [HEADER, *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(HEADER))]
    text = ""
    for line in lines:
        cells = [c.ljust(w) for c, w in zip(line, widths, strict=True)]
        cells[0] = line[0].rjust(widths[0])
        text += "  ".join(cells).rstrip() + "\n"
    return text


def _rich_table(rows: list[tuple[str, ...]]) -> RenderableType:
    """The same table on a terminal; a red flag's row in red (its ids say it in words)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    for number, name in enumerate(HEADER):
        fixed = number < 4  # id, time, mode, outcome: never cut
        table.add_column(name, justify="right" if number == 0 else "left", no_wrap=fixed)
    for row in rows:
        table.add_row(*(Text(c) for c in row), style="red" if row[4] != "-" else None)
    return table


def _shown(found: Screening) -> str:
    """The header of a stored screening, then its note exactly as it was shown."""
    return (
        f"Screening {found.id}\n"
        f"Time:       {found.created_at}\n"
        f"Mode:       {found.mode}\n"
        f"Caller ref: {_cell(found.caller_ref)}\n"
        f"Rule set:   {_cell(found.rules_id)} {_cell(found.rules_version)}\n"
        f"SHA-256:    {_cell(found.rules_sha256)}\n"
        "\n" + _printable(found.note).rstrip("\n") + "\n"
    )


@app.command("list")
def list_screenings(
    ctx: typer.Context,
    outcome: OutcomeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """The saved screenings, newest first: id, time (UTC), mode, outcome, flags, caller ref."""
    env = _env(ctx)
    with guard(env):
        found = _selected(env, db, outcome, since, until, limit)
        if not found:
            env.stdout.write("no screenings\n")
        elif env.plain(env.stdout):
            env.stdout.write(_plain_table(_rows(found)))
        else:
            env.console(env.stdout).print(_rich_table(_rows(found)))


@app.command()
def show(
    ctx: typer.Context,
    screening_id: Annotated[int, typer.Argument(metavar="ID", help="The id shown by `list`.")],
    db: DbOption = None,
) -> None:
    """A saved screening again: when, how and with which rule set, then the note as shown.

    An id the history does not hold exits 6.
    """
    env = _env(ctx)
    with guard(env):
        from triage.history import NoSuchScreening, Store

        path = _db(env, db)
        with Store.open(path) as store:
            found = store.get(screening_id)
        if found is None:
            raise NoSuchScreening(f"no screening with id {screening_id} in {path}")
        env.stdout.write(_shown(found))


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="csv for a spreadsheet, json for every field."),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to this file (created private, 0600) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    outcome: OutcomeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    """Export the saved screenings (all, or those the filters select), newest first."""
    env = _env(ctx)
    with guard(env):
        from triage.history import to_csv, to_json

        found = _selected(env, db, outcome, since, until, limit)
        text = to_csv(found) if fmt is ExportFormat.csv else to_json(found)
        if output is None:
            env.stdout.write(text)
            env.stdout.flush()
            return
        _write_private(output, text)
        env.stderr.write(f"exported {len(found)} screening(s) to {output}\n")


def _write_private(path: Path, text: str) -> None:
    """Health data: a new export file is readable by its owner only."""
    import os

    from triage.errors import StorageError

    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        reason = error.strerror or str(error)
        raise StorageError(f"cannot write the export to {path}: {reason}") from None


@app.command()
def purge(
    ctx: typer.Context,
    before: Annotated[
        date,
        typer.Option(
            "--before",
            parser=_day,
            metavar="YYYY-MM-DD",
            help="Delete the screenings recorded before this day (UTC), not on it.",
        ),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Delete the screenings recorded before a day, for good (asks first unless --yes).

    Without --yes, standard input must be a terminal to answer the question (exit 2
    otherwise).
    """
    env = _env(ctx)
    with guard(env):
        from triage.history import Store

        if not yes and not env.stdin_isatty:
            fail(
                env,
                "refusing to delete screenings without confirmation: standard input is not "
                "a terminal; pass --yes to confirm",
                ExitStatus.RULES_INVALID,  # 2: wrong usage
            )
        with Store.open(_db(env, db)) as store:
            due = store.count(before=before)
            if due == 0:
                env.stdout.write(f"no screenings recorded before {before}\n")
                return
            if not yes and not _confirmed(
                env, f"Delete {due} screenings recorded before {before}?"
            ):
                env.stdout.write("nothing deleted\n")
                return
            deleted = store.purge(before)
        env.stdout.write(f"deleted {deleted} screening(s) recorded before {before}\n")


def _confirmed(env: Environment, question: str) -> bool:
    """Ask on the terminal; only y or yes confirms (end of input keeps everything)."""
    env.stderr.write(f"{question} [y/N] ")
    env.stderr.flush()
    return env.stdin.readline().strip().lower() in ("y", "yes")

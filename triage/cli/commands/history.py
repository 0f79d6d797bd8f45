"""`triage history ...`: the screenings saved on this computer, listed, shown, exported, purged.

Each command wires its options to `triage.history` (imported inside the command, so
SQLite stays out of `triage --version`). A history that cannot be read or written,
or an id it does not hold, exits 6; a bad date or a purge left unconfirmed exits 2.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from triage import i18n
from triage.cli.commands import history_tables
from triage.cli.commands.history_options import (
    KEEP_DAYS,
    ExportFormat,
    KeepDaysOption,
    LimitOption,
    OutcomeOption,
    SinceOption,
    UntilOption,
    day,
)
from triage.cli.environment import Environment
from triage.cli.guard import guard
from triage.cli.options import CopyOption, DbOption, environment
from triage.errors import UsageError
from triage.i18n import _, ngettext
from triage.output.typography import for_stream

if TYPE_CHECKING:
    from triage.history.address import Address
    from triage.history.store import Screening

app = typer.Typer(
    help=_("List, show, export, purge and copy the saved screenings."),
    no_args_is_help=True,
)


@app.callback()
def history(db: DbOption = None) -> None:
    """The options given here (`triage history --db FILE list`) hold for every command."""


def _db(env: Environment, db: str | None) -> Address:
    from triage.screening.saving import history_address

    return history_address(db, env.environ)


def _check_range(env: Environment, since: date | None, until: date | None) -> None:
    if since and until and since > until:
        message = _("--since {since} is after --until {until}: nothing can match").format(
            since=since, until=until
        )
        raise UsageError(message)


def _selected(
    env: Environment,
    db: str | None,
    outcome: str | None,
    since: date | None,
    until: date | None,
    limit: int | None,
) -> list[Screening]:
    from triage.history.stores import history_exists, open_history

    _check_range(env, since, until)
    path = _db(env, db)
    if not history_exists(path):  # reading creates nothing: no history yet is an empty one
        return []
    with open_history(path, write=False) as store:  # a reader changes nothing on disk
        return store.list(outcome=outcome, since=since, until=until, limit=limit)


@app.command(
    "list",
    help=_(
        "The saved screenings, newest first: id, local time, channel, outcome, flags, caller ref."
    ),
)
def list_screenings(
    ctx: typer.Context,
    outcome: OutcomeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    new: Annotated[
        bool,
        typer.Option(
            "--new",
            help=_(
                "Only the screenings sent from the web page that nobody has handled yet, "
                "with their contact (the receptionist's queue)."
            ),
        ),
    ] = False,
    keep_days: KeepDaysOption = KEEP_DAYS,
    db: DbOption = None,
) -> None:
    env = environment(ctx)
    with guard(env):
        if new:
            _queue(env, db, keep_days)
            return
        found = _selected(env, db, outcome, since, until, limit)
        if not found:
            env.stdout.write(_("no screenings") + "\n")
            return
        rows = history_tables.rows(found, history_tables.outcome_words(i18n.language()))
        if env.plain(env.stdout):
            env.stdout.write(history_tables.plain_table(rows))
        else:
            env.console(env.stdout).print(history_tables.rich_table(rows))


def _queue(env: Environment, db: str | None, keep_days: int) -> None:
    """The sent screenings waiting, newest first; the expired ones are deleted first."""
    from triage.history.contacts import Waiting
    from triage.history.stores import history_exists, open_history

    path = _db(env, db)
    found: list[Waiting] = []
    if history_exists(path):
        with open_history(path) as store:
            store.purge_contacts_older_than(keep_days)
            found = store.waiting()
    if not found:
        env.stdout.write(_("no screenings waiting") + "\n")
        return
    names = (
        _("id"),
        _("time (UTC)"),
        _("outcome"),
        _("reference"),
        _("name"),
        _("contact"),
        _("when to call"),
    )
    rows = [
        tuple(
            history_tables.cell(v)
            for v in (str(w.id), w.created_at, w.outcome, w.reference, w.name, w.reach, w.preferred)
        )
        for w in found
    ]
    env.stdout.write(history_tables.plain_table(rows, names))


@app.command(
    help=_(
        "Mark a screening sent from the web page as handled, by whom and when."
        "\n\nAn id the history does not hold, or not sent from the web, exits 6."
    )
)
def done(
    ctx: typer.Context,
    screening_id: Annotated[
        int, typer.Argument(metavar="ID", help=_("The id shown by `list --new`."))
    ],
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar=_("NAME"),
            help=_("Who handled it (default: your login)."),
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    env = environment(ctx)
    with guard(env):
        from triage.history.store import NoSuchScreening
        from triage.history.stores import history_exists, open_history

        who = (by or env.environ.get("USER") or env.environ.get("USERNAME") or "?").strip()
        path = _db(env, db)
        marked = False
        if history_exists(path):
            with open_history(path) as store:
                marked = store.mark_done(screening_id, who[:100])
        if not marked:
            raise NoSuchScreening(
                _("no screening sent from the web with id {id} in {path}").format(
                    id=screening_id, path=path
                )
            )
        env.stdout.write(
            _("screening {id} handled by {who}").format(id=screening_id, who=who) + "\n"
        )


@app.command(
    help=_(
        "A saved screening again: when, how and with which rule set, then the note as shown."
        "\n\nAn id the history does not hold exits 6."
    )
)
def show(
    ctx: typer.Context,
    screening_id: Annotated[int, typer.Argument(metavar="ID", help=_("The id shown by `list`."))],
    copy: CopyOption = False,
    db: DbOption = None,
) -> None:
    env = environment(ctx)
    with guard(env):
        from triage.history.store import NoSuchScreening
        from triage.history.stores import history_exists, open_history

        path = _db(env, db)
        found = contact = None
        if history_exists(path):
            with open_history(path, write=False) as store:
                found = store.get(screening_id)
                contact = store.contact_of(screening_id)
        if found is None:
            raise NoSuchScreening(
                _("no screening with id {id} in {path}").format(id=screening_id, path=path)
            )
        from triage.output.typography import fit

        # The note exactly as stored (never wrapped), so it pastes as it was first shown.
        shown = history_tables.screening_text(found, env.columns(env.stdout))
        if contact is not None:
            shown += "\n" + history_tables.contact_lines(contact) + "\n"
        env.stdout.write(fit(shown, env.stdout))
        env.stdout.flush()
        if copy:
            from triage.cli.terminal.clipboard import copy as to_clipboard

            to_clipboard(env, history_tables.note(found))


@app.command(
    help=_("Export the saved screenings (all, or those the filters select), newest first.")
)
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_(
                "csv for a spreadsheet, json for every field (default: from the --output "
                "file's name, .json or .csv, else csv)."
            ),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=_("Write to this file (created private, 0600) instead of standard output."),
            show_default=False,
        ),
    ] = None,
    outcome: OutcomeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = None,
    db: DbOption = None,
) -> None:
    env = environment(ctx)
    with guard(env):
        from triage.history.store import to_csv, to_json

        address = _db(env, db)
        if output is not None and address.path is not None:
            _not_onto_history(output, address.path)
        found = _selected(env, db, outcome, since, until, limit)
        chosen = fmt or _format_of(output)
        text = to_csv(found) if chosen is ExportFormat.csv else to_json(found)
        if output is None:
            env.stdout.write(text)
            env.stdout.flush()
            return
        _write_private(output, text)
        count = len(found)
        message = ngettext(
            "exported {n} screening to {path}", "exported {n} screenings to {path}", count
        ).format(n=count, path=output)
        env.stderr.write(message + "\n")


def _format_of(output: Path | None) -> ExportFormat:
    """Without --format: JSON for a .json file, else CSV (what a spreadsheet opens)."""
    if output is not None and output.suffix.lower() == ".json":
        return ExportFormat.json
    return ExportFormat.csv


def _not_onto_history(output: Path, db: Path) -> None:
    """An export never replaces the history it reads, nor SQLite's files beside it."""
    from triage.errors import StorageError
    from triage.history.recognise import onto_history

    if onto_history(output, db):
        message = _(
            "cannot write the export to {path}: it is the screening history itself (or one "
            "of its files): give another file name"
        )
        raise StorageError(message.format(path=output))


def _write_private(path: Path, text: str) -> None:
    """Health data: the export is a new file readable by its owner only (see `private`)."""
    from triage.errors import StorageError
    from triage.history.private import write_private

    try:
        write_private(path, text)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        message = _("cannot write the export to {path}: {reason}")
        raise StorageError(message.format(path=path, reason=reason)) from None


@app.command(
    help=_(
        "Delete the screenings recorded before a day, for good (asks first unless --yes)."
        "\n\nWithout --yes, standard input must be a terminal to answer the question (exit 2\n"
        "otherwise)."
    )
)
def purge(
    ctx: typer.Context,
    before: Annotated[
        date | None,
        typer.Option(
            "--before",
            parser=day,
            metavar=_("YYYY-MM-DD"),
            help=_("Delete the screenings recorded before this day (UTC), not on it."),
            show_default=False,
        ),
    ] = None,
    screening_id: Annotated[
        int | None,
        typer.Option(
            "--id",
            metavar="ID",
            help=_("Delete this one screening and its contact (a person's request)."),
            show_default=False,
        ),
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help=_("Do not ask for confirmation."))
    ] = False,
    db: DbOption = None,
) -> None:
    env = environment(ctx)
    with guard(env):
        from triage.history.stores import history_exists, open_history

        if not yes and not env.stdin_isatty:
            raise UsageError(
                _(
                    "refusing to delete screenings without confirmation: standard input is not "
                    "a terminal; pass --yes to confirm"
                )
            )
        if (before is None) == (screening_id is None):
            raise UsageError(_("give either --before YYYY-MM-DD or --id ID"))
        path = _db(env, db)
        if screening_id is not None:
            _erase(env, path, screening_id, yes)
            return
        assert before is not None
        if not history_exists(path):  # no history yet: nothing to delete, nothing created
            env.stdout.write(_("no screenings recorded before {day}").format(day=before) + "\n")
            return
        with open_history(path) as store:
            due = store.count(before=before)
            if due == 0:
                message = _("no screenings recorded before {day}").format(day=before)
                env.stdout.write(message + "\n")
            else:
                question = ngettext(
                    "Delete {n} screening recorded before {day}?",
                    "Delete {n} screenings recorded before {day}?",
                    due,
                )
                if not yes and not _confirmed(env, question.format(n=due, day=before)):
                    env.stdout.write(_("nothing was deleted") + "\n")
                    return
                deleted = store.purge(before)
                message = ngettext(
                    "deleted {n} screening recorded before {day}",
                    "deleted {n} screenings recorded before {day}",
                    deleted,
                )
                env.stdout.write(message.format(n=deleted, day=before) + "\n")
            # Also after an earlier purge: erase the copies it had to leave behind.
            if store.copies_left():
                _copies_left(path, before)


def _erase(env: Environment, path: Address, screening_id: int, yes: bool) -> None:
    """`purge --id`: one person's screening and contact, erased for good."""
    from triage.history.store import NoSuchScreening
    from triage.history.stores import history_exists, open_history

    question = _("Delete screening {id} and its contact?").format(id=screening_id)
    erased = False
    if history_exists(path):
        with open_history(path) as store:
            if store.get(screening_id) is not None:
                if not yes and not _confirmed(env, question):
                    env.stdout.write(_("nothing was deleted") + "\n")
                    return
                erased = store.purge_id(screening_id)
    if not erased:
        raise NoSuchScreening(
            _("no screening with id {id} in {path}").format(id=screening_id, path=path)
        )
    env.stdout.write(_("deleted screening {id}").format(id=screening_id) + "\n")


def _copies_left(path: Address, before: date) -> NoReturn:
    """Deleted rows no longer show, but their old copies are still on disk: say so."""
    from triage.errors import StorageError

    message = _(
        "old copies of deleted screenings stay in {path}-wal while another program has the "
        "history open: close it, then run 'triage history purge --before {day}' again to "
        "erase them"
    )
    raise StorageError(message.format(path=path, day=before))


@app.command(
    help=_(
        "Copy the screenings of this history (--db, TRIAGE_DB) into another one, e.g. a "
        "desk's file into the clinic's shared PostgreSQL database.\n\nEach screening keeps "
        "its unique id: run it again and none is copied twice."
    )
)
def copy(
    ctx: typer.Context,
    to: Annotated[
        str,
        typer.Option(
            "--to",
            metavar="FILE|URL",
            help=_("The history to copy into: a file, or a postgresql:// address."),
            show_default=False,
        ),
    ],
    db: DbOption = None,
) -> None:
    env = environment(ctx)
    with guard(env):
        from triage.history.recognise import same_file
        from triage.history.stores import history_exists, open_history

        source, target = _db(env, db), _db(env, to)
        if (source.url is not None and source.url == target.url) or (
            source.path is not None
            and target.path is not None
            and same_file(source.path, target.path)
        ):
            raise UsageError(_("--to names the history being copied: nothing to do"))
        copied = kept = 0
        if history_exists(source):
            # A writer on the source: an older history is migrated first, so that each
            # screening has the unique id it keeps in every copy.
            with open_history(source) as origin:
                found = origin.list()
            with open_history(target) as destination:
                for screening in reversed(found):  # oldest first: numbers follow time
                    if destination.copy_in(screening):
                        copied += 1
                    else:
                        kept += 1
        message = ngettext(
            "copied {n} screening to {target}", "copied {n} screenings to {target}", copied
        ).format(n=copied, target=target)
        if kept:
            message += " " + ngettext(
                "({n} was there already)", "({n} were there already)", kept
            ).format(n=kept)
        env.stdout.write(message + "\n")


def _confirmed(env: Environment, question: str) -> bool:
    """Ask on the terminal; only a yes (y, yes, or the language's) confirms.

    End of input keeps everything (and ends the question's line).
    """
    # TRANSLATORS: y is the first word for yes in i18n.WORDS; N (no) is the default.
    asked = _("{question} [y/N] ").format(question=question)
    env.stderr.write(for_stream(asked, i18n.language(), env.stderr))
    env.stderr.flush()
    typed = env.stdin.readline()
    if not typed:
        env.stderr.write("\n")
    return typed.strip().lower() in i18n.words("yes", i18n.language())

"""The history as a person reads it: a table of screenings, and one screening shown again.

Everything stored is shown through `printable`: a caller reference or a note that holds
escape sequences cannot move the cursor, change the title or colour the terminal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from triage.errors import printable
from triage.i18n import _

if TYPE_CHECKING:
    from rich.console import RenderableType

    from triage.history.contacts import Waiting
    from triage.history.store import Screening


def header() -> tuple[str, ...]:
    """The table's column names (the cells below hold ids, not words)."""
    # TRANSLATORS: column names of `triage history list`; flags are the red flags raised.
    return (_("id"), _("time (UTC)"), _("mode"), _("outcome"), _("flags"), _("caller ref"))


def cell(value: str | None) -> str:
    """Free text on one table line: no line breaks, no control characters, '-' when empty."""
    return " ".join(printable(value or "", keep="\n\t").split()) or "-"


def rows(found: list[Screening]) -> list[tuple[str, ...]]:
    found_rows = []
    for s in found:
        texts = (s.created_at, s.mode, s.outcome, ",".join(s.flags), s.caller_ref)
        found_rows.append((str(s.id), *(cell(text) for text in texts)))
    return found_rows


def plain_table(rows: list[tuple[str, ...]], names: tuple[str, ...] | None = None) -> str:
    """Aligned columns (ids to the right), for a pipe, a log or a screen reader."""
    names = names or header()
    lines = [names, *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(names))]
    text = ""
    for line in lines:
        cells = [c.ljust(w) for c, w in zip(line, widths, strict=True)]
        cells[0] = line[0].rjust(widths[0])
        text += "  ".join(cells).rstrip() + "\n"
    return text


def rich_table(rows: list[tuple[str, ...]]) -> RenderableType:
    """The same table on a terminal; a red flag's row in red (its ids say it in words)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, header_style="bold", pad_edge=False)
    for number, name in enumerate(header()):
        fixed = number < 4  # id, time, mode, outcome: never cut
        table.add_column(name, justify="right" if number == 0 else "left", no_wrap=fixed)
    for row in rows:
        table.add_row(*(Text(c) for c in row), style="red" if row[4] != "-" else None)
    return table


def shown(found: Screening) -> str:
    """The header of a stored screening, then its note exactly as it was shown."""
    fields = (
        (_("Time:"), cell(found.created_at)),
        (_("Mode:"), cell(found.mode)),
        (_("Caller ref:"), cell(found.caller_ref)),
        (_("Rule set:"), f"{cell(found.rules_id)} {cell(found.rules_version)}"),
        (_("SHA-256:"), cell(found.rules_sha256)),
    )
    width = max(len(label) for label, _value in fields) + 1  # the labels, aligned
    lines = [_("Screening {id}").format(id=found.id)]
    lines += [label.ljust(width) + value for label, value in fields]
    return "\n".join(lines) + "\n\n" + printable(found.note, keep="\n\t").rstrip("\n") + "\n"


def contact_lines(contact: Waiting) -> str:
    """How to reach a person who sent their screening from the web, and whether handled."""
    fields = [
        (_("Reference:"), cell(contact.reference)),
        (_("Name:"), cell(contact.name)),
        (_("Contact:"), cell(contact.reach)),
        (_("When to call:"), cell(contact.preferred)),
    ]
    if contact.handled_at:
        fields.append((_("Handled:"), f"{cell(contact.handled_at)} {cell(contact.handled_by)}"))
    width = max(len(label) for label, _value in fields) + 1
    return "\n".join(label.ljust(width) + value for label, value in fields)

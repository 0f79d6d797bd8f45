"""The history as a person reads it: a table of screenings, and one screening shown again.

Everything stored is shown through `printable`: a caller reference or a note that holds
escape sequences cannot move the cursor, change the title or colour the terminal (a
no-break space, which French puts before a colon, is text and stays). Times are the
desk's local time with their offset; modes, channels and outcomes are words in the chosen
language (an outcome's words from the rule set, its id when the rule set is not there).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from triage.errors import printable
from triage.i18n import N_, _
from triage.output.clock import local_time_of
from triage.output.typography import typeset
from triage.output.wrapping import wrap

if TYPE_CHECKING:
    from rich.console import RenderableType

    from triage.history.contacts import Waiting
    from triage.history.store import Screening


def header() -> tuple[str, ...]:
    """The table's column names (the cells below hold ids, not words)."""
    # The channel says the mode too (a call is the receptionist's; the others the client's).
    # TRANSLATORS: column names of `triage history list`; flags are the red flags raised;
    # the channel is where a screening was taken: the terminal walk, a call, assess, the web.
    return (_("id"), _("time"), _("channel"), _("outcome"), _("flags"), _("caller ref"))


# The modes as a person says them (the stored ids stay `client` and `reception`).
MODES = {"client": N_("client"), "reception": N_("call")}
# The channels as a person says them (the stored ids are `walk`, `call`, `assess`, `web`).
CHANNELS = {
    # TRANSLATORS: a channel: the questions answered at a terminal (`triage`).
    "walk": N_("walk"),
    "call": N_("call"),
    # TRANSLATORS: a channel: every answer given at once (`triage assess`).
    "assess": N_("assess"),
    # TRANSLATORS: a channel: the web questionnaire (`triage serve`).
    "web": N_("web"),
}


def in_words(value: str, words: Mapping[str, str]) -> str:
    """A stored id (a mode, a channel) in the chosen language; an unknown one as it is."""
    return _(words[value]) if value in words else value


KEEP = "\n\t\u00a0\u202f"  # line breaks, tabs and the no-break spaces of French typography


def cell(value: str | None) -> str:
    """Free text on one table line: no line breaks, no control characters, '-' when empty."""
    return " ".join(printable(value or "", keep=KEEP).split()) or "-"


def rows(
    found: list[Screening], outcomes: Mapping[tuple[str, str], str] | None = None
) -> list[tuple[str, ...]]:
    """The table's rows: local time, the channel and the outcome in words (`outcomes`: the
    shipped rule set's words by its id and the outcome's; a screening of another rule set
    shows the title it was given, and one without a title its outcome's id)."""
    words = outcomes or {}
    found_rows = []
    for s in found:
        channel = in_words(s.channel, CHANNELS)
        title = s.document.get("title")
        outcome = words.get((s.rules_id, s.outcome)) or (title if isinstance(title, str) else "")
        outcome = outcome or s.outcome
        texts = (
            local_time_of(s.created_at),
            channel,
            outcome,
            ",".join(s.flags),
            s.caller_ref,
        )
        found_rows.append((str(s.id), *(cell(text) for text in texts)))
    return found_rows


def outcome_words(lang: str) -> dict[tuple[str, str], str]:
    """Each outcome of the shipped rule set in a few words, by the rule set's id and the
    outcome's: its verdict's headline up to its first colon or comma ("SEE A DOCTOR
    FIRST"), else its title. None when the rule set cannot be read."""
    from triage.errors import TriageError
    from triage.rulesets.files import read_sources
    from triage.rulesets.load import load_rules

    try:
        rules = load_rules(read_sources(None))
    except TriageError:
        return {}
    return {
        (rules.id, o.id): typeset(
            _short(o.verdict.headline.get(lang)) if o.verdict else o.title.get(lang), lang
        )
        for o in rules.outcomes
    }


def _short(headline: str) -> str:
    """A headline's first words, before its first colon or comma."""
    return re.split(r"[:,]", headline, maxsplit=1)[0].strip() or headline


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
        fixed = number < 4  # id, time, channel, outcome: never cut
        table.add_column(name, justify="right" if number == 0 else "left", no_wrap=fixed)
    for row in rows:
        table.add_row(*(Text(c) for c in row), style="red" if row[4] != "-" else None)
    return table


def screening_text(found: Screening, width: int | None = None) -> str:
    """The header of a stored screening (wrapped to `width`, a terminal's), then its note
    exactly as it was shown: never wrapped, so it pastes as it was stored."""
    fields = (
        (_("Time:"), cell(local_time_of(found.created_at))),
        (_("Mode:"), cell(in_words(found.mode, MODES))),
        (_("Channel:"), cell(in_words(found.channel, CHANNELS))),
        (_("Caller ref:"), cell(found.caller_ref)),
        (_("Rule set:"), f"{cell(found.rules_id)} {cell(found.rules_version)}"),
        (_("SHA-256:"), cell(found.rules_sha256)),
    )
    aligned = max(len(label) for label, _value in fields) + 1  # the labels, aligned
    lines = [_("Screening {id}").format(id=found.id)]
    for label, value in fields:
        lines += wrap(label.ljust(aligned) + value, width, "", " " * aligned)
    return "\n".join(lines) + "\n\n" + note(found)


def note(found: Screening) -> str:
    """The note exactly as it was shown, to paste again (control characters neutralised)."""
    return printable(found.note, keep=KEEP).rstrip("\n") + "\n"


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

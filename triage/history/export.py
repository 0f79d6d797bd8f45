"""Exports of the history: CSV for a spreadsheet, JSON with every field."""

from __future__ import annotations

import builtins
import csv
import io
import json
from collections.abc import Sequence

from triage.errors import printable
from triage.history.schema import dumps
from triage.history.screening import FIELDS, Screening

CSV_COLUMNS = (
    "id",
    "created_at",
    "mode",
    "outcome",
    "flags",
    "cautions",
    "caller_ref",
    "rules_id",
    "rules_version",
    "rules_sha256",
    "answers",
    "note",
    "language",
    "uid",
    "channel",
)


# A cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): it starts with
# one of these, possibly after spaces; full-width forms included, as some spreadsheets
# read them too.
FORMULA_START = tuple("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: a formula-like text gets a leading ',
    and a character a terminal would obey (ESC, a bidirectional override...) becomes
    U+FFFD, so a history another program changed cannot drive the terminal it is
    exported to; line breaks and tabs stay (the CSV quotes them)."""
    text = printable(str(value), keep="\n\t")
    if text.lstrip(" ").startswith(FORMULA_START):
        return "'" + text
    return text


def to_csv(screenings: Sequence[Screening]) -> str:
    """One row per screening for a spreadsheet: lists joined with ';', answers as JSON.

    Every cell is neutralised (see `cell`): a caller reference such as `=HYPERLINK(...)`
    is shown as the text typed, never run.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for s in screenings:
        writer.writerow(
            cell(value)
            for value in [
                "" if s.id is None else s.id,
                s.created_at,
                s.mode,
                s.outcome,
                ";".join(s.flags),
                ";".join(s.cautions),
                s.caller_ref or "",
                s.rules_id,
                s.rules_version,
                s.rules_sha256,
                dumps(s.answers),
                s.note,
                s.language,
                s.uid or "",
                s.channel,
            ]
        )
    return out.getvalue()


def to_json(screenings: Sequence[Screening]) -> str:
    """A JSON list of every field of every screening, the full result document included.

    One screening per line: as readable as indented JSON in a pager or a diff, and the
    fast (C) encoder can write it, which indenting would rule out.
    """
    if not screenings:
        return "[]\n"
    records = (json.dumps({name: getattr(s, name) for name in FIELDS}) for s in screenings)
    return "[\n" + ",\n".join(records) + "\n]\n"


def from_json(text: str) -> builtins.list[Screening]:
    """Read back what `to_json` wrote (to check an export against the history)."""
    records = json.loads(text)
    if not isinstance(records, builtins.list):
        raise ValueError("a screening export is a JSON list")
    found = []
    for number, record in enumerate(records, 1):
        if not isinstance(record, dict):
            raise ValueError(f"screening {number} of the export is not a JSON object")
        unknown = set(record) - set(FIELDS)
        if unknown:
            raise ValueError(f"screening {number}: unknown field(s) {', '.join(sorted(unknown))}")
        try:
            found.append(Screening(**record))
        except TypeError as error:
            raise ValueError(f"screening {number}: {error}") from None
    return found

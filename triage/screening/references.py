"""The short lines a person types about a screening (a caller reference, who screened),
made safe once, where they come in, by every shell: the history stores them and the
note prints them as they are.

Control characters become U+FFFD (a reference pasted from elsewhere cannot drive a
terminal or break the note's lines), spaces around are dropped, and a blank line is no
reference at all.
"""

from __future__ import annotations

from triage.errors import printable

MAX_LENGTH = 200  # characters, for a caller reference and a name alike


def typed_line(value: str | None) -> str | None:
    """A typed line as it is kept and shown (None when there is none)."""
    if value is None:
        return None
    return printable(value).strip() or None

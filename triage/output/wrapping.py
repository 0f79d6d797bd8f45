"""Wrapping text at word boundaries: every line the tool prints on a terminal goes through here.

A terminal cuts a line that is too long wherever the edge falls ("appo / intment"); so
lines are broken at spaces only, never inside a word and never after a hyphen (French
"concerne-t-elle" stays whole). A word longer than the whole line is left whole too:
the terminal then cuts it, but it is never split into two wrong words. Non-breaking
spaces (U+00A0, U+202F) are not spaces here, so what they join stays together.
"""

from __future__ import annotations

import textwrap

GLUE = "\ue000"
"""A space that never breaks, for joining a number to its label ("1) Neck"); printed as a
space. Private to this module's callers: it never reaches the output."""


def wrap(text: str, width: int | None, indent: str = "", hanging: str | None = None) -> list[str]:
    """Each line of `text` broken at spaces to fit `width` (None: not wrapped).

    `indent` starts each of the text's own lines; `hanging` starts the lines the wrapping
    adds (by default the same as `indent`). Empty lines are kept.
    """
    follow = indent if hanging is None else hanging
    lines: list[str] = []
    for line in text.split("\n"):
        if not width or len(indent) + len(line) <= width or not line.strip():
            lines.append(indent + line if line else line)
            continue
        lines.extend(
            textwrap.wrap(
                line,
                max(width, len(follow) + 10, len(indent) + 10),
                initial_indent=indent,
                subsequent_indent=follow,
                break_long_words=False,
                break_on_hyphens=False,
            )
            or [indent]
        )
    return [line.replace(GLUE, " ") for line in lines]


def fill(text: str, width: int | None, indent: str = "", hanging: str | None = None) -> str:
    """`wrap` as one string, without a final newline."""
    return "\n".join(wrap(text, width, indent, hanging))

"""Wrapping text at word boundaries: every line the tool prints on a terminal goes through here.

A terminal cuts a line that is too long wherever the edge falls ("appo / intment"); so
lines are broken at spaces only, never inside a word and never after a hyphen (French
"concerne-t-elle" stays whole). A word longer than the whole line is left whole too:
the terminal then cuts it, but it is never split into two wrong words. Non-breaking
spaces (U+00A0, U+202F) are not spaces here, so what they join stays together.
"""

from __future__ import annotations

import re

GLUE = "\ue000"
"""A space that never breaks, for joining a number to its label ("1) Neck"); printed as a
space. Private to this module's callers: it never reaches the output."""


def wrap(text: str, width: int | None, indent: str = "", hanging: str | None = None) -> list[str]:
    """Each line of `text` broken at spaces to fit `width` terminal cells (None: not
    wrapped). A wide character (CJK, most emoji) takes two cells, as the terminal shows it.

    `indent` starts each of the text's own lines; `hanging` starts the lines the wrapping
    adds (by default the same as `indent`). Empty lines are kept.
    """
    follow = indent if hanging is None else hanging
    lines: list[str] = []
    for line in text.split("\n"):
        if not width or cells(indent + line) <= width or not line.strip():
            lines.append(indent + line if line else line)
            continue
        lines.extend(
            _broken(line, max(width, cells(follow) + 10, cells(indent) + 10), indent, follow)
        )
    return [line.replace(GLUE, " ") for line in lines]


def cells(text: str) -> int:
    """How many terminal cells `text` takes (`rich.cells`, already a dependency)."""
    from rich.cells import cell_len

    return cell_len(text.replace(GLUE, " "))


def _broken(line: str, width: int, indent: str, follow: str) -> list[str]:
    """Greedy: as many words as fit on each line; a word longer than a line stays whole.
    Spaces at the start of the text are kept; spaces where a line breaks are dropped."""
    lead = line[: len(line) - len(line.lstrip(" "))]
    parts = re.split(r"( +)", line.strip(" "))
    words, gaps = parts[0::2], ["", *parts[1::2]]
    lines: list[str] = []
    current = indent + lead + words[0]
    for gap, word in zip(gaps[1:], words[1:], strict=True):
        if cells(current + gap + word) <= width:
            current += gap + word
        else:
            lines.append(current.rstrip(" "))
            current = follow + word
    lines.append(current.rstrip(" "))
    return lines


def fill(text: str, width: int | None, indent: str = "", hanging: str | None = None) -> str:
    """`wrap` as one string, without a final newline."""
    return "\n".join(wrap(text, width, indent, hanging))

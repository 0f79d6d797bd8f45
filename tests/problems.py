"""Small helpers for the tests that break a rule set on purpose and read the problems."""

from __future__ import annotations

from triage.errors import Problem


def edit(text: str, old: str, new: str) -> str:
    """Replace one unique snippet, so a test cannot silently edit nothing."""
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def only(problems: list[Problem]) -> Problem:
    """The one problem found; anything else fails, listing what was found."""
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]

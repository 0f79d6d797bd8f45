"""The rule-set format's tests: the problems found in a rule text, and where a snippet sits
in it (line and column, as every problem is located)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from triage.errors import Problem, RulesError


@pytest.fixture
def problems_in(load_text: Callable[..., object]) -> Callable[..., list[Problem]]:
    """The problems of an inline rule set that must not load."""

    def problems(text: str, name: str = "rules.yaml") -> list[Problem]:
        with pytest.raises(RulesError) as caught:
            load_text(text, name)
        assert caught.value.problems, "a RulesError must carry at least one problem"
        return caught.value.problems

    return problems


@pytest.fixture
def pos() -> Callable[..., tuple[int, int]]:
    """1-based (line, column) of the n-th occurrence of `snippet` in `text`."""

    def position(text: str, snippet: str, nth: int = 1) -> tuple[int, int]:
        text = textwrap.dedent(text)
        index = -1
        for _ in range(nth):
            index = text.index(snippet, index + 1)
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        return line, column

    return position

"""The checks of choices with a condition (`when`) or a range of numbers (`range`).

Part of `checks`. A condition hides an item of a list from a person it cannot apply
to: only on a multi_choice (a choice must always offer an answer), and never on an
item that raises the most severe outcome (an emergency item is always shown). Ranges
turn a typed number into a choice: they must not overlap (one number, two choices)
nor leave a gap between them (a number that picks nothing).
"""

from __future__ import annotations

from itertools import pairwise

from triage.i18n import _
from triage.rulesets.checks_atoms import Found
from triage.rulesets.model import ChoiceQuestion, MultiChoiceQuestion, RuleSet
from triage.rulesets.numbers import text
from triage.rulesets.parse import Path_


def choice_problems(rules: RuleSet) -> Found:
    found: Found = []
    top = max((o.severity for o in rules.outcomes), default=0)
    severity = {o.id: o.severity for o in rules.outcomes}
    for i, question in enumerate(rules.questions):
        if isinstance(question, MultiChoiceQuestion):
            found += _hidden_emergency(question, ("questions", i), severity, top)
        elif isinstance(question, ChoiceQuestion):
            found += _conditions_on_choice(question, ("questions", i))
            found += _ranges(question, ("questions", i))
        for j, choice in enumerate(getattr(question, "choices", ())):
            if choice.range is not None and not isinstance(question, ChoiceQuestion):
                message = _("a range of numbers is only for a choice question")
                hint = _("a list cannot be picked by a number: remove 'range'")
                where: Path_ = ("questions", i, "choices", j, "range")
                found.append((where, message, hint, "range-not-here"))
    return found


def _hidden_emergency(
    question: MultiChoiceQuestion, path: Path_, severity: dict[str, int], top: int
) -> Found:
    """An item that raises the most severe outcome is shown to everyone."""
    flags = {flag.answer: flag.outcome for flag in question.red_flags()}
    return [
        (
            (*path, "choices", j, "when"),
            _(
                "{key!r} raises {outcome!r}, the most severe outcome, but is not always shown"
            ).format(key=choice.key, outcome=flags[choice.key]),
            _("an emergency item is always offered: remove its 'when'"),
            "hidden-emergency",
        )
        for j, choice in enumerate(question.choices)
        if choice.when is not None
        and choice.key in flags
        and severity.get(flags[choice.key], -1) >= top
    ]


def _conditions_on_choice(question: ChoiceQuestion, path: Path_) -> Found:
    """A choice question must always offer its answers, so its choices take no `when`."""
    return [
        (
            (*path, "choices", j, "when"),
            _("a condition on a choice is only for a multi_choice question"),
            _("a choice question must always offer every answer: remove 'when'"),
            "choice-condition-here",
        )
        for j, choice in enumerate(question.choices)
        if choice.when is not None
    ]


def _ranges(question: ChoiceQuestion, path: Path_) -> Found:
    """Ranges, lowest first, must meet: each starts where the one before it stops."""
    found: Found = []
    index = {c.key: j for j, c in enumerate(question.choices)}
    ranged = question.ranged()
    for before, after in pairwise(ranged):
        low, high = before.range, after.range
        assert low is not None and high is not None  # `ranged` keeps only those
        where: Path_ = (*path, "choices", index[after.key], "range", "min")
        names = {"first": before.key, "second": after.key}
        if low.below is None:
            message = _("{first!r} ends with 'max' but {second!r} comes after it").format(**names)
            hint = _("only the highest range may end with 'max'; the others end with 'below'")
            found.append((where, message, hint, "range-gap"))
        elif high.min < low.below:
            message = _("the ranges of {first!r} and {second!r} overlap, from {a} to {b}")
            message = message.format(**names, a=text(high.min), b=text(min(low.below, high.top)))
            hint = _("a number must pick one choice: start {second!r} at {end}").format(
                second=after.key, end=text(low.below)
            )
            found.append((where, message, hint, "range-overlap"))
        elif high.min > low.below:
            message = _("no choice holds the numbers from {a} to below {b}")
            message = message.format(a=text(low.below), b=text(high.min))
            hint = _("start {second!r} at {end}, where {first!r} stops").format(
                **names, end=text(low.below)
            )
            found.append((where, message, hint, "range-gap"))
    return found

"""A rule set's questions in order, as data (`rules show --format json`) or a Rich tree.

For integrators who build their own forms, and for authors checking the flow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from triage.i18n import _
from triage.rulesets.conditions import describe
from triage.rulesets.model import (
    Bracket,
    ChoiceQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    QuestionT,
    RuleSet,
    TextQuestion,
    YesNoQuestion,
)
from triage.rulesets.numbers import json_number

if TYPE_CHECKING:
    from rich.tree import Tree


def red_flag(question: QuestionT) -> str | None:
    """The outcome a red flag on the whole question leads to (a yes, or any item chosen)."""
    if isinstance(question, YesNoQuestion | MultiChoiceQuestion):
        return question.red_flag
    return None


def questions(rules: RuleSet, lang: str = "en") -> list[dict[str, Any]]:
    """Each question with its id, type, wording, choices and condition (as data and words)."""
    found = []
    for question in rules.questions:
        item: dict[str, Any] = {
            "id": question.id,
            "type": question.type,
            "text": question.text.get(lang),
            "reception_text": question.text.get(lang, "reception"),
            "when": question.when.model_dump(by_alias=True, exclude_none=True, mode="json")
            if question.when
            else None,
            "when_text": describe(question.when) if question.when else None,
            "red_flag": red_flag(question),
        }
        if isinstance(question, ChoiceQuestion | MultiChoiceQuestion):
            flagged = {flag.answer: flag.outcome for flag in question.red_flags()}
            item["choices"] = [
                {
                    "key": c.key,
                    "label": c.label.get(lang),
                    "red_flag": flagged.get(c.key),
                    "when": c.when.model_dump(by_alias=True, exclude_none=True) if c.when else None,
                    "when_text": describe(c.when) if c.when else None,
                    "range": _range(c.range) if c.range else None,
                }
                for c in question.choices
            ]
        if isinstance(question, NumberQuestion):
            low, high = json_number(question.min), json_number(question.max)
            item.update(min=low, max=high, integer=question.integer)
        if isinstance(question, TextQuestion):
            item["max_length"] = question.max_length
        found.append(item)
    return found


def as_data(rules: RuleSet, sha256: str, lang: str = "en") -> dict[str, Any]:
    """The whole rule set for integrators (`rules show --format json`): which one it is,
    its questions in order, and its outcomes from most to least severe."""
    return {
        "id": rules.id,
        "version": rules.version,
        "sha256": sha256,
        "title": rules.title.get(lang),
        "language": lang,
        "languages": list(rules.languages),
        "questions": questions(rules, lang),
        "outcomes": [
            {
                "id": outcome.id,
                "kind": outcome.kind,
                "severity": outcome.severity,
                "ends_walk": outcome.ends_walk,
                "title": outcome.title.get(lang),
                "booking": {
                    "appointment": outcome.booking.appointment.get(lang),
                    "minutes": outcome.booking.minutes,
                }
                if outcome.booking
                else None,
            }
            for outcome in sorted(rules.outcomes, key=lambda o: -o.severity)
        ],
    }


def tree(rules: RuleSet, lang: str = "en") -> Tree:
    from rich.markup import escape
    from rich.tree import Tree

    root = Tree(f"[bold]{escape(rules.title.get(lang))}[/] ({rules.id} {escape(rules.version)})")
    for number, item in enumerate(questions(rules, lang), 1):
        label = f"[bold]{number}. {item['id']}[/] ({item['type']})"
        if item["red_flag"]:
            flag = _("RED FLAG -> {outcome}").format(outcome=item["red_flag"])
            label += f" [bold red]{escape(flag)}[/]"
        if item["when_text"]:
            when = _("when {condition}").format(condition=item["when_text"])
            label += f" [dim]{escape(when)}[/]"
        branch = root.add(label)
        branch.add(escape(item["text"]))
        for choice in item.get("choices", []):
            flag = ""
            if choice["red_flag"]:
                words = _("(red flag -> {outcome})").format(outcome=choice["red_flag"])
                flag = " [red]" + escape(words) + "[/]"
            if choice["when_text"]:
                offered = _("offered when {condition}").format(condition=choice["when_text"])
                flag += f" [dim]({escape(offered)})[/]"
            branch.add(f"{choice['key']}: {escape(choice['label'])}{flag}")
    heading = escape(_("(the most severe applying wins)"))
    outcomes = root.add("[bold]" + escape(_("outcomes")) + "[/] " + heading)
    for outcome in sorted(rules.outcomes, key=lambda o: -o.severity):
        ends = " [red]" + escape(_("ends the walk")) + "[/]" if outcome.ends_walk else ""
        severity = _("(severity {n})").format(n=outcome.severity)
        kind = _("books a massage") if outcome.kind == "massage" else _("no massage")
        outcomes.add(f"{outcome.id} {escape(severity)} {escape(kind)}{ends}")
    return root


def _range(bracket: Bracket) -> dict[str, int | float | str]:
    """A choice's range with its numbers as JSON numbers (exact text where a float is not)."""
    ends = {"min": bracket.min, "below": bracket.below, "max": bracket.max}
    return {name: json_number(value) for name, value in ends.items() if value is not None}

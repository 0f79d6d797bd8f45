"""Shell completion of option values: the languages after --lang, answers after --answer.

Called only when the shell asks (Tab), never at start-up: the rule set is read then,
from --rules when the command line gives it, else the one shipped with the tool.
A rule set that cannot be read completes nothing rather than failing in the shell.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from triage import i18n

if TYPE_CHECKING:
    from triage.rulesets.model import QuestionT, RuleSet

LANGUAGE_NAMES = {"en": "English", "fr": "français"}  # each in its own language

Completion = list[tuple[str, str]]


def languages(ctx: typer.Context, args: list[str], incomplete: str) -> Completion:
    """`en`, `fr`: the supported codes, each with the language's name."""
    return [
        (code, LANGUAGE_NAMES.get(code, code))
        for code in i18n.SUPPORTED
        if code.startswith(incomplete.lower())
    ]


def answers(ctx: typer.Context, args: list[str], incomplete: str) -> Completion:
    """`ID=` for each question, then `ID=VALUE` for each value it accepts."""
    rules = _rules(ctx)
    if rules is None:
        return []
    lang = i18n.language()
    if "=" not in incomplete:
        return [(f"{q.id}=", q.name(lang)) for q in rules.questions if q.id.startswith(incomplete)]
    key, _equals, value = incomplete.partition("=")
    question = next((q for q in rules.questions if q.id == key), None)
    if question is None:
        return []
    offered = _values(question, lang)
    if question.type != "multi_choice":
        return [(f"{key}={v}", label) for v, label in offered if v.startswith(value)]
    chosen, _comma, last = value.rpartition(",")
    before = f"{key}={chosen}," if chosen else f"{key}="
    taken = set(chosen.split(","))
    return [
        (before + v, label)
        for v, label in offered
        if v.startswith(last) and v not in taken and not (chosen and v == "none")
    ]


def _values(question: QuestionT, lang: str) -> list[tuple[str, str]]:
    """What `--answer` accepts for a question, each with its words."""
    from triage.rulesets.model import NumberQuestion, TextQuestion  # only when completing

    if question.type == "yes_no":
        return [("yes", ""), ("no", "")]
    if isinstance(question, NumberQuestion | TextQuestion):
        return []
    found = [(c.key, c.label.get(lang)) for c in question.choices]
    if question.type == "multi_choice":
        found.append(("none", question.none_label.get(lang) if question.none_label else ""))
    return found


def _rules(ctx: typer.Context) -> RuleSet | None:
    from triage.errors import TriageError
    from triage.rulesets.files import read_sources
    from triage.rulesets.load import load_rules

    given = ctx.params.get("rules")
    try:
        return load_rules(read_sources(Path(given) if given else None))
    except (TriageError, OSError, ValueError):
        return None

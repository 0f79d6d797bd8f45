"""Cross-reference checks over a whole rule set, each problem located in its source.

The model checks each piece's shape; these checks need the whole rule set: that
conditions name known questions asked earlier, that compared values are choices of
that question, that ids are unique and outcomes exist.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

from triage.errors import Problem
from triage.loader import Located, Path_
from triage.model import (
    All,
    AnyOf,
    ChoiceQuestion,
    Compare,
    Condition,
    MultiChoiceQuestion,
    Not,
    RuleSet,
    YesNoQuestion,
)

OPERATORS = {
    "yes_no": ("is", "answered"),
    "choice": ("is", "in", "answered"),
    "multi_choice": ("includes", "includes_any", "includes_all", "answered"),
}


def did_you_mean(word: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"


def located_atoms(condition: Condition | None, path: Path_) -> Iterator[tuple[Compare, Path_]]:
    """Each comparison in a condition with its path in the rule-set data."""
    if condition is None:
        return
    if isinstance(condition, All):
        for i, child in enumerate(condition.all):
            yield from located_atoms(child, (*path, "all", i))
    elif isinstance(condition, AnyOf):
        for i, child in enumerate(condition.any):
            yield from located_atoms(child, (*path, "any", i))
    elif isinstance(condition, Not):
        yield from located_atoms(condition.not_, (*path, "not"))
    else:
        yield condition, path


def conditions(rules: RuleSet) -> Iterator[tuple[Condition | None, Path_, int]]:
    """Every condition with its path and the number of questions it may read.

    A question's `when` may only read the questions before it; decisions and cautions
    are evaluated at the end and may read them all.
    """
    for i, question in enumerate(rules.questions):
        yield question.when, ("questions", i, "when"), i
    for i, decision in enumerate(rules.decisions):
        yield decision.when, ("decisions", i, "when"), len(rules.questions)
    for i, caution in enumerate(rules.cautions):
        yield caution.when, ("cautions", i, "when"), len(rules.questions)


def check(rules: RuleSet, located: Located) -> list[Problem]:
    """All cross-reference problems of a rule set whose shape is already valid."""
    found: list[tuple[Path_, str, str]] = []
    found += _unique_ids(rules)
    found += _severities(rules)
    found += _outcome_references(rules)
    for condition, path, visible in conditions(rules):
        for atom, atom_path in located_atoms(condition, path):
            found += _check_atom(rules, atom, atom_path, visible)
    problems = []
    for path, message, hint in found:
        file, line, column = located.locate(path)
        problems.append(Problem(message, hint, file, line, column))
    return problems


def _duplicates(
    ids: Sequence[str], what: str, path: Path_, key: str
) -> Iterator[tuple[Path_, str, str]]:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            yield (*path, i, key), f"duplicate {what} {ident!r}", "give each one its own id"
        seen.add(ident)


def _unique_ids(rules: RuleSet) -> list[tuple[Path_, str, str]]:
    found = list(_duplicates([q.id for q in rules.questions], "question id", ("questions",), "id"))
    found += _duplicates([o.id for o in rules.outcomes], "outcome id", ("outcomes",), "id")
    found += _duplicates([c.id for c in rules.cautions], "caution id", ("cautions",), "id")
    for i, question in enumerate(rules.questions):
        if isinstance(question, ChoiceQuestion | MultiChoiceQuestion):
            keys = [c.key for c in question.choices]
            found += _duplicates(keys, "choice key", ("questions", i, "choices"), "key")
    return found


def _severities(rules: RuleSet) -> list[tuple[Path_, str, str]]:
    found: list[tuple[Path_, str, str]] = []
    seen: dict[int, str] = {}
    for i, outcome in enumerate(rules.outcomes):
        if outcome.severity in seen:
            message = (
                f"outcomes {seen[outcome.severity]!r} and {outcome.id!r} have the same "
                f"severity {outcome.severity}"
            )
            found.append((("outcomes", i, "severity"), message, "the most severe must be unique"))
        seen[outcome.severity] = outcome.id
    return found


def _outcome_references(rules: RuleSet) -> list[tuple[Path_, str, str]]:
    known = [o.id for o in rules.outcomes]
    found: list[tuple[Path_, str, str]] = []
    for i, decision in enumerate(rules.decisions):
        if decision.outcome not in known:
            message = f"unknown outcome {decision.outcome!r}"
            found.append(
                (("decisions", i, "outcome"), message, did_you_mean(decision.outcome, known))
            )
    for i, question in enumerate(rules.questions):
        flagged: list[tuple[Path_, str | None]] = []
        if isinstance(question, YesNoQuestion | MultiChoiceQuestion):
            flagged.append((("questions", i, "red_flag"), question.red_flag))
        if isinstance(question, ChoiceQuestion | MultiChoiceQuestion):
            for j, choice in enumerate(question.choices):
                flagged.append((("questions", i, "choices", j, "red_flag"), choice.red_flag))
        for path, outcome in flagged:
            if outcome is not None and outcome not in known:
                message = f"red_flag names an unknown outcome {outcome!r}"
                found.append((path, message, did_you_mean(outcome, known)))
    return found


def _check_atom(
    rules: RuleSet, atom: Compare, path: Path_, visible: int
) -> list[tuple[Path_, str, str]]:
    ids = [q.id for q in rules.questions]
    if atom.question not in ids:
        message = f"unknown question {atom.question!r}"
        return [((*path, "question"), message, did_you_mean(atom.question, ids))]
    index = ids.index(atom.question)
    if index >= visible:
        asker = ids[visible]
        if index == visible:
            message = f"question {asker!r} is shown on a condition about itself"
        else:
            message = f"question {asker!r} depends on {atom.question!r}, which is asked later"
        hint = "a 'when' may only read questions asked before it; reorder the questions"
        return [((*path, "question"), message, hint)]
    question = rules.questions[index]
    allowed = OPERATORS[question.type]
    op = atom.operator
    op_path = (*path, op)
    if op not in allowed:
        message = f"{op!r} does not apply to the {question.type} question {question.id!r}"
        return [(op_path, message, f"use one of: {', '.join(allowed)}")]
    if op == "answered":
        return []
    if isinstance(question, YesNoQuestion):
        if not isinstance(atom.operand, bool):
            message = f"{question.id!r} is a yes/no question: compare it with yes or no"
            return [(op_path, message, "write 'is: yes' or 'is: no' (no quotes)")]
        return []
    keys = [c.key for c in question.choices]
    values = atom.operand if isinstance(atom.operand, list) else [atom.operand]
    found: list[tuple[Path_, str, str]] = []
    for value in values:
        if value not in keys:
            message = f"{value!r} is not a choice of {question.id!r}"
            found.append((op_path, message, did_you_mean(str(value), keys)))
    return found

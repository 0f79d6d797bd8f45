"""What `rules check` reports: the errors of a rule set, then what is legal but
probably a mistake (unused choices, questions never asked, outcomes never reached).
"""

from __future__ import annotations

from collections.abc import Sequence

from triage.deciding.prove import OutOfBudget, prove
from triage.errors import Problem
from triage.i18n import _
from triage.rulesets.checks import check, conditions, locate, located_atoms
from triage.rulesets.checks_atoms import Found
from triage.rulesets.files import Source
from triage.rulesets.load import parse_rules
from triage.rulesets.model import ChoiceQuestion, MultiChoiceQuestion, RuleSet, TextQuestion
from triage.rulesets.parse import Located


def warnings(rules: RuleSet, located: Located) -> list[Problem]:
    """What is legal but probably a mistake: unused choices, unreachable questions or outcomes."""
    found: Found = []
    read: set[tuple[str, str]] = set()
    ruled: set[str] = set()  # questions read by a rule, not only to open a free-text one
    for condition, path, _visible in conditions(rules):
        opens_text = path[0] == "questions" and isinstance(
            rules.questions[int(path[1])], TextQuestion
        )
        for atom, _where in located_atoms(condition, ()):
            operand = atom.operand
            for value in operand if isinstance(operand, list) else [operand]:
                read.add((atom.subject, str(value)))
            if not opens_text:
                ruled.add(atom.subject)
    counted = {t.question for s in rules.scores for t in s.sum}
    for i, question in enumerate(rules.questions):
        if not isinstance(question, ChoiceQuestion | MultiChoiceQuestion):
            continue
        if question.id in counted:  # every answer of a scored question moves the score
            continue
        if question.id in rules.note.answers:  # every answer goes on the booking note
            continue
        flagged = {flag.answer for flag in question.red_flags()}
        for j, choice in enumerate(question.choices):
            key = (question.id, choice.key)
            if key in read or choice.key in flagged:
                continue
            if question.id not in ruled:
                # A question no rule reads is informational (e.g. the areas), even when one
                # of its choices opens a free-text question ("somewhere else": where?).
                continue
            message = _("the choice {key!r} of {question!r} is used by no rule").format(
                key=choice.key, question=question.id
            )
            hint = _("a rule may be missing, or the choice can go")
            found.append((("questions", i, "choices", j, "key"), message, hint, "unused-choice"))
    for i, question in enumerate(rules.questions):
        if not question.text.reception:
            message = _("question {id!r} has no receptionist wording").format(id=question.id)
            hint = _("add 'reception:' to its text; the call script falls back to the client's")
            found.append((("questions", i, "text"), message, hint, "no-reception-wording"))
    for i, outcome in enumerate(rules.outcomes):
        if outcome.booking is None and not outcome.ends_walk:
            message = _("outcome {id!r} has no booking (appointment and minutes)").format(
                id=outcome.id
            )
            hint = _("the booking note cannot say what to book")
            found.append((("outcomes", i, "id"), message, hint, "no-booking"))
    try:
        report = prove(rules)
    except OutOfBudget as out:
        message = _(
            "the proof ran out of its budget ({budget} units): questions never asked and "
            "outcomes never reached are not known, and the rule set is not proven"
        ).format(budget=out.budget)
        hint = _("run 'triage rules verify --budget {larger}' on it").format(larger=out.budget * 10)
        found.append(((), message, hint, "proof-budget"))
        return locate(found, located, "warning")
    never_asked, never_reached = set(report.never_asked), set(report.never_reached)
    for i, question in enumerate(rules.questions):
        if question.id in never_asked:
            message = _("question {id!r} is never asked, whatever the answers").format(
                id=question.id
            )
            hint = _("its 'when' can never hold, or earlier outcomes always end the walk")
            found.append((("questions", i, "id"), message, hint, "never-asked"))
    for i, outcome in enumerate(rules.outcomes):
        if outcome.id in never_reached:
            message = _("outcome {id!r} is never the result, whatever the answers").format(
                id=outcome.id
            )
            hint = _("check the decisions that lead to it")
            found.append((("outcomes", i, "id"), message, hint, "never-reached"))
    return locate(found, located, "warning")


def review(sources: Sequence[Source]) -> tuple[RuleSet | None, list[Problem]]:
    """Every problem of a rule set: shape and cross-reference errors, then warnings.

    Warnings need a valid rule set (the prover reads it), so they come only when
    there is no error; the checks never walk paths. The rule set is returned when it has no error.
    """
    rules, located, problems = parse_rules(sources)
    if rules is not None:
        problems = problems + check(rules, located)
    if rules is None or any(p.level == "error" for p in problems):
        return None, _in_order(problems)
    return rules, _in_order(problems + warnings(rules, located))


def _in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.level != "error", p.file, p.line, p.column))

"""The checks of one comparison in a condition: a known question asked earlier, an
operator its type allows, a value it can take; for a score, its items asked earlier.

Part of `checks` (which walks every condition of a rule set and calls `check_atom`).
"""

from __future__ import annotations

from fractions import Fraction

from triage.errors import ProblemCode, did_you_mean
from triage.i18n import _
from triage.rulesets.model import (
    ChoiceQuestion,
    Compare,
    MultiChoiceQuestion,
    NumberQuestion,
    RuleSet,
    TextQuestion,
    YesNoQuestion,
)
from triage.rulesets.parse import Path_
from triage.rulesets.salvage import Broken

OPERATORS = {
    "yes_no": ("is", "answered"),
    "choice": ("is", "in", "answered"),
    "multi_choice": ("includes", "includes_any", "includes_all", "answered"),
    "number": ("is", ">=", "<=", ">", "<", "answered"),
    "score": ("is", ">=", "<=", ">", "<"),
    "text": (),  # free text is never read by a rule
}
Found = list[tuple[Path_, str, str, ProblemCode]]  # where, message, hint, kind


def choice_keys(question: ChoiceQuestion | MultiChoiceQuestion) -> dict[str, int]:
    """The keys (in order) with their positions: looked up per comparison, built once."""
    return question.positions


def check_atom(
    rules: RuleSet, ids: dict[str, int], broken: Broken, atom: Compare, path: Path_, visible: int
) -> Found:
    if atom.score is not None:
        return _check_score_atom(rules, ids, broken, atom, path, visible)
    subject = atom.subject
    if subject not in ids:
        if broken.known("questions", subject):
            return []
        message = _("unknown question {id!r}").format(id=subject)
        hint = did_you_mean(subject, [*ids, *broken.names("questions")])
        return [((*path, "question"), message, hint, "unknown-question")]
    index = ids[subject]
    question = rules.questions[index]
    if isinstance(question, TextQuestion):
        return [
            (
                (*path, "question"),
                free_text_message(subject),
                _("free text is only recorded; ask a yes/no or choice question for this"),
                "reads-free-text",
            )
        ]
    if index >= visible:
        return [
            (
                (*path, "question"),
                order_message(rules.questions[visible].id, subject, index == visible),
                _("a 'when' may only read questions asked before it; reorder the questions"),
                "asked-later",
            )
        ]
    op = atom.operator
    op_path = (*path, op)
    allowed = OPERATORS[question.type]
    if op not in allowed:
        message = _("{op!r} does not apply to the {type} question {id!r}").format(
            op=op, type=question.type, id=question.id
        )
        hint = _("use one of: {choices}").format(choices=", ".join(allowed))
        return [(op_path, message, hint, "wrong-operator")]
    if op == "answered":
        return []
    if isinstance(question, YesNoQuestion):
        if not isinstance(atom.operand, bool):
            message = _("{id!r} is a yes/no question: compare it with yes or no").format(
                id=question.id
            )
            hint = _("write is: yes or is: no, without quotes")
            return [(op_path, message, hint, "not-yes-no")]
        return []
    if isinstance(question, NumberQuestion):
        return _check_number(question.id, atom, op_path)
    keys = choice_keys(question)
    operand = atom.operand
    values = operand if isinstance(operand, list) else [operand]
    found: Found = []
    for value in values:
        if value not in keys:
            message = _("{value!r} is not a choice of {id!r}").format(value=value, id=question.id)
            found.append((op_path, message, did_you_mean(str(value), [*keys]), "not-a-choice"))
    return found


def free_text_message(subject: str) -> str:
    return _("{id!r} is a free-text question: no condition or score may read it").format(id=subject)


def order_message(asker: str, subject: str, itself: bool) -> str:
    if itself:
        return _("question {id!r} is shown on a condition about itself").format(id=asker)
    return _("question {id!r} depends on {subject!r}, which is asked later").format(
        id=asker, subject=subject
    )


def _check_number(subject: str, atom: Compare, op_path: Path_) -> Found:
    operand = atom.operand
    if isinstance(operand, bool) or not isinstance(operand, int | Fraction):
        message = _("{id!r} is a number: compare it with a number").format(id=subject)
        return [(op_path, message, "", "not-a-number")]
    return []


def _check_score_atom(
    rules: RuleSet, ids: dict[str, int], broken: Broken, atom: Compare, path: Path_, visible: int
) -> Found:
    known = [s.id for s in rules.scores]
    subject = atom.subject
    if subject not in known and broken.known("scores", subject):
        return []
    if subject not in known:
        hint = did_you_mean(subject, known) if known else _("declare it under 'scores'")
        message = _("unknown score {id!r}").format(id=subject)
        return [((*path, "score"), message, hint, "unknown-score")]
    op = atom.operator
    if op not in OPERATORS["score"]:
        hint = _("use one of: {choices}").format(choices=", ".join(OPERATORS["score"]))
        message = _("{op!r} does not apply to the score {id!r}").format(op=op, id=subject)
        return [((*path, op), message, hint, "wrong-operator")]
    score = rules.scores[known.index(subject)]
    for term in score.sum:
        if term.question in ids and ids[term.question] >= visible:
            index = ids[term.question]
            message = order_message(rules.questions[visible].id, term.question, index == visible)
            hint = _("the score {score!r} adds up {question!r}; reorder the questions").format(
                score=subject, question=term.question
            )
            return [((*path, "score"), message, hint, "asked-later")]
    return _check_number(subject, atom, (*path, op))

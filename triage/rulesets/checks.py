"""Cross-reference checks over a whole rule set, each problem located in its source.

The model checks each piece's shape; these checks need the whole rule set: that
conditions name known questions asked earlier, that compared values are choices of
that question, that ids are unique and outcomes exist.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pydantic import BaseModel

from triage.errors import Problem, ProblemCode, did_you_mean
from triage.i18n import _
from triage.rulesets.checks_atoms import (
    Found,
    check_atom,
    choice_keys,
    free_text_message,
)
from triage.rulesets.checks_choices import choice_problems
from triage.rulesets.model import (
    All,
    AnyOf,
    ChoiceQuestion,
    Compare,
    Condition,
    MultiChoiceQuestion,
    Not,
    NumberQuestion,
    RuleSet,
    TextQuestion,
    YesNoQuestion,
    _Text,
)
from triage.rulesets.parse import Located, Path_, dotted
from triage.rulesets.salvage import Broken


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

    A question's `when`, and a `when` on one of its choices, may only read the questions
    before it; decisions and cautions are evaluated at the end and may read them all.
    """
    for i, question in enumerate(rules.questions):
        yield question.when, ("questions", i, "when"), i
        for j, choice in enumerate(getattr(question, "choices", ())):
            if choice.when is not None:  # an item is offered on what was asked before
                yield choice.when, ("questions", i, "choices", j, "when"), i
    for i, decision in enumerate(rules.decisions):
        yield decision.when, ("decisions", i, "when"), len(rules.questions)
    for i, caution in enumerate(rules.cautions):
        yield caution.when, ("cautions", i, "when"), len(rules.questions)


def check(rules: RuleSet, located: Located, broken: Broken | None = None) -> list[Problem]:
    """All cross-reference problems of a rule set (or of its valid pieces, see `salvage`).

    A reference to a piece in `broken` (set aside for its own errors) is not reported.
    """
    broken = broken or Broken()
    found: Found = []
    found += _unique_ids(rules)
    found += _severities(rules)
    found += _outcome_references(rules, broken)
    found += _score_terms(rules, broken)
    found += _note_answers(rules, broken)
    found += _contact_references(rules)
    found += _once_noted_questions(rules, broken)
    found += _translations(rules)
    found += choice_problems(rules)
    ids = {q.id: i for i, q in enumerate(rules.questions)}
    for condition, path, visible in conditions(rules):
        for atom, atom_path in located_atoms(condition, path):
            found += check_atom(rules, ids, broken, atom, atom_path, visible)
    return locate(found, located)


def locate(found: Found, located: Located, level: str = "error") -> list[Problem]:
    problems = []
    for path, message, hint, code in found:
        file, line, column = located.locate(path)
        problems.append(Problem(message, hint, file, line, column, level, code=code))
    return problems


def _duplicates(
    ids: Sequence[str], what: str, path: Path_, key: str
) -> Iterator[tuple[Path_, str, str, ProblemCode]]:
    messages = {
        "question id": _("duplicate question id {id!r}"),
        "outcome id": _("duplicate outcome id {id!r}"),
        "caution id": _("duplicate caution id {id!r}"),
        "score id": _("duplicate score id {id!r}"),
        "contact id": _("duplicate contact id {id!r}"),
        "choice key": _("duplicate choice key {id!r}"),
    }
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            message = messages[what].format(id=ident)
            yield (*path, i, key), message, _("give each one its own id"), "duplicate-id"
        seen.add(ident)


def _unique_ids(rules: RuleSet) -> Found:
    found = list(_duplicates([q.id for q in rules.questions], "question id", ("questions",), "id"))
    found += _duplicates([o.id for o in rules.outcomes], "outcome id", ("outcomes",), "id")
    found += _duplicates([c.id for c in rules.cautions], "caution id", ("cautions",), "id")
    found += _duplicates([c.id for c in rules.scores], "score id", ("scores",), "id")
    found += _duplicates([c.id for c in rules.contacts], "contact id", ("contacts",), "id")
    for i, question in enumerate(rules.questions):
        if isinstance(question, ChoiceQuestion | MultiChoiceQuestion):
            keys = [c.key for c in question.choices]
            found += _duplicates(keys, "choice key", ("questions", i, "choices"), "key")
    return found


def _severities(rules: RuleSet) -> Found:
    found: Found = []
    seen: dict[int, str] = {}
    for i, outcome in enumerate(rules.outcomes):
        if outcome.severity in seen:
            message = _("outcomes {first!r} and {second!r} have the same severity {severity}")
            message = message.format(
                first=seen[outcome.severity], second=outcome.id, severity=outcome.severity
            )
            hint = _("the most severe must be unique")
            found.append((("outcomes", i, "severity"), message, hint, "same-severity"))
        seen[outcome.severity] = outcome.id
    return found


def _outcome_references(rules: RuleSet, broken: Broken) -> Found:
    known = [o.id for o in rules.outcomes]
    found: Found = []
    for i, decision in enumerate(rules.decisions):
        if decision.outcome not in known and not broken.known("outcomes", decision.outcome):
            message = _("unknown outcome {id!r}").format(id=decision.outcome)
            hint = did_you_mean(decision.outcome, known + broken.names("outcomes"))
            found.append((("decisions", i, "outcome"), message, hint, "unknown-outcome"))
    kinds = {o.id: o.kind for o in rules.outcomes}
    index = {q.id: i for i, q in enumerate(rules.questions)}
    seen: set[Path_] = set()
    for flag in rules.red_flags():
        path: Path_ = ("questions", index[flag.question], *flag.declared)
        if path in seen:  # a question-level red_flag, inherited by each of its choices
            continue
        seen.add(path)
        if flag.outcome not in kinds:
            if broken.known("outcomes", flag.outcome):
                continue
            message = _("red_flag names an unknown outcome {id!r}").format(id=flag.outcome)
            hint = did_you_mean(flag.outcome, known + broken.names("outcomes"))
            found.append((path, message, hint, "unknown-outcome"))
        elif kinds[flag.outcome] != "referral":
            message = _("red_flag leads to {id!r}, which recommends a massage").format(
                id=flag.outcome
            )
            hint = _("a red flag must lead to an outcome with 'kind: referral'")
            found.append((path, message, hint, "red-flag-to-massage"))
    return found


def _contact_references(rules: RuleSet) -> Found:
    known = [c.id for c in rules.contacts]
    found: Found = []
    for i, outcome in enumerate(rules.outcomes):
        for j, contact in enumerate(outcome.contacts):
            if contact not in known:
                message = _("unknown contact {id!r}").format(id=contact)
                hint = did_you_mean(contact, known) if known else _("add it under 'contacts:'")
                found.append((("outcomes", i, "contacts", j), message, hint, "unknown-contact"))
    return found


def _once_noted_questions(rules: RuleSet, broken: Broken) -> Found:
    """A caution's `once_noted` reads a free-text question: the details typed there."""
    questions = {q.id: q for q in rules.questions}
    found: Found = []
    for i, caution in enumerate(rules.cautions):
        noted = caution.once_noted
        if noted is None or broken.known("questions", noted.question):
            continue
        path: Path_ = ("cautions", i, "once_noted", "question")
        question = questions.get(noted.question)
        if question is None:
            message = _("unknown question {id!r}").format(id=noted.question)
            found.append(
                (path, message, did_you_mean(noted.question, list(questions)), "unknown-question")
            )
        elif not isinstance(question, TextQuestion):
            message = _("{id!r} is not a free-text question").format(id=noted.question)
            hint = _("name the text question where the details are typed")
            found.append((path, message, hint, "invalid-value"))
    return found


def _score_terms(rules: RuleSet, broken: Broken) -> Found:
    ids = [q.id for q in rules.questions]
    found: Found = []
    for i, score in enumerate(rules.scores):
        for j, term in enumerate(score.sum):
            path: Path_ = ("scores", i, "sum", j)
            if term.question not in ids and broken.known("questions", term.question):
                continue
            if term.question not in ids:
                message = _("score {score!r} adds up an unknown question {question!r}").format(
                    score=score.id, question=term.question
                )
                hint = did_you_mean(term.question, ids)
                found.append(((*path, "question"), message, hint, "unknown-question"))
                continue
            question = rules.question(term.question)
            if isinstance(question, TextQuestion):
                message = free_text_message(question.id)
                hint = _("free text is only recorded; ask a yes/no or choice question for this")
                found.append(((*path, "question"), message, hint, "reads-free-text"))
                continue
            if isinstance(question, NumberQuestion):
                message = _("score {score!r} cannot add up the number question {question!r}")
                message = message.format(score=score.id, question=question.id)
                hint = _("compare the number itself in a condition ('>=', '<'...)")
                found.append(((*path, "question"), message, hint, "score-of-number"))
                continue
            keys = (
                ["yes", "no"] if isinstance(question, YesNoQuestion) else [*choice_keys(question)]
            )
            for key in term.weights:
                if key not in keys:
                    message = _("{key!r} is not an answer of {question!r}").format(
                        key=key, question=question.id
                    )
                    hint = did_you_mean(key, keys)
                    found.append(((*path, "weights", key), message, hint, "not-an-answer"))
    return found


def texts(node: object, path: Path_ = ()) -> Iterator[tuple[_Text, Path_]]:
    """Every text in a rule set with its path, however deep."""
    if isinstance(node, _Text):
        yield node, path
    elif isinstance(node, BaseModel):
        for name, info in type(node).model_fields.items():
            yield from texts(getattr(node, name), (*path, info.alias or name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from texts(item, (*path, i))


def _translations(rules: RuleSet) -> Found:
    """A language the rule set declares is a promise: every text must exist in it."""
    found: Found = []
    for text, path in texts(rules):
        for lang in rules.languages:
            if lang not in text.client:
                message = _("{path}: no {lang!r} text").format(path=dotted(path), lang=lang)
                hint = _("add '{lang}:'").format(lang=lang)
                found.append((path, message, hint, "missing-translation"))
            if text.reception and lang not in text.reception:
                message = _("{path}: no {lang!r} receptionist wording").format(
                    path=dotted(path), lang=lang
                )
                hint = _("add '{lang}:' under 'reception:'").format(lang=lang)
                found.append((path, message, hint, "missing-translation"))
    return found


def _note_answers(rules: RuleSet, broken: Broken) -> Found:
    ids = [q.id for q in rules.questions]
    return [
        (
            ("note", "answers", i),
            _("unknown question {id!r}").format(id=qid),
            did_you_mean(qid, ids),
            "unknown-question",
        )
        for i, qid in enumerate(rules.note.answers)
        if qid not in ids and not broken.known("questions", qid)
    ]

"""The test oracle: every distinct path through a rule set, walked with the engine.

This was the tool's verifier before the solver (`triage.deciding.prove`); it is kept
here to check the solver on small rule sets, where walking every path is cheap.

Answers are explored by equivalence class, not one by one: two answers to a question
are the same for the rules when every comparison that reads that question gives the
same result for both (and they raise the same red flags). So a question nobody reads
costs one branch, a multi-choice question costs one branch per combination of the
choices that rules actually read, and the cost grows with the number of distinct
paths, not with the product of all possible answers. Walks that have ended (an
emergency, say) are not extended: the engine decides when a walk ends. An item of a
list is chosen only where it is offered (`engine.offered`).

Cautions never change an outcome, a flag or which questions are asked, so `verify`
does not split answers on what only cautions read; `walk_all(with_cautions=True)`
does, for a test that wants every caution combination too.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import combinations

import pytest

from triage.deciding import engine
from triage.deciding.answers import from_items, parse_pairs
from triage.deciding.prove import prove
from triage.deciding.prove import report as proof
from triage.i18n import _
from triage.rulesets.conditions import atoms, compare
from triage.rulesets.model import (
    AnswerValue,
    ChoiceQuestion,
    Compare,
    NumberQuestion,
    QuestionT,
    RuleSet,
    TextQuestion,
    YesNoQuestion,
)
from triage.rulesets.numbers import STEP, answerable, positional
from triage.rulesets.scores import contribution

Answers = tuple[tuple[str, AnswerValue], ...]


@dataclass(frozen=True)
class Walked:
    """One complete path: the answers in the order asked, and where they led."""

    answers: Answers
    result: engine.Result | None  # None: no decision applied (a dead end)


@dataclass(frozen=True)
class Violation:
    rule: str  # "no_outcome", "red_flag", "asked_twice"
    message: str
    answers: Answers  # the shortest counter-example found

    def as_options(self) -> str:
        """The counter-example as `triage assess` options, ready to paste."""
        # Free text (an empty one here) is never required, so it is left out.
        return " ".join(f"--answer {q}={_text(v)}" for q, v in self.answers if v != "")


@dataclass
class Report:
    paths: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    asked: set[str] = field(default_factory=set)
    chosen: set[tuple[str, str]] = field(default_factory=set)
    violations: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations


def _text(value: AnswerValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ",".join(value) if value else "none"
    if isinstance(value, Fraction):
        return positional(value)
    return value if isinstance(value, str) else repr(value)


def _reading(rules: RuleSet, question_id: str, with_cautions: bool) -> list[Compare]:
    """Every comparison that reads this question: in whens, decisions (and cautions)."""
    conditions = [q.when for q in rules.questions] + [d.when for d in rules.decisions]
    conditions += [c.when for q in rules.questions for c in getattr(q, "choices", ())]
    if with_cautions:
        conditions += [c.when for c in rules.cautions]
    return [a for c in conditions for a in atoms(c) if a.question == question_id]


def _number_candidates(question: NumberQuestion, reading: list[Compare]) -> list[AnswerValue]:
    """The first and last answers a person can type, and those on each side of every
    threshold: exact numbers in whole steps (of 1, or of 10**-15), never floats."""
    step = Fraction(1) if question.integer else STEP
    first, last = answerable(question.min, question.max, question.integer)
    cuts = [
        Fraction(v) / step
        for a in reading
        if isinstance(v := a.operand, int | Fraction) and not isinstance(v, bool)
    ]
    near = {edge(c) + d for c in cuts for edge in (math.floor, math.ceil) for d in (-1, 0, 1)}
    steps = sorted({first, last, *(n for n in near if first <= n <= last)})
    if question.integer:
        return list(steps)
    return [n * step for n in steps]


def _candidates(
    rules: RuleSet, question: QuestionT, reading: list[Compare], together: int | None = None
) -> list[AnswerValue]:
    """Every answer worth trying: for a multi-choice, each combination of the choices read.

    Free text is one class: no rule may read it (`rules check` refuses one that does), so
    every text leads where the empty one does.
    """
    if isinstance(question, TextQuestion):
        return [""]
    if isinstance(question, YesNoQuestion):
        return [False, True]
    if isinstance(question, NumberQuestion):
        return _number_candidates(question, reading)
    if isinstance(question, ChoiceQuestion):
        return [c.key for c in question.choices]
    scored = any(t.question == question.id for s in rules.scores for t in s.sum)
    flagged = {flag.answer for flag in question.red_flags()}
    read = {c.key for c in question.choices if scored or c.key in flagged}
    for atom in reading:
        for value in (atom.includes, *(atom.includes_any or ()), *(atom.includes_all or ())):
            if value is not None:
                read.add(value)
    keys = [c.key for c in question.choices if c.key in read]
    sizes = range(min(len(keys), together if together is not None else len(keys)) + 1)
    return [combo for size in sizes for combo in combinations(keys, size)]


def answer_classes(
    rules: RuleSet, question: QuestionT, with_cautions: bool = True, together: int | None = None
) -> list[AnswerValue]:
    """One representative answer per class of answers the rules cannot tell apart.

    Two answers are alike when every comparison reading the question agrees on them,
    they raise the same flags, they add the same to every score, and they choose the
    same items offered only where they apply (a representative holding such an item
    may not be offered where another of its class is). With `together`, at most that
    many items of a list are chosen at once (see `walk_all`).
    """
    reading = _reading(rules, question.id, with_cautions)
    terms = [t for s in rules.scores for t in s.sum if t.question == question.id]
    gated = {c.key for c in getattr(question, "choices", ()) if c.when is not None}
    seen: dict[tuple[object, ...], AnswerValue] = {}
    for value in _candidates(rules, question, reading, together):
        answers = {question.id: value}
        raised = tuple(f.id for f in engine.flags(rules, answers))
        added = tuple(contribution(t, value) for t in terms)
        items = value if isinstance(value, tuple) else (value,)
        offered_where = tuple(sorted(k for k in items if k in gated))
        signature = (
            tuple(compare(atom, answers) for atom in reading),
            raised,
            added,
            offered_where,
        )
        seen.setdefault(signature, value)
    return list(seen.values())


def walk_all(
    rules: RuleSet, with_cautions: bool = False, together: int | None = None
) -> Iterator[Walked]:
    """Every distinct path, depth first; the order asked is kept in each path.

    `together` bounds how many items of one list are chosen at once: a rule set whose
    conditions never read more than that many items of one list together (as
    `reads_together` measures) is covered by those paths, and a large list of red flags
    no longer multiplies the paths by two per item.
    """
    classes = {q.id: answer_classes(rules, q, with_cautions, together) for q in rules.questions}
    stack: list[Answers] = [()]
    while stack:
        path = stack.pop()
        answers = dict(path)
        question = engine.next_question(rules, answers)
        if question is None:
            try:
                yield Walked(path, engine.decide(rules, answers))
            except engine.NoOutcome:
                yield Walked(path, None)
            continue
        if question.id in answers:  # the engine must never do this; proven, not assumed
            yield Walked((*path, (question.id, answers[question.id])), None)
            continue
        for value in reversed(classes[question.id]):
            # An item not offered after these answers cannot be chosen (`assess` refuses it).
            if not engine.not_offered(rules, question, answers, value):
                stack.append((*path, (question.id, value)))


def reads_together(rules: RuleSet) -> int:
    """The most items of one list that one condition (a decision, a caution, a `when`)
    names: paths choosing at most that many items at once show every interplay."""
    conditions = [q.when for q in rules.questions] + [d.when for d in rules.decisions]
    conditions += [c.when for c in rules.cautions]
    conditions += [c.when for q in rules.questions for c in getattr(q, "choices", ())]
    most = 1
    for condition in conditions:
        named: Counter[str] = Counter()
        for atom in atoms(condition):
            if atom.question is not None and (atom.includes or atom.includes_all):
                named[atom.question] += 1 if atom.includes else len(atom.includes_all or ())
        most = max(most, *named.values(), 1)
    return most


def verify(rules: RuleSet, together: int | None = None) -> Report:
    """Walk every path and collect the shortest counter-example to each property."""
    report = Report()
    worst: dict[str, Violation] = {}

    def found(rule: str, message: str, answers: Answers) -> None:
        known = worst.get(rule)
        if known is None or len(answers) < len(known.answers):
            worst[rule] = Violation(rule, message, answers)

    for walked in walk_all(rules, together=together):
        report.paths += 1
        ids = [q for q, _value in walked.answers]
        report.asked.update(ids)
        for q, value in walked.answers:
            for key in value if isinstance(value, tuple) else (value,):
                report.chosen.add((q, str(key)))
        if len(ids) != len(set(ids)):
            repeated = next(q for q in ids if ids.count(q) > 1)
            message = _("question {id!r} is asked twice").format(id=repeated)
            found("asked_twice", message, walked.answers)
            continue
        if walked.result is None:
            found(
                "no_outcome",
                _("no decision applies: the walk ends without a recommendation"),
                walked.answers,
            )
            continue
        outcome = walked.result.outcome
        report.outcomes[outcome.id] += 1
        for flag in walked.result.flags:
            needed = rules.outcome(flag.outcome)
            if outcome.kind != "referral" or outcome.severity < needed.severity:
                found(
                    f"red_flag:{flag.id}",
                    _(
                        "red flag {flag!r} ({question}) leads to {outcome!r}, "
                        "less severe than {needed!r}"
                    ).format(
                        flag=flag.id, question=flag.question, outcome=outcome.id, needed=needed.id
                    ),
                    walked.answers,
                )
    report.violations = sorted(worst.values(), key=lambda v: (len(v.answers), v.rule))
    return report


# ------------------------------------------- the prover against the oracle


def agree(rules: RuleSet, together: int | None = None) -> proof.Report:
    """The prover and the oracle agree on everything the prover reports (the oracle
    choosing at most `together` items of a list at once: see `oracle.walk_all`)."""
    report = prove(rules)
    oracle = verify(rules, together)
    shortest = {v.rule: len(v.answers) for v in oracle.violations}
    assert {v.rule: len(v.answers) for v in report.violations} == shortest
    assert set(report.never_asked) == {q.id for q in rules.questions} - oracle.asked
    assert set(report.reached) == set(oracle.outcomes)
    assert set(report.never_reached) == {o.id for o in rules.outcomes} - set(oracle.outcomes)
    for violation in report.violations:
        replay(rules, violation)
    return report


def replay(rules: RuleSet, violation: proof.Violation) -> None:
    """The counter-example, read back from its options, shows the violation in the engine."""
    pairs = [option.removeprefix("--answer ") for option in _split(violation.as_options())]
    given = from_items(rules, parse_pairs(pairs))
    # the options say exactly the answers (an empty free text, which changes nothing, is
    # left out of them: `Violation.as_options`)
    assert tuple(given.items()) == tuple((q, v) for q, v in violation.answers if v != "")
    if violation.rule == "no_outcome":
        with pytest.raises(engine.NoOutcome):
            engine.assess(rules, given)
        return
    result = engine.assess(rules, given)
    assert result.ignored == ()  # every answer is one the walk asks for
    flag = violation.rule.removeprefix("red_flag:")
    raised = {f.id: f.outcome for f in result.flags}
    assert flag in raised
    needed = rules.outcome(raised[flag])
    assert result.outcome.kind == "massage" or result.outcome.severity < needed.severity


def _split(options: str) -> list[str]:
    parts = options.split(" --answer ")
    return [parts[0], *(f"--answer {p}" for p in parts[1:])] if options else []

"""The walk through a rule set: given the answers so far, the next question or the result.

Pure functions over a `RuleSet` and a mapping of answers: no prompts, no output.
The interactive walk and `assess` drive these same functions; the prover encodes
them (see `prove.walk`) and replays every counter-example through them, and the
tests check it against every path they walk, so what is proven is what users get.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from triage.errors import AnswerError, ExitStatus, TriageError
from triage.i18n import _
from triage.rulesets.conditions import Scores, evidence, holds, references, score_references
from triage.rulesets.model import (
    AnswerValue,
    Caution,
    Condition,
    MultiChoiceQuestion,
    Outcome,
    QuestionT,
    RuleSet,
    Text,
    TextQuestion,
)
from triage.rulesets.scores import questions_of, totals

Answers = Mapping[str, AnswerValue]


@dataclass(frozen=True)
class Fired:
    """A rule that applied, its reason, and the answers that made it apply."""

    reason: Text
    evidence: tuple[tuple[str, AnswerValue], ...]


@dataclass(frozen=True)
class RaisedFlag:
    """A red flag or emergency sign raised by an answer."""

    id: str  # the choice key, or the yes/no question's id
    question: str
    outcome: str  # the least severe outcome this flag allows


@dataclass(frozen=True)
class Result:
    """Everything the walk concluded, ready to render or to store."""

    outcome: Outcome
    reasons: tuple[Fired, ...]
    cautions: tuple[tuple[Caution, Fired], ...]
    flags: tuple[RaisedFlag, ...]
    answers: tuple[tuple[str, AnswerValue], ...]  # in the order asked
    ignored: tuple[str, ...] = ()  # given answers to questions the walk never reached
    overruled: tuple[str, ...] = field(default=())  # less severe outcomes that also applied
    scores: dict[str, float] = field(default_factory=dict)
    decided_advice: Text | None = None  # a decision's own advice, replacing the outcome's
    in_doubt: bool = False  # every decision that gave the outcome is marked in doubt
    ignored_flags: tuple[RaisedFlag, ...] = ()  # the flags the ignored answers would have raised

    @property
    def advice(self) -> Text:
        """What to do: the deciding rule's own advice when it has one, else the outcome's."""
        return self.decided_advice or self.outcome.advice


class NoOutcome(TriageError):
    """No decision applies to these answers: a rule-set defect the verifier reports.

    Only a rule set used with --allow-unverified can get here, so it exits as one that
    fails verification does.
    """

    status = ExitStatus.UNVERIFIED


@dataclass(frozen=True)
class _Plan:
    """Facts about a rule set the walk needs at every step, computed once."""

    settled_at: tuple[int, ...]  # per decision: the walk position after which it is final
    outcomes: tuple[Outcome, ...]  # per decision: its outcome


_plans: dict[int, tuple[RuleSet, _Plan]] = {}


def _plan(rules: RuleSet) -> _Plan:
    """The plan of a rule set, cached by identity (rule sets are immutable)."""
    hit = _plans.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    outcomes = {o.id: o for o in rules.outcomes}
    plan = _Plan(settled_at(rules), tuple(outcomes[d.outcome] for d in rules.decisions))
    if len(_plans) >= 16:  # a process rarely holds more than a few rule sets: stay small
        _plans.clear()
    _plans[id(rules)] = (rules, plan)
    return plan


def reads(rules: RuleSet, condition: Condition | None) -> list[str]:
    """Every question a condition depends on, through the scores it compares too."""
    found = references(condition)
    for score in score_references(condition):
        found += questions_of(rules, score)
    return list(dict.fromkeys(found))


def settled_at(rules: RuleSet) -> tuple[int, ...]:
    """Per decision: the position of the last question it reads (-1: it reads none);
    once the walk is past it, whether the decision applies can no longer change."""
    position = {q.id: i for i, q in enumerate(rules.questions)}
    return tuple(
        max((position[q] for q in reads(rules, d.when) if q in position), default=-1)
        for d in rules.decisions
    )


def visible(rules: RuleSet, question: QuestionT, answers: Answers) -> bool:
    """Whether a question is shown, given the answers to the questions before it."""
    return holds(question.when, answers, totals(rules, answers) if rules.scores else {})


def offered(rules: RuleSet, question: QuestionT, answers: Answers) -> QuestionT:
    """The question as this person sees it: a list keeps only the items whose `when`
    holds on the answers so far (an item without one is always offered)."""
    if not isinstance(question, MultiChoiceQuestion):
        return question
    if all(c.when is None for c in question.choices):
        return question
    scores = totals(rules, answers) if rules.scores else {}
    kept = [c for c in question.choices if holds(c.when, answers, scores)]
    return question.model_copy(update={"choices": kept})


def not_offered(rules: RuleSet, question: QuestionT, answers: Answers, value: AnswerValue) -> str:
    """The first item of an answer that is not offered to this person ('' when none)."""
    if not isinstance(question, MultiChoiceQuestion) or not isinstance(value, tuple):
        return ""
    hidden = {c.key for c in question.choices} - {
        c.key
        for c in offered(rules, question, answers).choices  # type: ignore[union-attr]
    }
    return next((key for key in value if key in hidden), "")


def _refuse_hidden(
    rules: RuleSet, question: QuestionT, answers: Answers, value: AnswerValue
) -> None:
    """An answer naming an item this person was never offered is refused, naming the
    answers that hide it: never kept (the rules would read what was not asked) nor
    dropped (the person meant something)."""
    key = not_offered(rules, question, answers, value)
    if not key:
        return
    from triage.deciding.answers import as_option

    choice = next(c for c in question.choices if c.key == key)  # type: ignore[union-attr]
    because = ", ".join(
        f"{q}={as_option(answers[q])}" for q in reads(rules, choice.when) if q in answers
    )
    raise AnswerError(
        _(
            "{question}={key} is not offered after {because}: the item does not apply to these "
            "answers; leave it out, or check the answers before it"
        ).format(question=question.id, key=key, because=because or _("the answers given"))
    )


def _frontier(rules: RuleSet, answers: Answers) -> int:
    """Position of the first question still to ask (len(questions) when none is left)."""
    for i, question in enumerate(rules.questions):
        if question.id not in answers and visible(rules, question, answers):
            return i
    return len(rules.questions)


def _ends_early(rules: RuleSet, answers: Answers, frontier: int) -> bool:
    """Whether a walk-ending outcome is already certain, so nothing more is asked.

    A decision is certain once every question it reads lies before the frontier;
    the walk ends if a certain decision with `ends_walk` applies and no decision
    still open could lead to a more severe outcome.
    """
    plan = _plan(rules)
    scores = totals(rules, answers)
    certain = -1
    still_open = -1
    for decision, settled, outcome in zip(
        rules.decisions, plan.settled_at, plan.outcomes, strict=True
    ):
        if settled >= frontier:
            still_open = max(still_open, outcome.severity)
        elif outcome.ends_walk and holds(decision.when, answers, scores):
            certain = max(certain, outcome.severity)
    return certain >= 0 and certain >= still_open


def next_question(rules: RuleSet, answers: Answers) -> QuestionT | None:
    """The next question to ask, or None when the walk has reached its result."""
    frontier = _frontier(rules, answers)
    if frontier == len(rules.questions) or _ends_early(rules, answers, frontier):
        return None
    return rules.questions[frontier]


def remaining(rules: RuleSet, answers: Answers) -> int:
    """Questions that may still be asked after the current one (an upper bound)."""
    frontier = _frontier(rules, answers)
    count = 0
    for question in rules.questions[frontier + 1 :]:
        known = all(q in answers for q in reads(rules, question.when))
        if not known or visible(rules, question, answers):
            count += 1
    return count


def _evidence(
    when: Condition | None, answers: Answers, scores: Scores
) -> tuple[tuple[str, AnswerValue], ...]:
    """The answers (and `score:ID` totals) that made a condition hold."""
    found = evidence(when, answers, scores)
    return tuple(
        (q, answers[q] if q in answers else scores[q.removeprefix("score:")]) for q in found
    )


def flags(rules: RuleSet, answers: Answers) -> tuple[RaisedFlag, ...]:
    """The red flags and emergency signs raised by these answers (see `RedFlag`)."""
    return tuple(
        RaisedFlag(flag.id, flag.question, flag.outcome)
        for question in rules.questions
        for flag in question.raised(answers.get(question.id))
    )


def decide(rules: RuleSet, answers: Answers) -> Result:
    """The result for a finished walk: the most severe applying outcome, with its reasons."""
    scores = totals(rules, answers)
    applying = [d for d in rules.decisions if holds(d.when, answers, scores)]
    if not applying:
        raise NoOutcome(
            _(
                "no decision applies to these answers: the rule set has a dead end "
                "(run 'triage rules verify' on it)"
            )
        )
    winner = max((rules.outcome(d.outcome) for d in applying), key=lambda o: o.severity)
    deciding = [d for d in applying if d.outcome == winner.id]
    reasons = tuple(Fired(d.reason, _evidence(d.when, answers, scores)) for d in deciding)
    advice = next((d.advice for d in deciding if d.advice is not None), None)
    in_doubt = all(d.in_doubt for d in deciding)
    overruled = tuple(dict.fromkeys(d.outcome for d in applying if d.outcome != winner.id))
    cautions = tuple(
        (c, Fired(c.title, _evidence(c.when, answers, scores)))
        for c in rules.cautions
        if holds(c.when, answers, scores)
    )
    order = [q.id for q in rules.questions]
    asked = tuple((q, answers[q]) for q in order if q in answers)
    exact = {k: float(v) for k, v in scores.items()}
    return Result(
        winner,
        reasons,
        cautions,
        flags(rules, answers),
        asked,
        (),
        overruled,
        exact,
        advice,
        in_doubt,
    )


def assess(rules: RuleSet, given: Answers, lang: str = "en") -> Result:
    """Walk the rules with answers given up front; a reached but unanswered question is an error,
    except a free-text one, which is never required (it is recorded as empty)."""
    from triage.deciding.answers import accepted

    answers: dict[str, AnswerValue] = {}
    while (question := next_question(rules, answers)) is not None:
        if question.id not in given and isinstance(question, TextQuestion):
            answers[question.id] = ""
            continue
        if question.id not in given:
            raise AnswerError(
                _("no answer for {id!r} ({text}); accepted: {accepted}").format(
                    id=question.id, text=question.text.get(lang), accepted=accepted(question)
                )
            )
        _refuse_hidden(rules, question, answers, given[question.id])
        answers[question.id] = given[question.id]
    result = decide(rules, answers)
    ignored = tuple(q for q in given if q not in answers)
    # What the rule set says those answers raise, had they been asked: never used, but
    # a person must see them (a warning sign answered where the walk did not go).
    unused = tuple(
        RaisedFlag(flag.id, flag.question, flag.outcome)
        for q in ignored
        for flag in rules.question(q).raised(given[q])
    )
    return replace(result, ignored=ignored, ignored_flags=unused)

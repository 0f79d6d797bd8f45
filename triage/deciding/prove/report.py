"""`prove`: the properties of a rule set, decided by a solver, with counter-examples.

Each property's violation is one satisfiability question over every combination of
answers at once; a violation comes back as the answers of its shortest walk, which
are replayed through the engine before they are reported, so what is printed is
what `triage assess` does with them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import z3

from triage.deciding import engine
from triage.deciding.prove.minimal import Budget, possible, witness
from triage.deciding.prove.properties import PROPERTIES, flag_violations
from triage.deciding.prove.space import Space, holds_in
from triage.deciding.prove.walk import Paths, encode
from triage.errors import AnswerError
from triage.i18n import _
from triage.rulesets.model import AnswerValue, Outcome, RuleSet
from triage.rulesets.numbers import positional

Answers = tuple[tuple[str, AnswerValue], ...]


class ProverBug(Exception):
    """A counter-example the engine does not reproduce: the prover is wrong, not the rules."""


def option_value(value: AnswerValue) -> str:
    """An answer as `--answer` takes it (numbers in full, so they read back the same)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ",".join(value) if value else "none"
    if isinstance(value, Fraction):
        return positional(value)
    return str(value)


@dataclass(frozen=True)
class Violation:
    rule: str  # "no_outcome" or "red_flag:KEY"
    message: str
    answers: Answers  # the shortest counter-example: the answers of its walk, in order

    def as_options(self) -> str:
        """The counter-example as `triage assess` options, ready to paste."""
        # A free text (the empty answer "") changes nothing and may be left out.
        return " ".join(f"--answer {q}={option_value(v)}" for q, v in self.answers if v != "")


@dataclass
class Report:
    questions: int = 0
    flags: int = 0
    violations: list[Violation] = field(default_factory=list)
    reached: list[str] = field(default_factory=list)  # outcomes some walk ends in
    never_asked: list[str] = field(default_factory=list)
    never_reached: list[str] = field(default_factory=list)
    properties: tuple[str, ...] = PROPERTIES

    @property
    def ok(self) -> bool:
        return not self.violations


def run_proof(rules: RuleSet, reachability: bool, units: int) -> Report:
    """Prove the properties; with `reachability`, also find what no walk ever reaches;
    spending at most `units` of the solver's work in all (see `minimal.Budget`)."""
    ctx = z3.Context()  # this proof's own: see `Space`
    space = Space(rules, ctx=ctx)
    walk = encode(rules, space)
    solver = z3.Solver(ctx=ctx)
    # With z3's own handler, Ctrl-C during a solve would only cancel that one check (the
    # proof would go on, or fail as undecided); Python's stops the proof, as Ctrl-C.
    solver.set("ctrl_c", False)
    solver.add(*walk.constraints)
    budget = Budget(solver, units)
    asked = [space.asked[q.id] for q in rules.questions]
    decimals = [space.value[q] for q, step in space.steps.items() if step != 1]
    report = Report(len(rules.questions), len(rules.red_flags()))
    model = witness(solver, walk.dead_end, asked, decimals, budget)
    if model is not None:
        answers = _answers(space, model)
        _replay_dead_end(rules, answers)
        message = _("no decision applies: the walk ends without a recommendation")
        report.violations.append(Violation("no_outcome", message, answers))
    for flag, violated in flag_violations(rules, walk):
        model = witness(solver, violated, asked, decimals, budget)
        if model is None:
            continue
        answers = _answers(space, model)
        outcome = _replay_flag(rules, answers, flag.id)
        if outcome.kind != "referral":
            message = _(
                "red flag {flag!r} ({question}) leads to {outcome!r}, which recommends a massage"
            )
        else:
            message = _(
                "red flag {flag!r} ({question}) leads to {outcome!r}, less severe than {needed!r}"
            )
        text = message.format(
            flag=flag.id, question=flag.question, outcome=outcome.id, needed=flag.outcome
        )
        report.violations.append(Violation(f"red_flag:{flag.id}", text, answers))
    report.violations.sort(key=lambda v: (len(v.answers), v.rule))
    if reachability:
        _reach(rules, solver, walk, report, budget)
    return report


def _answers(space: Space, model: object) -> Answers:
    return tuple(
        (q.id, space.decode(model, q))
        for q in space.rules.questions
        if holds_in(model, space.asked[q.id])
    )


def _replay_dead_end(rules: RuleSet, answers: Answers) -> None:
    """A dead end's counter-example must leave the engine without an outcome."""
    try:
        result = engine.assess(rules, dict(answers))
    except engine.NoOutcome:
        return
    except AnswerError as error:
        raise ProverBug(f"{error} for {answers}") from None
    raise ProverBug(f"{answers} ends in {result.outcome.id!r}, not in a dead end")


def _replay_flag(rules: RuleSet, answers: Answers, flag: str) -> Outcome:
    """The engine's outcome for a red flag's counter-example, which must raise the flag."""
    try:
        result = engine.assess(rules, dict(answers))
    except engine.NoOutcome:
        raise ProverBug(f"no outcome for {answers}") from None
    except AnswerError as error:
        raise ProverBug(f"{error} for {answers}") from None
    if result.ignored or flag not in {f.id for f in result.flags}:
        raise ProverBug(f"{answers} does not reproduce the violation")
    return result.outcome


def _reach(rules: RuleSet, solver: object, walk: Paths, report: Report, budget: Budget) -> None:
    """Questions and outcomes no walk reaches.

    Questions: ask for a walk asking any uncovered one until none is left (one walk
    usually asks many). Outcomes: a walk ends in one outcome at most, so each one left
    is asked about on its own, a small check with no model to read.
    """
    open_questions = {q.id: walk.space.asked[q.id] for q in rules.questions}
    open_outcomes = dict(walk.wins)
    while open_questions:
        model = witness(solver, z3.Or(*open_questions.values(), walk.space.ctx), budget=budget)
        if model is None:
            break
        for name, formula in list(open_questions.items()):
            if holds_in(model, formula):
                del open_questions[name]
        for name, formula in list(open_outcomes.items()):
            if holds_in(model, formula):
                del open_outcomes[name]
                break  # the only one: one outcome wins a walk
    for name, formula in list(open_outcomes.items()):
        if possible(solver, formula, budget, name):
            del open_outcomes[name]
    report.never_asked = [q.id for q in rules.questions if q.id in open_questions]
    report.never_reached = [o.id for o in rules.outcomes if o.id in open_outcomes]
    report.reached = [o.id for o in rules.outcomes if o.id not in open_outcomes]

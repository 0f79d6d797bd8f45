"""The prover's edges: every check spends from one budget, and what it reports is exact.

A proof's budget bounds the whole proof: each kind of check (a red flag, the search
for the shortest walk, rounding its numbers, the questions never asked, the outcomes
never reached) is made the one hard part of a rule set in turn, by hiding the
pigeonhole principle in it (see `pigeonhole.py`), and must run out of a budget the
rest of the proof fits in. The shortest counter-example is the
shortest even when the solver's first model is not, its numbers are as round as the
violation allows, and the walk ends where the engine ends it.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
import z3
from hypothesis import example, given, settings
from hypothesis import strategies as st

from triage.deciding import engine
from triage.deciding.prove import BUDGET, OutOfBudget, prove
from triage.deciding.prove import report as proving
from triage.deciding.prove.minimal import Budget, Undecided, _check, possible, witness
from triage.deciding.prove.space import holds_in
from triage.rulesets.files import Source
from triage.rulesets.load import load_rules
from triage.rulesets.model import RuleSet

OUTCOMES = [
    "{id: doctor, kind: referral, severity: 30, title: D, advice: D., if_worse: W.}",
    "{id: other, kind: massage, severity: 20, title: O, advice: O., if_worse: W.}",
    "{id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: W.}",
]


def rules_of(questions: list[str], decisions: list[str], outcomes: list[str] = OUTCOMES) -> RuleSet:
    lines = ["id: edges", 'version: "1"', "title: Edges", "questions:"]
    lines += [f"  - {q}" for q in questions] + ["outcomes:"] + [f"  - {o}" for o in outcomes]
    lines += ["decisions:"] + [f"  - {d}" for d in decisions]
    return load_rules([Source("edges.yaml", "\n".join(lines) + "\n")])


HOLES = 6  # seven pigeons: refuting every placement takes about 90,000 units
SMALL = 30_000  # the rest of each rule set below needs 3,000 to 5,000: ample, and a third of that


def pigeons(holes: int = HOLES, flag: bool = False) -> list[str]:
    """A pigeon per question, each in one of `holes` holes; with `flag`, the first
    pigeon's last hole is a red flag."""
    questions = []
    for pigeon in range(holes + 1):
        choices = ", ".join(
            f"{{key: h{h}, label: H{h}"
            + (", red_flag: doctor}" if flag and pigeon == 0 and h == holes - 1 else "}")
            for h in range(holes)
        )
        questions.append(
            f"{{id: p{pigeon}, type: choice, text: 'P{pigeon}?', choices: [{choices}]}}"
        )
    return questions


def share(holes: int = HOLES) -> str:
    """Two pigeons share a hole: always true, but hard for the solver to prove so."""
    pairs = [
        f"{{all: [{{question: p{a}, is: h{h}}}, {{question: p{b}, is: h{h}}}]}}"
        for a, b in itertools.combinations(range(holes + 1), 2)
        for h in range(holes)
    ]
    return "{any: [" + ", ".join(pairs) + "]}"


def runs_out(rules: RuleSet, budget: int, reachability: bool = False) -> bool:
    try:
        prove(rules, reachability=reachability, budget=budget)
    except OutOfBudget as out:
        assert out.budget == budget
        return True
    return False


# ------------------------------------------------------------ what is spent


def test_what_a_check_spends_is_deducted_from_the_budget() -> None:
    """The budget counts z3's steps since it was made: none before, every one after."""
    other = z3.Solver()
    other.add(z3.Int("y") * 3 == 9)
    other.check()  # work of another proof in the same process: not this budget's
    solver = z3.Solver()
    budget = Budget(solver, 1_000_000)
    assert budget.left(solver) == 1_000_000
    x = z3.Int("x")
    solver.add(x > 1, x < 10, x * 3 == 9)
    assert _check(solver, budget)
    left = budget.left(solver)
    assert 0 < left < 1_000_000
    solver.add(x != 3)
    assert not _check(solver, budget)
    assert budget.left(solver) < left


def signs(count: int) -> RuleSet:
    """`count` red flags, each sent to the doctor: every check is small."""
    questions = [
        f"{{id: s{i}, type: yes_no, text: 'S{i}?', red_flag: doctor}}" for i in range(count)
    ]
    decisions = [
        f"{{outcome: doctor, when: {{question: s{i}, is: yes}}, reason: S{i}.}}"
        for i in range(count)
    ]
    return rules_of(questions, [*decisions, "{outcome: relax, reason: Always.}"])


def test_the_budget_bounds_the_whole_proof_not_each_check() -> None:
    """One flag is proven in well under 1,000 units; forty, each as small to check, need
    about three times that in all, and run out of 1,000."""
    assert prove(signs(1), budget=1_000).ok
    assert runs_out(signs(40), 1_000, reachability=True)
    assert prove(signs(40), budget=BUDGET).ok


def test_an_empty_budget_decides_nothing() -> None:
    """z3 reads an `rlimit` of 0 as no limit at all: a budget spent to its last unit
    must stop the proof before the solver is asked anything."""
    solver = z3.Solver()
    solver.add(z3.Int("x") > 1)
    with pytest.raises(OutOfBudget) as out:
        _check(solver, Budget(solver, 0))
    assert out.value.budget == 0
    assert str(out.value) == "the proof ran out of its budget of 0 units"


def test_the_last_unit_of_a_budget_is_spent_too() -> None:
    """A check that costs nothing (no constraint at all) runs on a budget of one unit."""
    solver = z3.Solver()
    assert _check(solver, Budget(solver, 1))


def test_a_proof_that_runs_out_says_of_which_budget() -> None:
    """A budget far too small for the proof: the error names it, as `--budget` took it."""
    rules = signs(3)
    with pytest.raises(OutOfBudget) as out:
        prove(rules, budget=100)
    assert out.value.budget == 100
    assert str(out.value) == "the proof ran out of its budget of 100 units"


def test_running_out_in_the_solver_s_own_preprocessing_is_running_out_too() -> None:
    """A first check stopped before the search (z3: "max. resource limit exceeded", not
    "canceled") is the budget's end, not a solver failure."""
    solver = z3.Solver()
    x = z3.Int("x")
    solver.add(x > 1, x < 10, x * 3 == 9)
    with pytest.raises(OutOfBudget) as out:
        _check(solver, Budget(solver, 5))
    assert out.value.budget == 5


def test_a_solver_giving_up_for_another_reason_is_undecided_not_out_of_budget() -> None:
    """z3 may answer "unknown" for reasons no budget would change (here, a power with a
    real exponent, beyond its arithmetic): that is a bug to report, with z3's reason,
    not a budget to raise."""
    exponent = z3.Real("e")
    for budget in (Budget, None):
        solver = z3.Solver()
        solver.add(2**exponent == 3)
        with pytest.raises(Undecided, match=r"^unknown$"):
            _check(solver, budget(solver, BUDGET) if budget else None)


# ------------------------------------------------------------ every check spends


def test_a_red_flag_s_proof_spends_from_the_budget() -> None:
    """The flag sends to the doctor only when two pigeons share a hole (always): proving
    it is the hard part (eight pigeons: one is in the flag's hole, seven share the rest);
    without the flag, the same rules fit in the small budget."""
    decisions = [
        f"{{outcome: doctor, when: {share(HOLES + 1)}, reason: Shared.}}",
        "{outcome: relax, reason: Always.}",
    ]
    assert not runs_out(rules_of(pigeons(HOLES + 1), decisions), SMALL)
    flagged = rules_of(pigeons(HOLES + 1, flag=True), decisions)
    assert runs_out(flagged, SMALL)
    assert prove(flagged, reachability=False, budget=BUDGET).ok


def test_the_shortest_walk_s_search_spends_from_the_budget() -> None:
    """A dead end after the question shown when two pigeons share a hole is easy to find;
    a shorter one would skip it, and refuting that is the hard part."""
    questions = [
        *pigeons(),
        f"{{id: extra, type: yes_no, text: 'Extra?', when: {share()}}}",
    ]
    rules = rules_of(questions, ["{outcome: relax, when: {question: extra, is: yes}, reason: Y.}"])
    assert runs_out(rules, SMALL)
    (dead_end,) = prove(rules, reachability=False, budget=BUDGET).violations
    assert dead_end.answers[-1] == ("extra", False)


def test_rounding_a_counter_example_spends_from_the_budget() -> None:
    """The dead end holds for any level strictly between 0 and 1 (easy), or at 0 or 1 if
    no two pigeons share a hole: trying a whole number first is the hard part."""
    level = "{id: level, type: number, min: 0, max: 1, integer: false, text: 'Level?'}"
    ends = '{any: [{question: level, "<=": 0}, {question: level, ">=": 1}]}'
    rules = rules_of(
        [*pigeons(), level],
        [f"{{outcome: relax, when: {{all: [{ends}, {share()}]}}, reason: Ends.}}"],
    )
    assert runs_out(rules, SMALL)
    (dead_end,) = prove(rules, reachability=False, budget=BUDGET).violations
    given = dict(dead_end.answers)["level"]
    assert isinstance(given, Fraction) and 0 < given < 1
    assert (given * 10).denominator == 1  # one decimal, not 0.000000000000001


def test_finding_the_questions_never_asked_spends_from_the_budget() -> None:
    """The last question is shown only when no two pigeons share a hole: safety is easy,
    showing that it is never asked is the hard part."""
    questions = [*pigeons(), f"{{id: last, type: yes_no, text: 'Last?', when: {{not: {share()}}}}}"]
    rules = rules_of(questions, ["{outcome: relax, reason: Always.}"])
    assert not runs_out(rules, SMALL)
    assert runs_out(rules, SMALL, reachability=True)
    assert prove(rules, budget=BUDGET).never_asked == ["last"]


def test_finding_the_outcomes_never_reached_spends_from_the_budget() -> None:
    """`other` applies only when no two pigeons share a hole: showing it is never the
    outcome is the hard part."""
    decisions = [
        "{outcome: relax, reason: Always.}",
        f"{{outcome: other, when: {{not: {share()}}}, reason: Apart.}}",
    ]
    rules = rules_of(pigeons(), decisions)
    assert not runs_out(rules, SMALL)
    assert runs_out(rules, SMALL, reachability=True)
    report = prove(rules, budget=BUDGET)
    assert report.never_reached == ["doctor", "other"] and report.never_asked == []


def test_asking_whether_a_goal_is_possible_spends_from_the_budget() -> None:
    solver = z3.Solver()
    x = z3.Int("x")
    solver.add(x > 1)
    with pytest.raises(OutOfBudget):
        possible(solver, x < 10, Budget(solver, 1), "small")
    assert possible(solver, x < 10, Budget(solver, BUDGET), "small")


# ------------------------------------------------------------ the shortest witness


Clause = list[tuple[int, bool]]  # (variable, the value that satisfies it), one of them


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 4), st.booleans()), min_size=1, max_size=3),
        min_size=1,
        max_size=5,
    )
)
@example([[(0, True), (3, True)]])  # z3's first model of a or d sets a: d alone asks none
def test_the_witness_asks_as_few_as_any_model_does(clauses: list[Clause]) -> None:
    """Against every assignment of five variables: the witness of a goal has as few of
    the first three (the questions asked) true as the goal allows, none if none will do."""
    names = z3.Bools("a b c d e")
    goal = z3.And(*(z3.Or(*(names[i] == value for i, value in c)) for c in clauses))
    asked = names[:3]
    fewest = min(
        (
            sum(values[:3])
            for values in itertools.product([False, True], repeat=5)
            if all(any(values[i] == value for i, value in c) for c in clauses)
        ),
        default=None,
    )
    model = witness(z3.Solver(), goal, list(asked))
    if fewest is None:
        assert model is None
    else:
        assert holds_in(model, goal)
        assert sum(holds_in(model, a) for a in asked) == fewest


# ------------------------------------------------------------ round numbers


def gaps(*bands: tuple[str, str]) -> RuleSet:
    """One number per band, each with a gap between its two decisions: the dead end has
    every number in its gap."""
    questions, decisions = [], []
    for i, (low, high) in enumerate(bands):
        questions.append(
            f"{{id: n{i}, type: number, min: 0, max: 10, integer: false, text: 'N{i}?'}}"
        )
        decisions.append(f'{{outcome: relax, when: {{question: n{i}, "<=": {low}}}, reason: L.}}')
        decisions.append(f'{{outcome: other, when: {{question: n{i}, ">=": {high}}}, reason: H.}}')
    return rules_of(questions, decisions)


def test_every_number_of_a_counter_example_is_as_round_as_it_can_be() -> None:
    """Two numbers, each anywhere strictly between 2 and 3: both come with one decimal,
    the second rounded without losing the first."""
    (dead_end,) = prove(gaps(("2", "3"), ("2", "3"))).violations
    assert dead_end.rule == "no_outcome"
    for _id, value in dead_end.answers:
        assert isinstance(value, Fraction) and 2 < value < 3 and (value * 10).denominator == 1
    replayed = dict(dead_end.answers)
    with pytest.raises(engine.NoOutcome):
        engine.assess(gaps(("2", "3"), ("2", "3")), replayed)


def test_a_number_needing_fourteen_decimals_gets_no_more() -> None:
    """The gap holds 2.99999999999999 and, around it, only numbers with 15 decimals."""
    (dead_end,) = prove(gaps(("2.999999999999985", "2.999999999999995"))).violations
    assert dead_end.answers == (("n0", Fraction("2.99999999999999")),)


# ------------------------------------------------------------ where the walk ends


def test_a_settled_end_waits_for_a_more_severe_decision_read_two_questions_later() -> None:
    """a=yes settles `doctor` (ending the walk) at the first question, but `urgent`, more
    severe, reads the third: the walk goes on to it, and the second question, shown
    after a=yes, is asked, in the engine and in the proof."""
    outcomes = [
        "{id: urgent, kind: referral, severity: 40, title: U, advice: U., if_worse: W.}",
        "{id: doctor, kind: referral, severity: 30, title: D, advice: D., if_worse: W.,"
        " ends_walk: true}",
        "{id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: W.}",
    ]
    questions = [f"{{id: q{i}, type: yes_no, text: 'Q{i}?'}}" for i in range(6)]
    questions[1] = "{id: q1, type: yes_no, text: 'Q1?', when: {question: q0, is: yes}}"
    decisions = [
        "{outcome: doctor, when: {question: q0, is: yes}, reason: A.}",
        "{outcome: urgent, when: {question: q2, is: yes}, reason: C.}",
        "{outcome: relax, reason: Always.}",
    ]
    rules = rules_of(questions, decisions, outcomes)
    walked = engine.assess(rules, {f"q{i}": True for i in range(6)})
    assert [q for q, _ in walked.answers] == ["q0", "q1", "q2"]
    report = prove(rules)
    assert report.ok and report.never_asked == [] and report.never_reached == []


# ------------------------------------------------------------ the replay guard


def test_a_dead_end_the_engine_refuses_is_a_prover_bug_naming_the_answers() -> None:
    """A counter-example missing an answer the walk needs is the prover's error: it
    says what the engine refused, and for which answers."""
    questions = ["{id: flags, type: multi_choice, text: 'Any?', choices: [{key: fever, label: F}]}"]
    decisions = ["{outcome: relax, when: {question: flags, includes: fever}, reason: F.}"]
    rules = rules_of(questions, decisions)
    with pytest.raises(proving.ProverBug, match=r"^no answer for 'flags' .* for \(\)$"):
        proving._replay_dead_end(rules, ())
    proving._replay_dead_end(rules, (("flags", ()),))  # a real dead end


# ------------------------------------------------------------ flags in the proof


def test_a_flag_whose_outcomes_are_all_referrals_has_nothing_to_break() -> None:
    """Every outcome sends elsewhere, none less severe than the flag's: no walk can
    break the flag (an empty choice of wrong outcomes is false, in the proof's own
    context), and the proof says so."""
    outcomes = [
        "{id: emergency, kind: referral, severity: 40, title: E, advice: E., if_worse: W.}",
        "{id: doctor, kind: referral, severity: 30, title: D, advice: D., if_worse: W.}",
    ]
    rules = rules_of(
        ["{id: sign, type: yes_no, text: 'A sign?', red_flag: doctor}"],
        [
            "{outcome: emergency, when: {question: sign, is: yes}, reason: S.}",
            "{outcome: doctor, reason: Else.}",
        ],
        outcomes,
    )
    report = prove(rules)
    assert report.ok and report.reached == ["emergency", "doctor"]


def test_a_flag_item_of_a_question_never_asked_is_not_raised() -> None:
    """Without pain, "Where?" is not asked: its red-flag item is no answer, even though
    the solver's variable for it may hold any item then."""
    questions = [
        "{id: pain, type: yes_no, text: 'Pain?'}",
        "{id: where, type: choice, text: 'Where?', when: {question: pain, is: yes},"
        " choices: [{key: back, label: Back}, {key: chest, label: Chest, red_flag: doctor}]}",
    ]
    decisions = [
        "{outcome: doctor, when: {question: where, is: chest}, reason: C.}",
        "{outcome: relax, reason: Else.}",
    ]
    report = prove(rules_of(questions, decisions))
    assert report.ok and report.reached == ["doctor", "relax"]

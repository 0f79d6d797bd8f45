"""Every proof has a budget, counted in the solver's steps (z3's rlimit), not in seconds.

A rule set whose proof needs more (the pigeonhole principle, `pigeonhole.py`) is
refused by every command that would use it, as one that fails verification is, with
one line saying how to prove it with a larger budget; `rules verify --budget N` does,
and the proof cache keeps its success.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import triage
from paths import ROOT
from pigeonhole import pigeonhole

from triage.deciding.loaded import load
from triage.deciding.prove import BUDGET, OutOfBudget, prove
from triage.errors import Unverified
from triage.rulesets.files import Source
from triage.rulesets.load import load_rules
from triage.rulesets.model import RuleSet

PIGEONS_11 = [f"p{i}=h0" for i in range(12)]  # twelve pigeons in hole 0: two share it


def answers(pairs: list[str]) -> list[str]:
    return [arg for pair in pairs for arg in ("-a", pair)]


@pytest.mark.parametrize("flagged", [False, True])
def test_a_proof_stops_at_its_budget_and_passes_with_a_larger_one(flagged: bool) -> None:
    rules = load_rules([Source("p.yaml", pigeonhole(6, flagged))])
    with pytest.raises(OutOfBudget) as out:
        prove(rules, budget=10_000)
    assert out.value.budget == 10_000
    assert prove(rules, budget=BUDGET).ok  # six holes: well within the default budget


def test_what_a_proof_spends_does_not_depend_on_the_run() -> None:
    """The same rule set passes or runs out at the same budget, run after run."""
    rules = load_rules([Source("p.yaml", pigeonhole(5))])
    verdicts = set()
    for _ in range(3):
        try:
            verdicts.add(prove(rules, reachability=False, budget=8_000).ok)
        except OutOfBudget:
            verdicts.add(None)
    assert len(verdicts) == 1


NUMBERS = """\
id: numbers
version: "1"
title: Numbers
questions:
  - {id: level, type: number, min: 0, max: 10, integer: false, text: "Level?"}
  - {id: sign, type: yes_no, text: "A sign?", red_flag: doctor}
outcomes:
  - {id: doctor, kind: referral, severity: 30, title: D, advice: D., if_worse: D.}
  - {id: thera, kind: massage, severity: 20, title: T, advice: T., if_worse: T.}
  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
decisions:
  - {outcome: doctor, when: {question: sign, is: yes}, reason: S.}
  - {outcome: relax, when: {question: level, "<=": 2}, reason: Low.}
  - {outcome: thera, when: {question: level, ">=": 3}, reason: High.}
"""


def passes(rules: RuleSet, budget: int) -> bool:
    try:
        prove(rules, budget=budget)
    except OutOfBudget:
        return False
    return True


def test_what_a_proof_spends_does_not_depend_on_the_proofs_before_it() -> None:
    """A proof has the solver to itself: it passes from one budget up and runs out
    below it, whatever the same process proved before (this rule set at other
    budgets, or another one). (With one z3 context shared by every proof, a rule set
    near its budget passed or ran out by what came before it.)"""
    rules = load_rules([Source("numbers.yaml", NUMBERS)])
    verdicts = [passes(rules, budget) for budget in range(0, 2_001, 3)]
    least = verdicts.index(True) * 3
    assert verdicts == [budget >= least for budget in range(0, 2_001, 3)], least
    assert prove(load_rules([Source("p.yaml", pigeonhole(4))]), budget=BUDGET).ok
    assert (passes(rules, least - 3), passes(rules, least)) == (False, True)


def test_the_shipped_rule_sets_are_proven_well_within_the_budget() -> None:
    root = ROOT / "rules"
    for path in [root / "default.yaml", *sorted((root / "examples").glob("*[!s].yaml"))]:
        assert prove(load(path, verify=False).rules, budget=BUDGET // 10).ok, path


def test_loading_a_rule_set_whose_proof_runs_out_refuses_it(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(pigeonhole(11))
    with pytest.raises(Unverified, match=r"--budget 30000000 "):
        load(path)
    loaded = load(path, allow_unverified=True)
    assert loaded.violations == ("it was not proven: the proof ran out of its budget",)


def test_every_command_refuses_it_until_verify_proves_it_with_a_larger_budget(
    tmp_path: Path,
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(pigeonhole(11))
    cache = {"TRIAGE_CACHE": str(tmp_path / "cache")}
    refused = triage(
        "assess",
        "--rules",
        str(path),
        *answers(PIGEONS_11),
        environ=cache,
        expect=5,
    )
    assert refused.code == 5 and refused.out == ""
    (line,) = refused.err.splitlines()
    assert f"run 'triage rules verify --budget 30000000 {path}'" in line
    assert "--allow-unverified" in line
    walk = triage(
        "--rules",
        str(path),
        input="1\n" * 12,
        environ=cache,
        expect=5,
    )
    assert walk.code == 5 and "--budget 30000000" in walk.err

    allowed = triage(
        "assess", "--rules", str(path), *answers(PIGEONS_11), "--allow-unverified", environ=cache
    )
    assert allowed.code == 0
    assert "it was not proven: the proof ran out of its budget" in allowed.out

    short = triage(
        "rules",
        "verify",
        "--budget",
        "1000",
        str(path),
        environ=cache,
        expect=5,
    )
    assert short.code == 5 and "ok:" not in short.out
    (line,) = short.err.splitlines()
    assert "could not finish" in line and f"triage rules verify --budget 10000 {path}" in line

    proven = triage("rules", "verify", "--budget", "30000000", str(path), environ=cache)
    assert proven.code == 0 and "ok:" in proven.out
    used = triage("assess", "--rules", str(path), *answers(PIGEONS_11), environ=cache)
    assert used.code == 0, used.err  # the cache kept the proof: no proof, no refusal


@pytest.mark.parametrize("budget", ["0", "-1", "x", "1e6"])
def test_a_budget_is_a_positive_whole_number(budget: str) -> None:
    ran = triage("rules", "verify", "--budget", budget, expect=2)
    assert ran.code == 2 and "--budget" in ran.err

"""Hypothesis strategies: small random rule sets, and mutants of the shipped ones.

The rule sets are valid by construction (every `when` reads earlier questions only,
every compared value exists), small enough for the path-walking oracle, and use
every feature the prover encodes: yes/no, choice, multi-choice and number questions
(whole or not), question- and choice-level red flags, `when` on a question and on an
item of a list, scores with weights,
`all`/`any`/`not`, and outcomes that end the walk.
"""

from __future__ import annotations

import copy
import os
from fractions import Fraction
from typing import Any

import yaml
from hypothesis import strategies as st

from triage.errors import RulesError
from triage.rulesets.files import Source
from triage.rulesets.load import load_rules
from triage.rulesets.model import RuleSet

# How many random rule sets and mutants each run draws; a mutation run lowers it.
EXAMPLES = int(os.environ.get("TRIAGE_PROPERTY_EXAMPLES", "200"))

Data = dict[str, Any]

OUTCOMES = [
    ("urgent", "referral", 40),
    ("doctor", "referral", 30),
    ("thera", "massage", 20),
    ("relax", "massage", 10),
]
REFERRALS = ["urgent", "doctor"]
THRESHOLDS = [0, 0.25, 0.5, 1, 1.5, 2, 2.5, 3]
WEIGHTS = [-1, 0.5, 1, 2]
# Numbers at the edges (as the text a rule set writes, read exactly): the ends of the
# float range, subnormals, integers near 2**63, the most a person can type, 0.1-style
# decimals and the steps between two typed answers. `rule_sets(EDGES)` draws ranges and
# thresholds from them.
EDGES = [
    "-1.7976931348623157e308", "-1.0e308", "-9223372036854775809", "-1000000000000000",
    "-999999999999999.999999999999999", "-2.5", "-0.1", "-4.9406564584124654e-324", "0",
    "1e-400", "2.2250738585072014e-308", "0.000000000000001", "0.0000000000000015", "0.1",
    "0.3", "0.30000000000000004", "1", "2.5", "999999999999999", "999999999999999.5",
    "1000000000000000", "9007199254740993", "9223372036854775807", "9223372036854775808",
    "1.0e308", "1.7976931348623157e308",
]  # fmt: skip


def load(data: Data) -> RuleSet | None:
    """The rule set of this data, or None when the checks refuse it."""
    try:
        return load_rules([Source("generated.yaml", yaml.safe_dump(data, sort_keys=False))])
    except RulesError:
        return None


@st.composite
def atom(
    draw: st.DrawFn, questions: list[Data], scores: list[Data], edges: list[str] | None = None
) -> Data:
    """One comparison of an earlier question or a score (a number's threshold from `edges`)."""
    subjects: list[Data] = questions + [{"type": "score", **s} for s in scores]
    subject = draw(st.sampled_from(subjects))
    kind = subject["type"]
    if kind == "score":
        op = draw(st.sampled_from([">=", "<=", ">", "<", "is"]))
        return {"score": subject["id"], op: draw(st.sampled_from([*THRESHOLDS, -1]))}
    base = {"question": subject["id"]}
    if draw(st.integers(0, 7)) == 0:
        return {**base, "answered": draw(st.booleans())}
    if kind == "yes_no":
        return {**base, "is": draw(st.booleans())}
    if kind == "number":
        op = draw(st.sampled_from([">=", "<=", ">", "<", "is"]))
        return {**base, op: draw(st.sampled_from(edges or THRESHOLDS))}
    keys = [c["key"] for c in subject["choices"]]
    some = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=len(keys), unique=True))
    if kind == "choice":
        return {**base, "is": some[0]} if len(some) == 1 else {**base, "in": some}
    op = draw(st.sampled_from(["includes", "includes_any", "includes_all"]))
    return {**base, op: some[0] if op == "includes" else some}


@st.composite
def condition(
    draw: st.DrawFn,
    questions: list[Data],
    scores: list[Data],
    depth: int = 2,
    edges: list[str] | None = None,
) -> Data:
    if depth == 0 or draw(st.integers(0, 2)) > 0:
        return draw(atom(questions, scores, edges))
    op = draw(st.sampled_from(["all", "any", "not"]))
    inner = condition(questions, scores, depth - 1, edges)
    if op == "not":
        return {"not": draw(inner)}
    return {op: draw(st.lists(inner, min_size=1, max_size=2))}


@st.composite
def question(draw: st.DrawFn, i: int, earlier: list[Data], edges: list[str] | None = None) -> Data:
    kind = draw(st.sampled_from(["yes_no", "choice", "multi_choice", "number"]))
    q: Data = {"id": f"q{i}", "type": kind, "text": f"Question {i}?"}
    if kind in ("choice", "multi_choice"):
        size = draw(st.integers(2 if kind == "choice" else 1, 3))
        q["choices"] = [{"key": f"q{i}_{j}", "label": f"C{j}"} for j in range(size)]
        for choice in q["choices"]:
            if draw(st.integers(0, 5)) == 0:
                choice["red_flag"] = draw(st.sampled_from(REFERRALS))
            # An item offered only after some answers (never one raising the top outcome).
            hidable = choice.get("red_flag", q.get("red_flag")) != REFERRALS[0]
            if kind == "multi_choice" and earlier and hidable and draw(st.integers(0, 3)) == 0:
                choice["when"] = draw(condition(earlier, []))
    if kind in ("yes_no", "multi_choice") and draw(st.integers(0, 3)) == 0:
        q["red_flag"] = draw(st.sampled_from(REFERRALS))
        if q["red_flag"] == REFERRALS[0]:  # every item now raises the top outcome
            for choice in q.get("choices", []):
                choice.pop("when", None)
    if kind == "number" and edges:
        low, high = sorted(
            draw(st.lists(st.sampled_from(edges), min_size=2, max_size=2)), key=Fraction
        )
        q.update(min=low, max=high, integer=draw(st.booleans()))
    elif kind == "number":
        q.update(min=0, max=draw(st.sampled_from([0, 1, 2.5, 3])), integer=draw(st.booleans()))
    if earlier and draw(st.integers(0, 2)) == 0:
        q["when"] = draw(condition(earlier, [], edges=edges))
    return q


@st.composite
def rule_sets(draw: st.DrawFn, edges: list[str] | None = None) -> Data:
    """The data of a small valid rule set (load it with `load`); with `edges`, its number
    questions' ranges and thresholds are drawn from them."""
    questions: list[Data] = []
    for i in range(draw(st.integers(1, 4))):
        questions.append(draw(question(i, questions, edges)))
    scored = [q for q in questions if q["type"] != "number"]
    scores = []
    if scored and draw(st.booleans()):
        terms = []
        for q in draw(st.lists(st.sampled_from(scored), min_size=1, unique_by=lambda q: q["id"])):
            term: Data = {"question": q["id"]}
            keys = ["yes", "no"] if q["type"] == "yes_no" else [c["key"] for c in q["choices"]]
            if q["type"] == "choice" or draw(st.booleans()):
                chosen = draw(st.lists(st.sampled_from(keys), min_size=1, unique=True))
                term["weights"] = {k: draw(st.sampled_from(WEIGHTS)) for k in chosen}
            terms.append(term)
        scores.append({"id": "total", "title": "Total", "sum": terms})
    outcomes = []
    for ident, kind, severity in OUTCOMES:
        outcome: Data = {"id": ident, "kind": kind, "severity": severity}
        outcome.update(title=ident, advice="A.", if_worse="W.")
        if draw(st.integers(0, 2 if kind == "referral" else 6)) == 0:
            outcome["ends_walk"] = True
        outcomes.append(outcome)
    decisions = []
    for _ in range(draw(st.integers(1, 5))):
        decision: Data = {"outcome": draw(st.sampled_from([o[0] for o in OUTCOMES]))}
        if draw(st.integers(0, 5)) > 0:
            decision["when"] = draw(condition(questions, scores, edges=edges))
        decision["reason"] = "R."
        decisions.append(decision)
    data: Data = {"id": "generated", "version": "1", "title": "Generated"}
    data.update(questions=questions, outcomes=outcomes, decisions=decisions)
    if scores:
        data["scores"] = scores
    return data


# ------------------------------------------------------------------- mutants


def _atoms(node: Any) -> list[Data]:
    """Every comparison mapping inside a condition, to mutate in place."""
    if not isinstance(node, dict):
        return []
    for key in ("all", "any"):
        if key in node:
            return [a for child in node[key] for a in _atoms(child)]
    if "not" in node:
        return _atoms(node["not"])
    return [node]


@st.composite
def mutants(draw: st.DrawFn, original: Data) -> tuple[str, Data]:
    """One mutation of a rule set, as the issue lists them, and its description."""
    data = copy.deepcopy(original)
    decisions, questions = data["decisions"], data["questions"]
    ops = ["outcome", "negate", "widen", "threshold", "red_flag", "drop"]
    op = draw(st.sampled_from(ops))
    if op == "outcome":
        i = draw(st.integers(0, len(decisions) - 1))
        decisions[i]["outcome"] = draw(st.sampled_from([o["id"] for o in data["outcomes"]]))
        return f"decision {i} leads to {decisions[i]['outcome']}", data
    if op == "negate":
        conditional = [i for i, d in enumerate(decisions) if "when" in d]
        if not conditional:
            return "nothing to negate", data
        i = draw(st.sampled_from(conditional))
        decisions[i]["when"] = {"not": decisions[i]["when"]}
        return f"decision {i} negated", data
    if op == "widen":
        shown = [i for i, q in enumerate(questions) if "when" in q]
        items = [c for q in questions for c in q.get("choices", []) if "when" in c]
        if items and draw(st.booleans()):
            item = draw(st.sampled_from(items))
            del item["when"]
            return f"item {item['key']} always offered", data
        if not shown:
            return "nothing to widen", data
        i = draw(st.sampled_from(shown))
        del questions[i]["when"]
        return f"question {questions[i]['id']} always asked", data
    if op == "threshold":
        everything = [d.get("when") for d in decisions] + [q.get("when") for q in questions]
        found = [(a, k) for c in everything for a in _atoms(c) for k in (">=", "<=", ">", "<")]
        found = [(a, k) for a, k in found if k in a]
        if not found:
            return "no threshold", data
        a, k = draw(st.sampled_from(found))
        a[k] += draw(st.sampled_from([-1, 1]))
        return f"threshold {k} moved to {a[k]}", data
    if op == "red_flag":
        severity = {o["id"]: o["severity"] for o in data["outcomes"]}
        referrals = [o["id"] for o in data["outcomes"] if o["kind"] == "referral"]
        flagged = [q for q in questions if "red_flag" in q]
        flagged += [c for q in questions for c in q.get("choices", []) if "red_flag" in c]
        lower = [
            (f, r) for f in flagged for r in referrals if severity[r] < severity[f["red_flag"]]
        ]
        if not lower:
            return "no red flag to lower", data
        f, r = draw(st.sampled_from(lower))
        f["red_flag"] = r
        return f"a red flag now asks for {r} only", data
    i = draw(st.integers(0, len(decisions) - 1))
    del decisions[i]
    return f"decision {i} removed", data

"""Every kind of problem carries its stable code: each code is given where its problem is
found, and docs/rules.md lists exactly the codes the tool can give."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from paths import ROOT
from problems import edit

from triage.authoring.cases import parse_cases
from triage.authoring.lint import review
from triage.errors import Problem, ProblemCode, RulesError
from triage.rulesets.files import Source, read_sources

EXAMPLE = ROOT / "rules" / "examples" / "back-screening.yaml"
WARNINGS = {"unused-choice", "no-reception-wording", "no-booking", "never-asked", "never-reached"}
WARNINGS |= {"proof-budget"}

PAIN_NO = "when: {question: pain, is: no}"
PAIN_YES = "when: {question: pain, is: yes}"
A_SCORE = "scores:\n  - id: total\n    title: Total\n    sum:\n      - {question: pain"
SPA = "title: Spa, advice: Relax, if_worse: Call"
NEVER = "{all: [{question: pain, is: yes}, {question: pain, is: no}]}"

# code -> how to break the small rule set of conftest (MINI) to get it: (old, new) edits.
BREAKS: dict[str, list[tuple[str, str]]] = {
    "duplicate-key": [("id: mini\n", "id: mini\nid: again\n")],
    "yaml-limit": [
        ("title: Mini rules\n", "title: Mini rules\nx: " + "[" * 200 + "]" * 200 + "\n")
    ],
    "yaml-not-allowed": [("title: Mini rules\n", "title: !!python/name:os.system Mini\n")],
    "unknown-key": [("title: Mini rules\n", "title: Mini rules\ncolour: blue\n")],
    "missing-key": [("title: Mini rules\n", "")],
    "unknown-question-type": [("type: yes_no\n    red_flag", "type: yes_or_no\n    red_flag")],
    "missing-question-type": [("type: yes_no\n    red_flag", "red_flag")],
    "bad-id": [("  - id: varicose\n", "  - id: Varicose\n")],
    "bad-language-code": [("text: Do you have a fever?", "text: {en: 'Fever?', EN: 'Fever?'}")],
    "empty-text": [("text: Do you have a fever?", 'text: " "')],
    "invalid-value": [("severity: 40", "severity: high")],
    "duplicate-id": [("  - id: varicose\n", "  - id: pregnancy\n")],
    "same-severity": [("severity: 10", "severity: 20")],
    "unknown-outcome": [("  - outcome: relaxation\n", "  - outcome: relax\n")],
    "unknown-contact": [
        ("    advice: Call the emergency number.\n", "    advice: Call.\n    contacts: [nurse]\n")
    ],
    "unknown-question": [(PAIN_YES, "when: {question: pains, is: yes}")],
    "red-flag-to-massage": [("    red_flag: see_doctor\n", "    red_flag: relaxation\n")],
    "unknown-score": [(PAIN_NO, 'when: {score: total, ">=": 1}')],
    "asked-later": [(PAIN_YES, "when: {question: extras, includes: pregnancy}")],
    "wrong-operator": [(PAIN_NO, "when: {question: pain, includes: ache}")],
    "not-yes-no": [(PAIN_NO, 'when: {question: pain, is: "no"}')],
    "not-a-choice": [("includes: chest_pain}", "includes: chest_pains}")],
    "not-a-number": [
        ("decisions:\n", A_SCORE + "}\ndecisions:\n"),
        (PAIN_NO, "when: {score: total, is: high}"),
    ],
    "not-an-answer": [("decisions:\n", A_SCORE + ", weights: {maybe: 1}}\ndecisions:\n")],
    "missing-translation": [("title: Mini rules\n", "title: Mini rules\nlanguages: [en, fr]\n")],
    "reads-free-text": [
        ("outcomes:\n", "  - {id: where, type: text, text: 'Where?'}\noutcomes:\n"),
        (PAIN_NO, "when: {question: where, answered: true}"),
    ],
    "hidden-emergency": [
        (
            "{key: chest_pain, label: Chest pain}",
            "{key: chest_pain, label: C, when: {answered: true}}",
        ),
        ("when: {answered: true}", "when: {question: fever, answered: true}"),
    ],
    "choice-condition-here": [
        ("{key: days, label: A few days}", "{key: days, label: D, when: {question: pain, is: yes}}")
    ],
    "range-not-here": [
        (
            "{key: pregnancy, label: Pregnancy}",
            "{key: pregnancy, label: P, range: {min: 0, max: 1}}",
        )
    ],
    "range-overlap": [
        ("{key: days, label: A few days}", "{key: days, label: D, range: {min: 0, below: 14}}"),
        ("{key: weeks, label: A few weeks}", "{key: weeks, label: W, range: {min: 7, max: 90}}"),
    ],
    "range-gap": [
        ("{key: days, label: A few days}", "{key: days, label: D, range: {min: 0, below: 14}}"),
        ("{key: weeks, label: A few weeks}", "{key: weeks, label: W, range: {min: 15, max: 90}}"),
    ],
    "unused-choice": [
        ("      - {key: months", "      - {key: years, label: Years}\n      - {key: months")
    ],
    "no-reception-wording": [],
    "no-booking": [],
    "never-asked": [(PAIN_YES, "when: " + NEVER)],
    "never-reached": [
        ("decisions:\n", f"decisions:\n  - {{outcome: spa, when: {NEVER}, reason: Never.}}\n"),
        (
            "outcomes:\n",
            "outcomes:\n  - {id: spa, kind: massage, severity: 5, title: Spa, advice: A,"
            " if_worse: B}\n",
        ),
    ],
}


def codes(problems: list[Problem]) -> set[str]:
    return {p.code for p in problems}


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_a_broken_rule_set_gives_the_code_of_its_problem(mini_text: str, code: str) -> None:
    text = mini_text
    for old, new in BREAKS[code]:
        text = edit(text, old, new)
    _rules, problems = review([Source("rules.yaml", text)])
    assert code in codes(problems), [f"{p.code}: {p}" for p in problems]
    levels = {p.level for p in problems if p.code == code}
    assert levels == {"warning" if code in WARNINGS else "error"}


@pytest.mark.parametrize(
    ("code", "texts"),
    [
        ("yaml-syntax", ["id: [a\n"]),
        ("empty-file", [""]),
        ("not-a-mapping", ["- a\n- b\n"]),
        ("key-not-a-word", ["id: x\n? [a, b]\n: c\n"]),
        ("key-in-two-files", ["id: a\ntitle: A\n", "title: B\n"]),
        ("no-rule-files", []),
    ],
)
def test_a_broken_file_gives_the_code_of_its_problem(code: str, texts: list[str]) -> None:
    sources = [Source(f"{i}.yaml", text) for i, text in enumerate(texts)]
    _rules, problems = review(sources)
    assert code in codes(problems), [f"{p.code}: {p}" for p in problems]


def test_a_number_question_in_a_score_gives_its_code() -> None:
    text = edit(EXAMPLE.read_text(encoding="utf-8"), "      - question: leg_pain\n", "")
    text = text.replace("    sum:\n", "    sum:\n      - question: pain_now\n", 1)
    _rules, problems = review([Source("back.yaml", text)])
    assert "score-of-number" in codes(problems)


def test_unreadable_paths_and_cases_give_their_codes(tmp_path: Path) -> None:
    with pytest.raises(RulesError) as missing:
        read_sources(tmp_path / "nowhere.yaml")
    assert codes(missing.value.problems) == {"no-such-path"}
    (tmp_path / "latin1.yaml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(RulesError) as unreadable:
        read_sources(tmp_path / "latin1.yaml")
    assert codes(unreadable.value.problems) == {"unreadable-file"}
    with pytest.raises(RulesError) as cases:
        parse_cases(Source("x.cases.yaml", "cases:\n  - {name: a}\n"))
    assert codes(cases.value.problems) == {"invalid-case"}


def test_a_proof_that_runs_out_of_its_budget_gives_its_code() -> None:
    from pigeonhole import pigeonhole

    _rules, problems = review([Source("p.yaml", pigeonhole(11))])  # needs more than BUDGET
    (budget,) = [p for p in problems if p.code == "proof-budget"]
    assert budget.level == "warning" and budget.line == 2  # at the top of the file
    assert "triage rules verify --budget 30000000" in budget.hint


def test_every_code_is_tested_here() -> None:
    tested = {*BREAKS, "score-of-number", "no-such-path", "unreadable-file", "invalid-case"}
    tested |= {"proof-budget"}
    tested |= {"yaml-syntax", "empty-file", "not-a-mapping", "key-not-a-word"}
    tested |= {"key-in-two-files", "no-rule-files"}
    assert tested == set(get_args(ProblemCode))


def test_docs_list_every_code_with_its_level() -> None:
    text = (ROOT / "docs/rules.md").read_text(encoding="utf-8")
    section = text.split("### Problem codes\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", section, re.M)
    assert [code for code, _level in rows] == list(get_args(ProblemCode))
    assert {code for code, level in rows if level == "warning"} == WARNINGS

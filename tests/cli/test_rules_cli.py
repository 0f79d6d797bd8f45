"""`triage rules ...`: each check and each verified property, caught on a broken rule set
and passed by a clean one; exit codes 0 / 1 / 2; outputs kept in sync with the repo."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from cli_run import ANY, triage
from paths import ROOT

from triage.authoring.graph import to_mermaid
from triage.deciding.loaded import load
from triage.rulesets.model import json_schema

CLEAN = """\
id: clinic
version: "2"
title: Clinic rules
questions:
  - id: flags
    type: multi_choice
    text: {en: "Any of these?", reception: "Does the caller have any of these?"}
    red_flag: see_doctor
    choices:
      - {key: fever, label: Fever}
      - {key: trauma, label: Trauma}
  - id: pain
    type: yes_no
    text: {en: "Pain?", reception: "Is the caller in pain?"}
  - id: since
    type: choice
    text: {en: "Since when?", reception: "Since when?"}
    when: {question: pain, is: yes}
    choices:
      - {key: days, label: Days}
      - {key: weeks, label: Weeks}
outcomes:
  - {id: see_doctor, kind: referral, severity: 30, title: Doctor, advice: Go, if_worse: Hurry,
     ends_walk: true}
  - id: therapeutic
    kind: massage
    severity: 20
    title: Therapeutic
    advice: Book
    if_worse: Call
    booking: {appointment: Therapeutic first session, minutes: 75}
  - id: relaxation
    kind: massage
    severity: 10
    title: Relaxation
    advice: Enjoy
    if_worse: Call
    booking: {appointment: Relaxation, minutes: 60}
decisions:
  - {outcome: see_doctor, when: {question: flags, includes: fever}, reason: Fever}
  - {outcome: see_doctor, when: {question: flags, includes: trauma}, reason: Trauma}
  - {outcome: therapeutic, when: {question: since, is: weeks}, reason: Weeks}
  - {outcome: therapeutic, when: {question: since, is: days}, reason: "Days, in doubt"}
  - {outcome: relaxation, when: {question: pain, is: no}, reason: No pain}
"""
CASES = """\
cases:
  - name: fever
    answers: {flags: [fever]}
    expect: {outcome: see_doctor, flags: [fever]}
  - name: relaxing
    answers: {flags: [], pain: no}
    expect: {outcome: relaxation, reasons: [no pain]}
"""


PAIN = (
    '  - id: pain\n    type: yes_no\n    text: {en: "Pain?", reception: "Is the caller in pain?"}\n'
)


def write(tmp_path: Path, text: str, cases: str | None = None) -> Path:
    path = tmp_path / "clinic.yaml"
    path.write_text(text)
    if cases is not None:
        (tmp_path / "clinic.cases.yaml").write_text(cases)
    return path


def run(*args: str) -> tuple[int, str]:
    ran = triage(*args, expect=ANY)  # the caller checks the status
    return ran.code, ran.output


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# ------------------------------------------------------------------- check


def test_check_passes_the_default_and_the_clean_rule_set(tmp_path: Path) -> None:
    assert run("rules", "check", "--strict") == (
        0,
        f"{ROOT / 'rules/default.yaml'}: 0 errors, 0 warnings\n",
    )
    code, out = run("rules", "check", "--strict", str(write(tmp_path, CLEAN)))
    assert code == 0, out


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            "title: Clinic rules",
            "title: Clinic rules\ncolour: blue",
            "colour",
            "unknown key 'colour'",
        ),
        (
            "{question: pain, is: yes}",
            "{question: pian, is: yes}",
            "pian",
            "unknown question 'pian' (did you mean 'pain'?)",
        ),
        (
            "{question: since, is: weeks}",
            "{question: since, is: week}",
            "is: week}",
            "'week' is not a choice of 'since' (did you mean 'weeks'?)",
        ),
        (
            "{question: pain, is: yes}",
            "{question: since, is: days}",
            "question: since, is: days}",
            "question 'since' is shown on a condition about itself",
        ),
        (
            PAIN,
            PAIN + "    when: {question: since, answered: true}\n",
            "answered: true",
            "question 'pain' depends on 'since', which is asked later",
        ),
        (
            "{outcome: relaxation,",
            "{outcome: relax,",
            "outcome: relax,",
            "unknown outcome 'relax' (did you mean 'relaxation'?)",
        ),
        (
            "  - id: since\n",
            "  - id: pain\n",
            "  - id: pain\n    type: choice",
            "duplicate question id 'pain'",
        ),
    ],
    ids=[
        "unknown-key",
        "misspelled-question",
        "not-a-choice",
        "self-reference",
        "forward-reference",
        "unknown-outcome",
        "duplicate-id",
    ],
)
def test_check_reports_each_error_at_its_line(
    tmp_path: Path, old: str, new: str, needle: str, message: str
) -> None:
    text = CLEAN.replace(old, new, 1)
    assert text != CLEAN
    path = write(tmp_path, text)
    code, out = run("rules", "check", str(path))
    assert code == 2, out  # errors: the rule set cannot be used, as in every other command
    found = [line for line in out.splitlines() if message in line]
    assert found, out
    match = re.match(rf"{re.escape(str(path))}:(\d+):(\d+): error: ", found[0])
    assert match, found[0]
    expected_line = (
        line_of(text, needle)
        if needle != "  - id: pain\n    type: choice"
        else line_of(text, "type: choice") - 1
    )
    assert int(match.group(1)) == expected_line


def test_check_reports_every_problem_not_just_the_first(tmp_path: Path) -> None:
    text = (
        CLEAN.replace("title: Clinic rules", "title: Clinic rules\ncolour: blue")
        .replace("{question: pain, is: yes}", "{question: pian, is: yes}")
        .replace("{outcome: relaxation,", "{outcome: relax,")
    )
    code, out = run("rules", "check", str(write(tmp_path, text)))
    assert code == 2
    assert out.count(": error: ") == 3 + 1  # and the one line every unusable rule set gets
    assert "3 errors, 0 warnings" in out
    assert out.rstrip().endswith("triage: error: the rule set has 3 errors")


def test_check_json_lists_every_problem_located_with_its_code(tmp_path: Path) -> None:
    text = (
        CLEAN.replace("title: Clinic rules", "title: Clinic rules\ncolour: blue")
        .replace("{question: pain, is: yes}", "{question: pian, is: yes}")
        .replace("{outcome: relaxation,", "{outcome: relax,")
    )
    path = write(tmp_path, text)
    result = triage("rules", "check", str(path), "--format", "json", expect=2)
    assert result.code == 2  # errors: the rule set cannot be used
    assert result.err == "triage: error: the rule set has 3 errors\n"  # stdout stays JSON
    data = json.loads(result.out)
    assert (data["path"], data["errors"], data["warnings"]) == (str(path), 3, 0)
    assert [p["code"] for p in data["problems"]] == [
        "unknown-key",
        "unknown-question",
        "unknown-outcome",
    ]
    pian = data["problems"][1]
    assert pian == {
        "file": str(path),
        "line": line_of(text, "pian"),
        "column": pian["column"],
        "code": "unknown-question",
        "level": "error",
        "message": "unknown question 'pian'",
        "hint": "did you mean 'pain'?",
    }
    assert text.splitlines()[pian["line"] - 1][pian["column"] - 1 :].startswith("question: pian")


def test_check_json_keeps_the_exit_codes_of_the_text(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "      - {key: weeks, label: Weeks}\n",
        "      - {key: weeks, label: Weeks}\n      - {key: years, label: Years}\n",
    )
    path = str(write(tmp_path, text))
    for strict, status in (([], 0), (["--strict"], 1)):
        code, out = run("rules", "check", path, "-f", "json", *strict)
        assert code == status
        data = json.loads(out)
        assert (data["errors"], data["warnings"]) == (0, 1)
        assert data["problems"][0]["code"] == "unused-choice"
        assert data["problems"][0]["level"] == "warning"
    code, out = run("rules", "check", "-f", "json")
    assert (code, json.loads(out)["problems"]) == (0, [])


def test_check_json_of_a_missing_path_is_still_a_document(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    result = triage("rules", "check", str(missing), "--format", "json", expect=2)
    assert result.code == 2
    assert json.loads(result.out) == {
        "path": str(missing),
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "file": str(missing),
                "line": 0,
                "column": 0,
                "code": "no-such-path",
                "level": "error",
                "message": "no such file or folder",
                "hint": "check the path",
            }
        ],
    }


def test_shape_and_reference_errors_come_in_the_same_run(tmp_path: Path) -> None:
    """A broken outcome does not hide an unknown question, nor an outcome without kind."""
    text = (
        CLEAN.replace("    kind: massage\n    severity: 10\n", "    severity: 10\n")
        .replace("    if_worse: Book\n", "")
        .replace("{question: since, is: weeks}", "{question: sinse, is: weeks}")
        .replace(
            "{outcome: see_doctor, when: {question: flags, includes: trauma}",
            "{outcome: see_docter, when: {question: flags, includes: trauma}",
        )
    )
    text = text.replace(
        "    if_worse: Call\n    booking: {appointment: Therapeutic",
        "    booking: {appointment: Therapeutic",
    )
    path = write(tmp_path, text)
    code, out = run("rules", "check", str(path))
    assert code == 2
    lines = out.splitlines()
    kind = next(line for line in lines if "missing key 'kind'" in line)
    assert kind.startswith(f"{path}:{line_of(text, '  - id: relaxation')}:5: error:")
    assert "'kind: massage' when it books a massage" in kind
    assert any("missing key 'if_worse' in outcomes[1]" in line for line in lines)
    since = next(line for line in lines if "unknown question 'sinse'" in line)
    assert since.startswith(f"{path}:{line_of(text, 'sinse')}:")
    assert "did you mean 'since'?" in since
    # 'relaxation' is set aside for its own error: referring to it is not a second error
    assert not any("unknown outcome 'relaxation'" in line for line in lines)
    assert any(
        "unknown outcome 'see_docter' (did you mean 'see_doctor'?)" in line for line in lines
    )
    assert "4 errors, 0 warnings" in out


def test_a_red_flag_may_not_lead_to_a_massage(tmp_path: Path) -> None:
    text = CLEAN.replace("    red_flag: see_doctor\n", "    red_flag: relaxation\n")
    path = write(tmp_path, text)
    code, out = run("rules", "check", str(path))
    assert code == 2
    line = line_of(text, "red_flag: relaxation")
    assert (
        f"{path}:{line}:5: error: red_flag leads to 'relaxation', which recommends a massage"
        " (a red flag must lead to an outcome with 'kind: referral')"
    ) in out
    assert run("rules", "verify", str(path))[0] == 2  # refused before any proof


def test_an_unused_choice_is_a_warning_and_strict_makes_it_fail(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "      - {key: weeks, label: Weeks}\n",
        "      - {key: weeks, label: Weeks}\n      - {key: years, label: Years}\n",
    )
    text = text.replace("{question: since, is: weeks}", "{question: since, in: [weeks]}")
    path = write(tmp_path, text)
    code, out = run("rules", "check", str(path))
    assert code == 0
    assert f"{path}:{line_of(text, 'years')}:" in out
    assert "warning: the choice 'years' of 'since' is used by no rule" in out
    assert run("rules", "check", "--strict", str(path))[0] == 1


def test_an_unreachable_question_and_outcome_are_warnings(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "when: {question: pain, is: yes}",
        "when: {all: [{question: pain, is: yes}, {question: pain, is: no}]}",
    )
    text = text.replace(
        '{outcome: therapeutic, when: {question: since, is: days}, reason: "Days, in doubt"}',
        "{outcome: therapeutic, when: {question: pain, is: yes}, reason: Pain}",
    )
    code, out = run("rules", "check", str(write(tmp_path, text)))
    assert code == 0, out
    assert "warning: question 'since' is never asked, whatever the answers" in out
    text = CLEAN.replace(
        "{outcome: relaxation, when: {question: pain, is: no}, reason: No pain}",
        "{outcome: relaxation, when: {question: pain, is: no}, reason: No pain}\n"
        "  - {outcome: therapeutic, when: {question: pain, is: no}, reason: Shadow}",
    )
    code, out = run("rules", "check", str(write(tmp_path, text)))
    assert "warning: outcome 'relaxation' is never the result, whatever the answers" in out


def test_check_cannot_read_is_exit_2(tmp_path: Path) -> None:
    code, out = run("rules", "check", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "no such file or folder" in out and "Traceback" not in out


# ------------------------------------------------------------------ verify


def test_verify_passes_the_default_rule_set() -> None:
    code, out = run("rules", "verify")
    assert code == 0
    # 12 emergency signs, the pregnancy warning signs, 14 red flags, 10 signs with an infection
    assert "16 questions, 37 red flags; every combination of answers checked by the solver" in out
    reached = "emergency, urgent_doctor, see_doctor, postpone, therapeutic, relaxation"
    assert f"outcomes reached: {reached}" in out
    assert out.rstrip().endswith("no question is asked twice")


def test_a_red_flag_wired_to_relaxation_gives_a_counter_example_that_reproduces(
    tmp_path: Path,
) -> None:
    text = CLEAN.replace(
        "{outcome: see_doctor, when: {question: flags, includes: trauma}",
        "{outcome: relaxation, when: {question: flags, includes: trauma}",
    )
    path = write(tmp_path, text)
    code, out = run("rules", "verify", str(path))
    assert code == 1
    assert "VIOLATION [red_flag:trauma]" in out
    command = next(line for line in out.splitlines() if "counter-example:" in line)
    args = shlex.split(command.split("counter-example: ", 1)[1])
    assert args[:4] == ["triage", "assess", "--rules", str(path)]
    code, out = run(*args[1:], "--allow-unverified", "--format", "json")
    assert code == 0
    document = json.loads(out[out.index("{") :])
    assert document["flags"] == ["trauma"] and document["outcome"] == "relaxation"
    assert document["unverified"], "the result must carry the verification failure"


def test_a_dead_end_is_reported(tmp_path: Path) -> None:
    text = CLEAN.replace(
        '  - {outcome: therapeutic, when: {question: since, is: days}, reason: "Days, in doubt"}\n',
        "",
    )
    code, out = run("rules", "verify", str(write(tmp_path, text)))
    assert code == 1
    assert "VIOLATION [no_outcome]" in out
    assert "--answer flags=none --answer pain=yes --answer since=days" in out


def test_walk_and_assess_refuse_an_unverified_rule_set(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "{outcome: see_doctor, when: {question: flags, includes: trauma}",
        "{outcome: relaxation, when: {question: flags, includes: trauma}",
    )
    path = str(write(tmp_path, text))
    code, out = run("assess", "--rules", path, "--answer", "flags=none", "--answer", "pain=no")
    assert code == 5
    assert "fails verification" in out and "--allow-unverified" in out
    result = triage("--rules", path, input="0\nn\n", expect=5)
    assert result.code == 5
    code, out = run(
        "assess",
        "--rules",
        path,
        "--answer",
        "flags=none",
        "--answer",
        "pain=no",
        "--allow-unverified",
    )
    assert code == 0
    assert "WARNING - this rule set failed verification" in out


# -------------------------------------------------------------------- test


def test_rules_test_runs_the_default_cases() -> None:
    code, out = run("rules", "test")
    assert code == 0
    assert re.search(r"^\d+ passed, 0 failed$", out, re.M)


def test_rules_test_reports_a_failure_with_answers_expected_actual_and_trace(
    tmp_path: Path,
) -> None:
    wrong = CASES.replace("expect: {outcome: relaxation", "expect: {outcome: therapeutic")
    code, out = run("rules", "test", str(write(tmp_path, CLEAN, wrong)))
    assert code == 1
    assert "FAILED relaxing" in out
    assert 'answers: {"flags": [], "pain": false}' in out
    assert "outcome: expected 'therapeutic', got 'relaxation'" in out
    assert "trace: No pain <- pain=False" in out
    assert "1 passed, 1 failed" in out


def test_rules_test_without_cases_fails(tmp_path: Path) -> None:
    code, out = run("rules", "test", str(write(tmp_path, CLEAN)))
    assert code == 1 and "no scenario cases found" in out


def test_a_folder_rule_set_with_its_cases(tmp_path: Path) -> None:
    head, decisions = CLEAN.split("decisions:\n")
    (tmp_path / "a_questions.yaml").write_text(head)
    (tmp_path / "b_decisions.yaml").write_text("decisions:\n" + decisions)
    (tmp_path / "clinic.cases.yaml").write_text(CASES)
    assert run("rules", "check", "--strict", str(tmp_path))[0] == 0
    assert run("rules", "verify", str(tmp_path))[0] == 0
    code, out = run("rules", "test", str(tmp_path))
    assert code == 0 and "2 passed, 0 failed" in out


# ------------------------------------------------------- show, graph, schema


def test_show_json_is_the_whole_rule_set() -> None:
    code, out = run("rules", "show", "--format", "json")
    assert code == 0
    data = json.loads(out)
    loaded = load(None)
    assert list(data) == [
        "id",
        "version",
        "sha256",
        "title",
        "language",
        "languages",
        "questions",
        "outcomes",
    ]
    rules = loaded.rules
    assert (data["id"], data["version"], data["sha256"]) == (rules.id, rules.version, loaded.sha256)
    assert (data["language"], data["languages"]) == ("en", ["en", "fr"])
    assert [o["id"] for o in data["outcomes"]] == [
        "emergency",
        "urgent_doctor",
        "see_doctor",
        "postpone",
        "therapeutic",
        "relaxation",
    ]
    therapeutic = data["outcomes"][4]
    assert therapeutic["booking"] == {
        "appointment": rules.outcome("therapeutic").booking.appointment.get(),
        "minutes": 75,
    }
    assert (therapeutic["severity"], therapeutic["ends_walk"]) == (20, False)
    assert data["outcomes"][0]["booking"] is None
    items = data["questions"]
    assert [q["id"] for q in items] == [q.id for q in rules.questions]
    areas = next(q for q in items if q["id"] == "areas")
    assert areas["when"] == {"question": "discomfort", "is": True}
    assert areas["when_text"] == "discomfort is yes"
    assert next(q for q in items if q["id"] == "red_flags")["red_flag"] == "see_doctor"


def test_show_text_is_a_tree_that_marks_red_flags_in_words() -> None:
    code, out = run("rules", "show")
    assert code == 0
    assert "1. emergency_signs (multi_choice) RED FLAG -> emergency" in out
    assert "8. areas (multi_choice) when discomfort is yes" in out
    assert "4. pregnancy_warning_signs (yes_no) RED FLAG -> emergency" in out
    assert "see_doctor (severity 30) no massage ends the walk" in out
    assert "relaxation (severity 10) books a massage" in out


def test_graph_mermaid_and_dot_make_red_flags_stand_out() -> None:
    code, out = run("rules", "graph")
    assert code == 0 and out.startswith("flowchart TD")
    alarm = "o_emergency,o_postpone,o_see_doctor,o_urgent_doctor,q_emergency_signs"
    assert f"class {alarm},q_infection_signs,q_pregnancy_warning_signs,q_red_flags alarm" in out
    assert 'q_red_flags -->|"red_flags includes worsening_numbness"| o_urgent_doctor' in out
    assert 'q_red_flags -->|"red_flags includes fever"| o_postpone' in out
    code, out = run("rules", "graph", "--format", "dot")
    assert code == 0 and out.startswith('digraph "massage-triage-default"')
    assert 'q_red_flags [shape=box, label="red_flags\\nmulti_choice", color=red' in out


def test_a_red_flag_on_one_choice_stands_out_everywhere(tmp_path: Path) -> None:
    text = CLEAN.replace(
        "      - {key: weeks, label: Weeks}\n",
        "      - {key: weeks, label: Weeks}\n"
        "      - {key: years, label: Years, red_flag: see_doctor}\n",
    ).replace(
        "decisions:\n",
        "decisions:\n"
        "  - {outcome: see_doctor, when: {question: since, is: years}, reason: Years}\n",
    )
    path = str(write(tmp_path, text))
    code, out = run("rules", "graph", path)
    assert code == 0
    assert "class o_see_doctor,q_flags,q_since alarm" in out
    code, out = run("rules", "graph", path, "--format", "dot")
    assert 'q_since [shape=box, label="since\\nchoice", color=red' in out
    code, out = run("rules", "show", path)
    assert "years: Years (red flag -> see_doctor)" in out
    code, out = run("rules", "show", path, "--format", "json")
    since = next(q for q in json.loads(out)["questions"] if q["id"] == "since")
    assert [c["red_flag"] for c in since["choices"]] == [None, None, "see_doctor"]
    code, out = run("assess", "--rules", path, "-a", "flags=none", "-a", "pain=yes",
                    "-a", "since=years", "--format", "json")  # fmt: skip
    assert json.loads(out)["flags"] == ["years"]
    assert run("rules", "verify", path)[0] == 0


def test_the_readme_embeds_the_current_graph() -> None:
    readme = (ROOT / "README.md").read_text()
    block = readme.split("<!-- rules-graph:start -->\n```mermaid\n")[1].split(
        "```\n<!-- rules-graph:end -->"
    )[0]
    assert block == to_mermaid(load(None).rules), (
        "run: triage rules graph and paste it in the README"
    )


def test_schema_is_generated_from_the_model_and_kept_in_sync() -> None:
    code, out = run("rules", "schema")
    assert code == 0
    assert json.loads(out) == json_schema()
    kept = json.loads((ROOT / "docs/rules.schema.json").read_text())
    assert kept == json_schema(), "run: triage rules schema > docs/rules.schema.json"
    assert set(kept["properties"]) >= {
        "id",
        "version",
        "questions",
        "outcomes",
        "decisions",
        "scores",
    }


def test_rule_files_carry_the_schema_comment() -> None:
    for path in [ROOT / "rules/default.yaml", *sorted((ROOT / "rules/examples").glob("*.yaml"))]:
        if path.name.endswith(".cases.yaml"):
            continue
        first = path.read_text().splitlines()[0]
        target = first.removeprefix("# yaml-language-server: $schema=")
        assert target != first, path
        assert (path.parent / target).resolve() == (ROOT / "docs/rules.schema.json").resolve()


# ------------------------------------------------------------- languages


BILINGUAL = """\
id: bilingual
version: "1"
title: {en: Rules, fr: Règles}
languages: [en, fr]
questions:
  - id: pain
    type: yes_no
    text:
      en: Pain?
      fr: Douleur ?
      reception: {en: "Is the caller in pain?", fr: "La personne a-t-elle mal ?"}
outcomes:
  - id: therapeutic
    kind: massage
    severity: 20
    title: {en: Therapeutic, fr: Thérapeutique}
    advice: {en: Book, fr: Réservez}
    if_worse: {en: Call, fr: Appelez}
    booking: {appointment: {en: First session, fr: Première séance}, minutes: 75}
  - id: relaxation
    kind: massage
    severity: 10
    title: {en: Relaxation, fr: Détente}
    advice: {en: Enjoy, fr: Profitez}
    if_worse: {en: Call, fr: Appelez}
    booking: {appointment: {en: Relaxation, fr: Détente}, minutes: 60}
decisions:
  - {outcome: therapeutic, when: {question: pain, is: yes}, reason: {en: Pain, fr: Douleur}}
  - {outcome: relaxation, when: {question: pain, is: no}, reason: {en: Calm, fr: Calme}}
"""


def test_a_declared_language_must_have_every_text(tmp_path: Path) -> None:
    assert run("rules", "check", "--strict", str(write(tmp_path, BILINGUAL)))[0] == 0
    text = BILINGUAL.replace("    advice: {en: Enjoy, fr: Profitez}", "    advice: {en: Enjoy}")
    text = text.replace('fr: "La personne a-t-elle mal ?"', 'de: "Hat die Person Schmerzen?"')
    path = write(tmp_path, text)
    code, out = run("rules", "check", str(path))
    assert code == 2
    assert f"{path}:{line_of(text, 'advice: {en: Enjoy}')}:" in out
    assert "outcomes[1].advice: no 'fr' text" in out
    assert "questions[0].text: no 'fr' receptionist wording" in out


def test_a_rule_set_in_one_language_stays_valid(tmp_path: Path) -> None:
    english = CLEAN  # declares no languages: English only
    assert run("rules", "check", "--strict", str(write(tmp_path, english)))[0] == 0
    code, out = run("assess", "--rules", str(tmp_path / "clinic.yaml"), "--lang", "fr",
                    "-a", "flags=none", "-a", "pain=no", "--format", "json")  # fmt: skip
    assert code == 0
    assert json.loads(out[out.index("{") :])["title"] == "Relaxation"  # English, the only one

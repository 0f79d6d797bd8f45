"""Loading a rule set: every error path, located at the file, line and column at fault."""

from __future__ import annotations

import hashlib
import textwrap
import typing
from pathlib import Path

import pytest
from problems import edit, only

from triage.errors import ExitStatus, Problem, RulesError
from triage.rulesets.files import Source, read_sources, rule_files
from triage.rulesets.load import fingerprint, load_rules
from triage.rulesets.model import ChoiceQuestion, QuestionT, YesNoQuestion
from triage.rulesets.parse import dotted

BASE = """\
id: mini
version: "1"
title: Mini
questions:
  - id: pain
    type: yes_no
    text: Is there a pain?
  - id: area
    type: choice
    text: Where?
    choices:
      - key: neck
        label: Neck
      - key: back
        label: Back
outcomes:
  - id: relax
    kind: massage
    severity: 10
    title: Relax
    advice: Relax.
    if_worse: See someone.
decisions:
  - outcome: relax
    when: {question: pain, is: no}
    reason: No pain.
  - outcome: relax
    reason: Always.
"""


# ------------------------------------------------------------------ a valid set


def test_a_minimal_rule_set_loads(load_text):
    rules = load_text(BASE)
    assert rules.id == "mini"
    assert rules.version == "1"
    assert [q.id for q in rules.questions] == ["pain", "area"]
    assert isinstance(rules.questions[0], YesNoQuestion)
    assert isinstance(rules.questions[1], ChoiceQuestion)
    assert [c.key for c in rules.questions[1].choices] == ["neck", "back"]
    assert rules.outcome("relax").severity == 10
    assert rules.decisions[1].when is None
    assert rules.cautions == []
    assert rules.languages == ["en"]


def test_a_text_can_be_a_mapping_of_languages_with_a_reception_wording(load_text):
    text = edit(
        BASE,
        "    text: Is there a pain?\n",
        "    text:\n      en: Is there a pain?\n      fr: Avez-vous mal ?\n"
        "      reception: Does the caller have a pain?\n",
    )
    question = load_text(text).question("pain")
    assert question.text.get() == "Is there a pain?"
    assert question.text.get("fr") == "Avez-vous mal ?"
    assert question.text.get("en", "reception") == "Does the caller have a pain?"
    assert question.text.get("de") == "Is there a pain?"  # falls back to English


def test_the_default_rule_set_loads(default_rules):
    assert default_rules.id == "massage-triage-default"
    assert {o.id: o.kind for o in default_rules.outcomes} == {
        "emergency": "referral",
        "urgent_doctor": "referral",
        "see_doctor": "referral",
        "postpone": "referral",  # books nothing now: a referral, inside the proof
        "therapeutic": "massage",
        "relaxation": "massage",
    }
    severity = [o.id for o in sorted(default_rules.outcomes, key=lambda o: -o.severity)]
    assert severity == [
        "emergency",
        "urgent_doctor",
        "see_doctor",
        "postpone",
        "therapeutic",
        "relaxation",
    ]


# ----------------------------------------------------------- YAML-level errors


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ('id: mini\nversion: "1"\ntitle: Mini\n  oops: 1\n', 4, 7, "mapping values"),
        ('id: mini\ntitle: "unclosed\n', 3, 1, "unexpected end of stream"),
        ("id: mini\n\tversion: 1\n", 2, 1, "tab character"),
    ],
    ids=["bad-indent", "unclosed-quote", "tab"],
)
def test_invalid_yaml_is_reported_at_its_position(problems_in, text, line, column, words):
    problem = only(problems_in(text, "bad.yaml"))
    assert problem.message.startswith("not valid YAML: ")
    assert words in problem.message
    assert (problem.file, problem.line, problem.column) == ("bad.yaml", line, column)
    assert problem.hint == (
        "indent and separate with spaces" if "\t" in text else "check the indentation and quoting"
    )
    assert str(problem).startswith(f"bad.yaml:{line}:{column}: error: not valid YAML")


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# only a comment\n"], ids=["empty", "blank", "comment"]
)
def test_an_empty_file_is_an_error(problems_in, text):
    problem = only(problems_in(text, "empty.yaml"))
    assert problem.message == "the file is empty"
    assert problem.file == "empty.yaml"
    assert str(problem) == "empty.yaml: error: the file is empty"


@pytest.mark.parametrize("text", ["- id: mini\n- version: 1\n", "just some words\n"])
def test_the_top_level_must_be_a_mapping(problems_in, text):
    problem = only(problems_in(text))
    assert problem.message == "a rule-set file must be a mapping of keys"
    assert problem.hint == "start with 'id:'"
    assert (problem.line, problem.column) == (1, 1)


def test_a_duplicate_top_level_key_is_reported_at_the_second_one(problems_in, pos):
    text = edit(BASE, 'version: "1"\n', 'version: "1"\nid: again\n')
    problem = only(problems_in(text))
    assert problem.message == "the key 'id' appears twice in the same mapping"
    assert problem.hint == "keep one of them"
    assert (problem.line, problem.column) == pos(text, "id: again")


def test_a_duplicate_key_inside_a_question_is_reported(problems_in, pos):
    text = edit(BASE, "    text: Where?\n", "    text: Where?\n    text: Where again?\n")
    problem = only(problems_in(text))
    assert problem.message == "the key 'text' appears twice in the same mapping"
    assert (problem.line, problem.column) == pos(text, "text: Where again?")


def test_a_mapping_key_that_is_not_a_word_is_an_error(problems_in):
    found = problems_in("? [a, b]\n: c\n")
    (problem,) = [p for p in found if p.message == "a mapping key must be a plain word"]
    assert (problem.line, problem.column) == (1, 3)
    # the checks go on: the file's other problems are reported in the same run
    assert "missing key 'id'" in [p.message for p in found]


# ------------------------------------------------------------ unknown keys


@pytest.mark.parametrize("key", ["16_to_17", "50_or_over", "under_16", "a"])
def test_a_choice_key_may_start_with_a_digit_when_it_holds_a_letter(load_text, key):
    rules = load_text(edit(BASE, "      - key: neck\n", f"      - key: {key}\n"))
    assert key in [c.key for q in rules.questions for c in getattr(q, "choices", ())]


@pytest.mark.parametrize("key", ["'16'", "'1_6'", "_neck", "16-17"])
def test_a_choice_key_that_could_be_a_number_is_refused(problems_in, key):
    problem = only(problems_in(edit(BASE, "      - key: neck\n", f"      - key: {key}\n")))
    assert "should match pattern" in problem.message
    assert problem.hint == "ids are lower-case words joined by '_', e.g. 'lower_back'"


@pytest.mark.parametrize(
    ("old", "new", "key", "path"),
    [
        ("title: Mini\n", "title: Mini\ncolour: red\n", "colour:", "colour"),
        (
            "    text: Is there a pain?\n",
            "    text: Is there a pain?\n    colour: red\n",
            "colour:",
            "questions[0].colour",
        ),
        (
            "        label: Back\n",
            "        label: Back\n        colour: red\n",
            "colour:",
            "questions[1].choices[1].colour",
        ),
        (
            "    if_worse: See someone.\n",
            "    if_worse: See someone.\n    colour: red\n",
            "colour:",
            "outcomes[0].colour",
        ),
        (
            "    reason: Always.\n",
            "    reason: Always.\n    colour: red\n",
            "colour:",
            "decisions[1].colour",
        ),
        (
            "{question: pain, is: no}",
            "{question: pain, is: no, colour: red}",
            "colour:",
            "decisions[0].when.colour",
        ),
        (
            "{question: pain, is: no}",
            "{not: {question: pain, is: no, colour: red}}",
            "colour:",
            "decisions[0].when.not.colour",
        ),
        (
            "{question: pain, is: no}",
            "{any: [{question: pain, is: yes}, {question: pain, is: no, colour: red}]}",
            "colour:",
            "decisions[0].when.any[1].colour",
        ),
    ],
    ids=["top", "question", "choice", "outcome", "decision", "condition", "not", "any"],
)
def test_an_unknown_key_is_reported_where_it_is(problems_in, pos, old, new, key, path):
    text = edit(BASE, old, new)
    problem = only(problems_in(text))
    assert problem.message == f"unknown key {path!r}"
    assert problem.hint == "remove it, or check its spelling in docs/rules.md"
    assert (problem.file, problem.line, problem.column) == ("rules.yaml", *pos(text, key))


# ------------------------------------------------------------ missing keys


def test_a_missing_key_names_it_and_points_at_its_mapping(problems_in, pos):
    text = edit(BASE, "    if_worse: See someone.\n", "")
    problem = only(problems_in(text))
    assert problem.message == "missing key 'if_worse' in outcomes[0]"
    assert problem.hint == "add it"
    assert (problem.line, problem.column) == pos(text, "id: relax")


def test_a_missing_top_level_key_points_at_the_start_of_the_file(problems_in):
    text = BASE.split("decisions:")[0]
    problem = only(problems_in(text))
    assert problem.message == "missing key 'decisions'"
    assert (problem.line, problem.column) == (1, 1)


def test_a_missing_question_text_is_reported(problems_in, pos):
    text = edit(BASE, "    text: Is there a pain?\n", "")
    problem = only(problems_in(text))
    assert problem.message == "missing key 'text' in questions[0]"
    assert (problem.line, problem.column) == pos(text, "id: pain")


# ------------------------------------------------------- question types, ids


def question_types() -> list[str]:
    """Every question type the model accepts, read from the model itself."""
    return [
        typing.get_args(cls.model_fields["type"].annotation)[0]
        for cls in typing.get_args(QuestionT)
    ]


def test_a_wrong_question_type_is_named_at_the_type_key_with_every_type(problems_in, pos):
    text = edit(BASE, "type: yes_no", "type: yesno")
    problem = only(problems_in(text))
    assert problem.message == "questions[0]: unknown question type 'yesno'"
    assert problem.hint == f"use one of: {', '.join(question_types())}"
    assert "number" in problem.hint
    assert (problem.line, problem.column) == pos(text, "type: yesno")


def test_a_question_without_a_type_is_a_missing_key(problems_in, pos):
    text = edit(BASE, "    type: yes_no\n", "")
    problem = only(problems_in(text))
    assert problem.message == "missing key 'type' in questions[0]"
    assert ", ".join(question_types()) in problem.hint
    assert (problem.line, problem.column) == pos(text, "id: pain")


@pytest.mark.parametrize(
    ("old", "new", "key", "path"),
    [
        ("  - id: pain\n", "  - id: Pain\n", "id: Pain", "questions[0].id"),
        ("      - key: neck\n", "      - key: upper-neck\n", "key: upper-neck", None),
        ("  - id: relax\n", "  - id: 1relax\n", "id: 1relax", "outcomes[0].id"),
        ("id: mini\n", "id: Mini Rules\n", "id: Mini", "id"),
    ],
    ids=["question", "choice", "outcome", "rule-set"],
)
def test_a_bad_id_is_reported_with_the_id_hint(problems_in, pos, old, new, key, path):
    problem = only(problems_in(edit(BASE, old, new)))
    text = edit(BASE, old, new)
    assert "should match pattern" in problem.message
    if path:
        assert problem.message.startswith(f"{path}: ")
    assert problem.hint == "ids are lower-case words joined by '_', e.g. 'lower_back'"
    assert (problem.line, problem.column) == pos(text, key)


# --------------------------------------------------------------------- texts


def test_a_text_without_english_is_an_error(problems_in, pos):
    text = edit(BASE, "    text: Is there a pain?\n", "    text: {fr: 'Avez-vous mal ?'}\n")
    problem = only(problems_in(text))
    assert problem.message == "questions[0].text: an English text ('en') is required"
    assert (problem.line, problem.column) == pos(text, "text: {fr")


def test_a_bad_language_code_is_located_at_the_code(problems_in, pos):
    text = edit(
        BASE,
        "    text: Is there a pain?\n",
        "    text:\n      en: Is there a pain?\n      English: Is there a pain?\n",
    )
    problem = only(problems_in(text))
    assert problem.message == (
        "questions[0].text: 'English' is not a language code (use 'en', 'fr', ...)"
    )
    assert (problem.line, problem.column) == pos(text, "English:")


@pytest.mark.parametrize(
    ("new", "code"),
    [("    text: '   '\n", "en"), ("    text: {en: 'Pain?', fr: ''}\n", "fr")],
    ids=["english", "french"],
)
def test_an_empty_text_is_an_error(problems_in, pos, new, code):
    text = edit(BASE, "    text: Is there a pain?\n", new)
    problem = only(problems_in(text))
    assert problem.message == f"questions[0].text: the {code!r} text is empty"
    assert problem.line == pos(text, new.strip())[0]


def test_an_empty_outcome_advice_is_an_error(problems_in, pos):
    text = edit(BASE, "    advice: Relax.\n", "    advice: ''\n")
    problem = only(problems_in(text))
    assert problem.message == "outcomes[0].advice: the 'en' text is empty"
    assert (problem.line, problem.column) == pos(text, "advice: ''")


# ---------------------------------------------------------------- conditions


@pytest.mark.parametrize(
    ("condition", "found"),
    [
        ("{question: pain}", "none"),
        ("{question: pain, is: no, answered: true}", "is, answered"),
        ("{question: area, in: [neck], includes: neck}", "in, includes"),
    ],
    ids=["zero", "two", "two-lists"],
)
def test_a_comparison_takes_exactly_one_operator(problems_in, pos, condition, found):
    text = edit(BASE, "{question: pain, is: no}", condition)
    problem = only(problems_in(text))
    assert problem.message.startswith(
        "decisions[0].when: a comparison takes exactly one operator of is, in, includes, "
        "includes_any, includes_all, answered"
    )
    assert problem.message.endswith(f"(found: {found})")
    assert (problem.line, problem.column) == pos(text, "when:")


def test_an_empty_all_is_an_error(problems_in, pos):
    text = edit(BASE, "{question: pain, is: no}", "{all: []}")
    problem = only(problems_in(text))
    assert problem.message.startswith("decisions[0].when.all: ")
    assert "at least 1 item" in problem.message
    assert (problem.line, problem.column) == pos(text, "all: []")


def test_an_empty_in_list_is_an_error(problems_in, pos):
    text = edit(BASE, "{question: pain, is: no}", "{question: area, in: []}")
    problem = only(problems_in(text))
    assert problem.message.startswith("decisions[0].when.in: ")
    assert (problem.line, problem.column) == pos(text, "in: []")


def test_a_nested_condition_error_names_its_full_path(problems_in, pos):
    text = edit(
        BASE,
        "{question: pain, is: no}",
        "{all: [{question: pain, is: no}, {not: {question: pain}}]}",
    )
    problem = only(problems_in(text))
    assert problem.message.startswith("decisions[0].when.all[1].not: a comparison takes")
    assert (problem.line, problem.column) == pos(text, "not:")


# ------------------------------------------------------------ several errors


def test_several_errors_in_one_file_are_all_reported(problems_in, pos):
    text = edit(BASE, "    text: Is there a pain?\n", "    text: Is there a pain?\n    hue: 1\n")
    text = edit(text, "severity: 10", "severity: ten")
    text = edit(text, "    reason: Always.\n", "    reason: Always.\n    because: 1\n")
    text = edit(text, "{question: pain, is: no}", "{question: pain}")
    problems = problems_in(text)
    lines = sorted(p.line for p in problems)
    assert lines == sorted(
        [
            pos(text, "hue:")[0],
            pos(text, "severity: ten")[0],
            pos(text, "because:")[0],
            pos(text, "when:")[0],
        ]
    )
    assert all(p.file == "rules.yaml" and p.level == "error" for p in problems)


def test_several_cross_reference_errors_are_all_reported(problems_in, pos):
    text = edit(BASE, "{question: pain, is: no}", "{question: pian, is: no}")
    text = edit(text, "  - outcome: relax\n    reason", "  - outcome: relaks\n    reason")
    problems = problems_in(text)
    assert sorted((p.line, p.message) for p in problems) == sorted(
        [
            (pos(text, "outcome: relaks")[0], "unknown outcome 'relaks'"),
            (pos(text, "question: pian")[0], "unknown question 'pian'"),
        ]
    )


def test_unknown_keys_do_not_hide_cross_reference_errors(problems_in, pos):
    text = edit(BASE, "    advice: Relax.\n", "    advice: Relax.\n    colour: green\n")
    text = edit(text, "{question: pain, is: no}", "{question: pian, is: no}")
    problems = problems_in(text)
    assert sorted((p.line, p.column, p.message) for p in problems) == [
        (*pos(text, "colour:"), "unknown key 'outcomes[0].colour'"),
        (*pos(text, "question: pian"), "unknown question 'pian'"),
    ]


def test_a_duplicate_key_does_not_hide_the_other_errors(problems_in, pos):
    text = edit(BASE, "    text: Where?\n", "    text: Where?\n    text: Where again?\n")
    text = edit(text, "{question: pain, is: no}", "{question: pian, is: no}")
    problems = problems_in(text)
    assert sorted((p.line, p.message) for p in problems) == [
        (pos(text, "text: Where again?")[0], "the key 'text' appears twice in the same mapping"),
        (pos(text, "question: pian")[0], "unknown question 'pian'"),
    ]


def test_a_rules_error_counts_its_errors_and_maps_to_exit_status_2(problems_in):
    text = edit(BASE, "title: Mini\n", "title: Mini\na: 1\nb: 2\n")
    with pytest.raises(RulesError) as caught:
        load_rules([Source("x.yaml", text)])
    assert len(caught.value.problems) == 2
    assert str(caught.value) == "the rule set has 2 errors"
    assert caught.value.status == ExitStatus.RULES_INVALID == 2


def test_no_sources_at_all_is_an_error():
    with pytest.raises(RulesError) as caught:
        load_rules([])
    assert [p.message for p in caught.value.problems] == ["no rule-set file found"]


# ----------------------------------------------------------- Problem and paths


def test_a_problem_reads_as_file_line_column_level_message_hint():
    problem = Problem("bad", "fix it", "a.yaml", 3, 7, code="invalid-value")
    assert str(problem) == "a.yaml:3:7: error: bad (fix it)"
    assert str(Problem("bad", file="a.yaml", code="invalid-value")) == "a.yaml: error: bad"
    assert str(Problem("bad", level="warning", code="never-asked")) == "warning: bad"


def test_a_problem_as_data_holds_every_field_and_its_code():
    problem = Problem("bad", "fix it", "a.yaml", 3, 7, code="unknown-key")
    assert problem.as_data() == {
        "file": "a.yaml",
        "line": 3,
        "column": 7,
        "code": "unknown-key",
        "level": "error",
        "message": "bad",
        "hint": "fix it",
    }


def test_dotted_writes_paths_as_an_author_would():
    assert dotted(("questions", 3, "when", "all", 0, "question")) == (
        "questions[3].when.all[0].question"
    )
    assert dotted(()) == ""


# ------------------------------------------------------------ folders (merge)

PART_A = """\
id: split
version: "2"
title: Split rules
questions:
  - id: pain
    type: yes_no
    text: Is there a pain?
"""

PART_B = """\
questions:
  - id: stiff
    type: yes_no
    text: Is it stiff?
outcomes:
  - id: relax
    kind: massage
    severity: 10
    title: Relax
    advice: Relax.
    if_worse: See someone.
decisions:
  - outcome: relax
    when: {question: stiff, is: no}
    reason: Not stiff.
  - outcome: relax
    reason: Always.
"""


def load_folder(folder: Path):
    return load_rules(read_sources(folder))


def folder_problems(folder: Path) -> list[Problem]:
    with pytest.raises(RulesError) as caught:
        load_folder(folder)
    return caught.value.problems


def test_a_folder_concatenates_lists_in_file_name_order(write_rules, tmp_path):
    write_rules(PART_B, "b.yaml", "rules")
    write_rules(PART_A, "a.yaml", "rules")
    rules = load_folder(tmp_path / "rules")
    assert rules.id == "split"
    assert [q.id for q in rules.questions] == ["pain", "stiff"]
    assert [o.id for o in rules.outcomes] == ["relax"]


def test_a_folder_error_points_into_the_right_file(write_rules, tmp_path, pos):
    write_rules(PART_A, "a.yaml", "rules")
    b_text = edit(PART_B, "    text: Is it stiff?\n", "    text: Is it stiff?\n    hue: 1\n")
    b = write_rules(b_text, "b.yaml", "rules")
    problem = only(folder_problems(tmp_path / "rules"))
    assert problem.file == str(b)
    assert (problem.line, problem.column) == pos(b_text, "hue:")
    assert "unknown key" in problem.message


def test_a_folder_cross_reference_error_points_into_the_right_file(write_rules, tmp_path, pos):
    write_rules(PART_A, "a.yaml", "rules")
    b_text = edit(PART_B, "{question: stiff, is: no}", "{question: stif, is: no}")
    b = write_rules(b_text, "b.yaml", "rules")
    problem = only(folder_problems(tmp_path / "rules"))
    assert problem.message == "unknown question 'stif'"
    assert problem.hint == "did you mean 'stiff'?"
    assert (problem.file, problem.line, problem.column) == (str(b), *pos(b_text, "question: stif"))


def test_a_scalar_key_set_in_two_files_is_an_error(write_rules, tmp_path, pos):
    a = write_rules(PART_A, "a.yaml", "rules")
    b_text = 'version: "3"\n' + PART_B
    b = write_rules(b_text, "b.yaml", "rules")
    problem = only(folder_problems(tmp_path / "rules"))
    assert problem.message == f"the key 'version' is already set in {a}:2"
    assert problem.hint == "set it in one file only"
    assert (problem.file, problem.line, problem.column) == (str(b), 1, 1)


def test_a_folder_skips_case_files_and_reads_yml(write_rules, tmp_path):
    write_rules(PART_A, "a.yaml", "rules")
    write_rules(PART_B, "b.yml", "rules")
    write_rules("cases: [this is not a rule set\n", "a.cases.yaml", "rules")
    write_rules("not yaml", "notes.txt", "rules")
    files = [f.name for f in rule_files(tmp_path / "rules")]
    assert files == ["a.yaml", "b.yml"]
    assert [q.id for q in load_folder(tmp_path / "rules").questions] == ["pain", "stiff"]


def test_an_empty_folder_has_no_rule_set(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(RulesError) as caught:
        read_sources(tmp_path / "empty")
    assert str(caught.value) == f"cannot read the rule set {tmp_path / 'empty'}"
    problem = only(caught.value.problems)
    assert problem.message == "no rule-set file (*.yaml or *.yml) in this folder"
    assert problem.file == str(tmp_path / "empty")


def test_each_file_of_a_folder_reports_its_own_yaml_error(write_rules, tmp_path):
    a = write_rules("id: [x\n", "a.yaml", "rules")
    b = write_rules("", "b.yaml", "rules")
    problems = folder_problems(tmp_path / "rules")
    assert [(p.file, p.message.split(":")[0]) for p in problems] == [
        (str(a), "not valid YAML"),
        (str(b), "the file is empty"),
    ]


def test_a_missing_path_is_a_rules_error(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(RulesError) as caught:
        read_sources(missing)
    problem = only(caught.value.problems)
    assert problem.message == "no such file or folder"
    assert problem.file == str(missing)


def test_a_file_that_is_not_utf8_is_a_rules_error(tmp_path):
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("title: café\n".encode("latin-1"))
    with pytest.raises(RulesError) as caught:
        read_sources(bad)
    problem = only(caught.value.problems)
    assert problem.message.startswith("cannot read the file")
    assert problem.file == str(bad)


def test_fingerprint_of_one_file_is_its_sha256sum():
    text = textwrap.dedent(BASE)
    assert fingerprint([Source("a", text)]) == hashlib.sha256(text.encode()).hexdigest()


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_fingerprint_of_a_folder_is_the_sha256_of_its_sha256sum_listing(tmp_path):
    (tmp_path / "a.yaml").write_text("x")
    (tmp_path / "b.yaml").write_text("y")
    (tmp_path / "b.cases.yaml").write_text("cases: []")  # not rule text
    listing = f"{_sha('x')}  a.yaml\n{_sha('y')}  b.yaml\n"
    sources = read_sources(tmp_path)
    assert fingerprint(sources, folder=True) == _sha(listing)
    # a folder of one file is framed too: its name is part of what is read
    assert fingerprint(sources[:1], folder=True) == _sha(f"{_sha('x')}  a.yaml\n")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # a line moved from the end of one file to the start of the next
        (
            [("1.yaml", "a: 1\n# c\n"), ("2.yaml", "b: 2\n")],
            [("1.yaml", "a: 1\n"), ("2.yaml", "# c\nb: 2\n")],
        ),
        # the same texts under other names (the names set the reading order)
        ([("1.yaml", "x"), ("2.yaml", "y")], [("1.yaml", "x"), ("3.yaml", "y")]),
        # a name that looks like a boundary
        (
            [("a.yaml", "x"), ("b.yaml", "y")],
            [("a.yaml", "x"), ("b.yaml\n" + "0" * 64 + "  c", "y")],
        ),
    ],
)
def test_two_different_folders_never_share_a_fingerprint(first, second):
    one = [Source(f"/rules/{name}", text) for name, text in first]
    other = [Source(f"/rules/{name}", text) for name, text in second]
    assert fingerprint(one, folder=True) != fingerprint(other, folder=True)


@pytest.mark.parametrize(
    ("bounds", "message"),
    [
        ("min: 0.2, max: 0.8", "no whole number lies between min (0.2) and max (0.8)"),
        ("min: 0, max: .inf", "must be a finite number, not .nan nor .inf"),
        ("min: 3, max: 1", "min (3) is greater than max (1)"),
    ],
)
def test_a_number_question_must_accept_some_answer(problems_in, bounds, message):
    text = edit(
        BASE,
        "    type: yes_no\n",
        f"    type: number\n    {bounds.replace(', ', chr(10) + '    ')}\n",
    )
    problem = only(problems_in(text))
    where = "questions[0].max" if "finite" in message else "questions[0]"
    assert problem.message == f"{where}: {message}"

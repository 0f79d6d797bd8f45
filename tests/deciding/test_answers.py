"""Reading answers: typed at a prompt, given up front, from files; and showing them in words."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import HOSTILE

from triage.deciding.answers import (
    accepted,
    display,
    from_items,
    from_mapping,
    from_typed,
    from_value,
    parse_pairs,
)
from triage.deciding.engine import assess
from triage.errors import AnswerError, ExitStatus
from triage.output import formats
from triage.output.answers_document import read_answers
from triage.rulesets.files import read_sources
from triage.rulesets.load import load_rules

NUMBERS_RULES = load_rules(read_sources(HOSTILE / "corpus" / "rules" / "number.yaml"))

NUMBERS = """\
id: numbers
version: "1"
title: Numbers
questions:
  - {id: age, type: number, min: 0, max: 120, text: "How old are you?"}
  - id: temperature
    type: number
    min: 35
    max: 42
    integer: false
    unit: °C
    text: Your temperature?
outcomes:
  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: R.}
decisions:
  - {outcome: relax, reason: Always.}
"""

YES_NO_HINT = "Please answer y (yes) or n (no)."
CHOICE_HINT = "Please type a number from 1 to 3, or a choice's name."
MULTI_HINT = "Please type the numbers of all that apply (e.g. 1 3), or 0 for none of these."


@pytest.fixture
def q(mini):
    return mini.question


@pytest.fixture
def numbers(load_text):
    return load_text(NUMBERS)


# ------------------------------------------------------------------ typed


@pytest.mark.parametrize(
    ("text", "value"),
    [("y", True), ("yes", True), (" YES \n", True), ("Y", True), ("n", False), ("No", False)],
)
def test_typed_yes_no(q, text, value):
    assert from_typed(q("fever"), text) is value


@pytest.mark.parametrize("text", ["", "1", "0", "true", "maybe", "yes no"])
def test_typed_yes_no_rejects_anything_else(q, text):
    with pytest.raises(AnswerError) as caught:
        from_typed(q("fever"), text)
    assert str(caught.value) == YES_NO_HINT


@pytest.mark.parametrize(
    ("text", "value"),
    [("1", "days"), ("3", "months"), ("weeks", "weeks"), (" WEEKS\n", "weeks")],
)
def test_typed_choice_by_number_or_key(q, text, value):
    assert from_typed(q("duration"), text) == value


@pytest.mark.parametrize("text", ["", "0", "4", "-1", "1 2", "day", "1.5"])
def test_typed_choice_rejects_anything_else(q, text):
    with pytest.raises(AnswerError) as caught:
        from_typed(q("duration"), text)
    assert str(caught.value) == CHOICE_HINT


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", ("chest_pain",)),
        ("2", ("swollen_calf",)),
        ("1 2", ("chest_pain", "swollen_calf")),
        ("2 1", ("chest_pain", "swollen_calf")),  # in the rule set's order
        ("1,2", ("chest_pain", "swollen_calf")),
        ("2, 1", ("chest_pain", "swollen_calf")),
        ("1 1", ("chest_pain",)),
        ("swollen_calf", ("swollen_calf",)),
        ("0", ()),
        ("none", ()),
        ("NONE", ()),
        ("-", ()),
    ],
)
def test_typed_multi_choice(q, text, value):
    assert from_typed(q("signs"), text) == value


@pytest.mark.parametrize("text", ["", "3", "0 1", "1 3", "fever", "1;2"])
def test_typed_multi_choice_rejects_anything_else(q, text):
    with pytest.raises(AnswerError) as caught:
        from_typed(q("signs"), text)
    assert str(caught.value) == MULTI_HINT


def test_typed_number(numbers):
    assert from_typed(numbers.question("age"), " 42\n") == 42
    assert from_typed(numbers.question("temperature"), "38,5") == 38.5
    for text in ["", "abc", "121", "-1", "4.5"]:
        with pytest.raises(AnswerError) as caught:
            from_typed(numbers.question("age"), text)
        assert str(caught.value) == "Please type a whole number from 0 to 120."


# ------------------------------------------------------------------ up front


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (True, True),
        (False, False),
        ("yes", True),
        ("Y", True),
        ("true", True),
        (" no ", False),
        ("n", False),
        ("FALSE", False),
    ],
)
def test_value_yes_no(q, raw, value):
    assert from_value(q("fever"), raw) is value


@pytest.mark.parametrize("raw", ["1", "0", 1, 0, None, "maybe", ""])
def test_value_yes_no_rejects_anything_else(q, raw):
    with pytest.raises(AnswerError) as caught:
        from_value(q("fever"), raw)
    assert str(caught.value) == f"{raw!r} is not an answer to 'fever'; accepted: yes, no"
    assert caught.value.status == ExitStatus.ANSWERS_INVALID


@pytest.mark.parametrize(("raw", "value"), [("weeks", "weeks"), (" Months ", "months")])
def test_value_choice(q, raw, value):
    assert from_value(q("duration"), raw) == value


@pytest.mark.parametrize("raw", ["2", 2, None, "week", ["weeks"], True])
def test_value_choice_rejects_anything_else(q, raw):
    with pytest.raises(AnswerError) as caught:
        from_value(q("duration"), raw)
    assert str(caught.value) == (
        f"{raw!r} is not an answer to 'duration'; accepted: one of days, weeks, months"
    )


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (None, ()),
        ("", ()),
        ("none", ()),
        ("-", ()),
        ([], ()),
        ("chest_pain", ("chest_pain",)),
        ("swollen_calf,chest_pain", ("chest_pain", "swollen_calf")),
        ("swollen_calf, Chest_Pain", ("chest_pain", "swollen_calf")),
        (["swollen_calf", "chest_pain"], ("chest_pain", "swollen_calf")),
        (("chest_pain",), ("chest_pain",)),
    ],
)
def test_value_multi_choice(q, raw, value):
    assert from_value(q("signs"), raw) == value


@pytest.mark.parametrize(
    "raw", ["0", "1", [1], ["1"], "chest_pain,,", "fever", ["chest_pain", "x"], {"a": 1}, 3]
)
def test_value_multi_choice_rejects_anything_else(q, raw):
    with pytest.raises(AnswerError) as caught:
        from_value(q("signs"), raw)
    message = str(caught.value)
    assert "is not an answer to 'signs'" in message
    assert message.endswith("accepted: any of chest_pain, swollen_calf, comma-separated, or none")


@pytest.mark.parametrize(("raw", "value"), [(42, 42), ("42", 42), (0, 0), (120.0, 120)])
def test_value_whole_number(numbers, raw, value):
    answer = from_value(numbers.question("age"), raw)
    assert answer == value
    assert isinstance(answer, int)


@pytest.mark.parametrize("raw", [121, -1, 4.5, "4.5", "old", True, None, [42]])
def test_value_whole_number_rejects_anything_else(numbers, raw):
    with pytest.raises(AnswerError) as caught:
        from_value(numbers.question("age"), raw)
    assert str(caught.value).endswith("accepted: a whole number from 0 to 120")


def test_value_decimal_number(numbers):
    question = numbers.question("temperature")
    assert from_value(question, 38.5) == 38.5
    assert from_value(question, "38,5") == 38.5
    with pytest.raises(AnswerError, match="accepted: a number from 35 to 42"):
        from_value(question, 43)


def test_accepted_lists_each_type(q, numbers):
    assert accepted(q("fever")) == "yes, no"
    assert accepted(q("duration")) == "one of days, weeks, months"
    assert accepted(q("signs")) == "any of chest_pain, swollen_calf, comma-separated, or none"
    assert accepted(numbers.question("temperature")) == "a number from 35 to 42"


# ------------------------------------------------------------------ mappings


def test_from_mapping_converts_every_answer(mini):
    given = {"signs": "none", "fever": "no", "pain": True, "duration": "Weeks", "extras": []}
    assert from_mapping(mini, given) == {
        "signs": (),
        "fever": False,
        "pain": True,
        "duration": "weeks",
        "extras": (),
    }


def test_from_mapping_rejects_an_unknown_id_with_a_suggestion(mini):
    with pytest.raises(AnswerError) as caught:
        from_mapping(mini, {"fevr": "no"})
    assert str(caught.value) == "unknown question 'fevr': did you mean 'fever'?"


def test_from_mapping_lists_known_ids_when_nothing_is_close(mini):
    with pytest.raises(AnswerError) as caught:
        from_mapping(mini, {"zzz": "no"})
    assert str(caught.value) == (
        "unknown question 'zzz': known: signs, fever, pain, duration, extras"
    )


def test_from_mapping_rejects_a_wrong_value(mini):
    with pytest.raises(AnswerError, match="'often' is not an answer to 'duration'"):
        from_mapping(mini, {"duration": "often"})


def test_parse_pairs():
    assert parse_pairs(["a=b", " c = d ", "e=f=g", "h=", "a=last"]) == [
        ("a", "b"),
        ("c", "d"),
        ("e", "f=g"),
        ("h", ""),
        ("a", "last"),
    ]
    assert parse_pairs([]) == []


def test_a_question_answered_twice_differently_is_an_error_naming_it(mini):
    with pytest.raises(AnswerError) as caught:
        from_items(mini, [("fever", "yes"), ("signs", "none"), ("fever", "no")])
    assert str(caught.value) == "'fever' is answered twice, True and False: give one answer"


def test_a_question_answered_twice_the_same_way_is_one_answer(mini):
    given = [("fever", "yes"), ("signs", "chest_pain"), ("fever", True), ("signs", ["chest_pain"])]
    assert from_items(mini, given) == {"fever": True, "signs": ("chest_pain",)}


@pytest.mark.parametrize("pair", ["fever", "=yes", " =yes", ""])
def test_parse_pairs_rejects_a_pair_without_id_or_equals(pair):
    with pytest.raises(AnswerError) as caught:
        parse_pairs([pair])
    assert str(caught.value) == f"--answer takes ID=VALUE, got {pair!r}"


@pytest.mark.parametrize(
    "text",
    [
        "fever: yes\nfever: no\n",
        '{"fever": true, "fever": false}',
        '{"answers": {"signs": [chest_pain], "signs": []}}',
    ],
)
def test_parse_document_refuses_a_key_given_twice(text):
    with pytest.raises(AnswerError, match=r"a\.yaml:\d+:\d+: the key '\w+' appears twice"):
        parse_document(text, "a.yaml")


# ------------------------------------------------------------------ documents


def parse_document(text: str, name: str) -> dict[str, object]:
    """The answers an answers document gives (see `output.answers_document`)."""
    return read_answers(text, name).answers


def test_parse_document_reads_yaml():
    text = "signs: []\nfever: no\nduration: weeks\nextras: [pregnancy]\n"
    assert parse_document(text, "a.yaml") == {
        "signs": [],
        "fever": False,
        "duration": "weeks",
        "extras": ["pregnancy"],
    }


def test_parse_document_reads_json():
    text = json.dumps({"signs": [], "fever": False, "pain": "yes"})
    assert parse_document(text, "a.json") == {"signs": [], "fever": False, "pain": "yes"}


def test_parse_document_reads_the_answers_of_a_saved_result(mini, make_doc):
    given = {"signs": (), "fever": False, "pain": True, "duration": "weeks", "extras": ()}
    result = assess(mini, given)
    saved = formats.to_json(make_doc(result, mini))
    answers = parse_document(saved, "result.json")
    assert answers == {"signs": [], "fever": False, "pain": True, "duration": "weeks", "extras": []}
    assert assess(mini, from_mapping(mini, answers)).outcome.id == result.outcome.id


def test_parse_document_of_an_empty_file_is_no_answers():
    assert parse_document("", "a.yaml") == {}
    assert parse_document("# nothing\n", "a.yaml") == {}


def test_parse_document_reports_invalid_yaml_with_its_position():
    with pytest.raises(AnswerError) as caught:
        parse_document("fever: no\nsigns: [a\n", "answers.yaml")
    assert str(caught.value).startswith("answers.yaml:3:1: not valid YAML: ")


def test_parse_document_reports_invalid_json_with_its_position():
    with pytest.raises(AnswerError) as caught:
        parse_document('{"fever": no,\n  "signs": [}', "a.json")
    message = str(caught.value)
    assert message.startswith("a.json:2:")
    assert ": not valid YAML: " in message


@pytest.mark.parametrize("text", ["- fever\n- no\n", "just words\n", "42\n", "{1: yes}\n"])
def test_parse_document_requires_a_mapping_of_ids(text):
    with pytest.raises(AnswerError) as caught:
        parse_document(text, "a.yaml")
    assert str(caught.value) == "a.yaml: answers must be a mapping of question ids to values"


# ------------------------------------------------------------------ display


def test_display_in_words(q, numbers):
    assert display(q("fever"), True) == "yes"
    assert display(q("fever"), False) == "no"
    assert display(q("duration"), "weeks") == "A few weeks"
    assert display(q("signs"), ("chest_pain", "swollen_calf")) == "Chest pain, A swollen calf"
    assert display(q("signs"), ()) == "none of these"
    assert display(numbers.question("age"), 42) == "42"
    assert display(numbers.question("temperature"), 38.5) == "38.5 °C"


# ------------------------------------------------------------------ one meaning per document

SAVED_KEYS = '"result_version": 1, "outcome": "relaxation", '


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('{"answers": {"red_flags": "none"}, "red_flags": "fever"}', "red_flags"),
        ('{"fever": true, "answers": {"red_flags": "none"}}', "fever"),
        ("answers: {red_flags: none}\nfever: yes\n", "fever"),
        ('{"answers": {}, "pain": 1}', "pain"),
        ("{" + SAVED_KEYS + '"answers": {}, "red_flags": ["fever"]}', "red_flags"),
        ("{" + SAVED_KEYS + '"answers": {},\n "signs": "a"}', "signs"),
    ],
    ids=["after", "before", "yaml", "number", "beside-a-saved-result", "a-question-id"],
)
def test_an_answer_beside_answers_is_refused_at_its_place(text, key):
    at = text.rindex(f'"{key}":') if f'"{key}":' in text else text.rindex(f"\n{key}:") + 1
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    with pytest.raises(AnswerError) as caught:
        read_answers(text, "d.json")
    assert str(caught.value).startswith(f"d.json:{line}:{column}: {key!r} beside a saved result")


def test_a_saved_result_without_an_answers_mapping_is_refused():
    with pytest.raises(AnswerError, match=r"d\.json:1:\d+: a saved result holds its answers"):
        read_answers('{"result_version": 1, "answers": ["fever"]}', "d.json")


def test_a_result_key_beside_answers_is_kept_only_in_a_saved_result():
    saved = read_answers("{" + SAVED_KEYS + '"answers": {"pain": "yes"}}', "d.json")
    assert saved.answers == {"pain": "yes"}
    assert saved.recorded is not None and saved.recorded.outcome == "relaxation"
    with pytest.raises(AnswerError, match="'outcome' beside a saved result"):
        read_answers('{"outcome": "relaxation", "answers": {"pain": "yes"}}', "d.json")


# ------------------------------------------------------------------ numbers as written


@pytest.mark.parametrize(
    ("written", "yaml_reads"),
    [
        ("010", "8"),
        ("-010", "-8"),
        ("0x0A", "10"),
        ("0b1010", "10"),
        ("1_0", "10"),
        ("1:30", "90"),
        ("0o12", None),
        (".5", "0.5"),
        ("1.0e+1", "10.0"),
        ("00.5", "0.5"),
        ("+.5", None),
        ("1.", "1.0"),
    ],
)
def test_a_number_not_written_in_decimal_is_refused_at_its_place(written, yaml_reads):
    text = f"signs: none\npain: {written}\n"
    if yaml_reads is None:  # YAML 1.1 reads it as a text: refused as --answer refuses it
        with pytest.raises(AnswerError, match="not an answer"):
            from_mapping(NUMBERS_RULES, read_answers(text, "a.yaml").answers)
        return
    with pytest.raises(AnswerError) as caught:
        read_answers(text, "a.yaml")
    message = str(caught.value)
    assert message.startswith(f"a.yaml:2:7: {written} is not a number written in decimal")
    assert f"(YAML would read it as {yaml_reads})" in message


@pytest.mark.parametrize(
    "place", ["answers: {{pain: {n}}}", "{{pain: [{n}]}}", "a: &x {n}\npain: *x"]
)
def test_a_number_is_checked_wherever_it_sits_among_the_answers(place):
    with pytest.raises(AnswerError, match="010 is not a number written in decimal"):
        read_answers(place.format(n="010") + "\n", "a.yaml")


def test_a_saved_results_other_numbers_are_not_answers():
    """A saved result's scores may be written by JSON as 1.5e-05: not an answer, kept."""
    text = "{" + SAVED_KEYS + '"scores": {"x": 1.5e-05}, "answers": {"pain": 3}}'
    assert read_answers(text, "r.json").answers == {"pain": "3"}


def test_a_number_in_a_file_is_read_exactly_as_on_the_command_line():
    from_file = from_mapping(NUMBERS_RULES, read_answers("pain: 7\n", "a.yaml").answers)
    typed = from_mapping(NUMBERS_RULES, {"pain": "7"})
    assert from_file == typed == {"pain": 7}


def test_a_number_in_a_file_is_not_a_text():
    rules = NUMBERS_RULES
    with pytest.raises(AnswerError, match="not an answer to 'pick'"):
        from_mapping(rules, read_answers("pick: 1\n", "a.yaml").answers)


@given(
    st.integers(min_value=-(10**6), max_value=10**6),
    st.sampled_from(["{:d}", "0{:o}", "0x{:x}", "0b{:b}", "{:_d}", "{:d}.0", "0{:d}", "{:d}:00"]),
    st.booleans(),
)
def test_any_yaml_integer_spelling_is_its_decimal_value_or_refused_with_its_place(
    number, form, plus
):
    """YAML 1.1 spells an integer many ways; a file gives its decimal value or a located no."""
    sign = "-" if number < 0 else ("+" if plus else "")
    written = sign + form.format(abs(number))
    try:
        answers = read_answers(f"pain: {written}\n", "a.yaml").answers
    except AnswerError as error:
        assert str(error).startswith("a.yaml:1:7: "), error
        return
    value = answers["pain"]
    assert value == written  # handed on as written, and read as --answer reads it
    assert float(value) == number


def test_a_huge_hex_number_is_refused_without_printing_it_whole():
    with pytest.raises(AnswerError) as caught:
        read_answers("pain: 0x" + "f" * 5000 + "\n", "a.yaml")
    assert "(YAML would read it as a number of 20000 bits)" in str(caught.value)
    assert len(str(caught.value)) < 300


IDS = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True).filter(lambda k: k != "answers")
VALUES = st.one_of(st.booleans(), st.sampled_from(["none", "yes", "x"]), st.lists(IDS, max_size=3))


@given(
    st.dictionaries(IDS, VALUES, max_size=4),
    st.dictionaries(IDS, VALUES, min_size=1, max_size=3),
    st.booleans(),
)
def test_any_answer_beside_an_answers_mapping_is_refused_where_it_is(inner, beside, first):
    """However the document is laid out, an answer next to `answers:` is never dropped."""
    parts = [json.dumps({"answers": inner})[1:-1], json.dumps(beside)[1:-1]]
    text = "{" + ",\n".join(parts if not first else parts[::-1]) + "}"
    with pytest.raises(AnswerError) as caught:
        read_answers(text, "d.json")
    message = str(caught.value)
    line = 1 if first else 2
    assert message.startswith(f"d.json:{line}:")
    assert "beside a saved result" in message
    assert any(f"{key!r} beside" in message for key in beside)

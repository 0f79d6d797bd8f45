"""Property tests: whatever the answers, the typed text or the rule file, the core either
gives a result or a documented error, never another exception, and a red flag given is
never lost."""

from __future__ import annotations

import contextlib
from fractions import Fraction

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from triage.deciding import engine, interview
from triage.deciding.answers import from_items, from_mapping
from triage.errors import AnswerError, RulesError
from triage.output.answers_document import read_answers
from triage.rulesets.files import Source
from triage.rulesets.load import load_rules
from triage.rulesets.model import (
    ChoiceQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    TextQuestion,
)

SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["yes", "no", "none", "fever", "1,000", "\u00b2", "\u0661", "0", "1", ""]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


@SETTINGS
@given(st.data())
def test_any_answers_give_a_result_or_an_answer_error(default_rules, data):
    ids = [q.id for q in default_rules.questions]
    keys = st.one_of(st.sampled_from(ids), st.text(max_size=12))
    given_answers = data.draw(st.lists(st.tuples(keys, VALUES), max_size=12))
    try:
        answers = from_items(default_rules, given_answers)
        result = engine.assess(default_rules, answers)
    except (AnswerError, engine.NoOutcome):
        return
    flagged = set(answers.get("red_flags", ())) | set(answers.get("emergency_signs", ()))
    if flagged:  # a red flag accepted is never lost: no massage
        assert result.outcome.id in ("see_doctor", "emergency")


@SETTINGS
@given(st.text(max_size=300))
def test_any_answers_document_is_read_or_refused_in_one_answer_error(text):
    try:
        found = read_answers(text, "a.yaml").answers
    except AnswerError as error:
        assert "\n" not in str(error)
        return
    assert isinstance(found, dict)


@SETTINGS
@given(st.dictionaries(st.text(max_size=10), VALUES, max_size=5))
def test_any_yaml_mapping_as_answers_is_checked(default_rules, mapping):
    text = yaml.safe_dump(mapping, allow_unicode=True)
    with contextlib.suppress(AnswerError):
        from_mapping(default_rules, read_answers(text, "a.yaml").answers)


@SETTINGS
@given(st.data())
def test_any_text_typed_at_any_question_is_an_answer_of_its_domain_or_refused(default_rules, data):
    from tests_numbers import NUMBERS_RULES

    rules = data.draw(st.sampled_from([default_rules, NUMBERS_RULES]))
    question = data.draw(st.sampled_from(rules.questions))
    typed = data.draw(
        st.one_of(
            st.text(max_size=40),
            st.from_regex(r"[0-9 ,.+\-]{0,12}", fullmatch=True),
            st.sampled_from(["\u00b2", "\u0661", "\uff15", "1,000", "9" * 5000, "nan", "inf"]),
        )
    )
    try:
        command = interview.interpret(question, typed)
    except AnswerError:
        return
    if not isinstance(command, interview.Answer):
        return
    value = command.value
    if isinstance(question, NumberQuestion):
        assert isinstance(value, int | Fraction) and not isinstance(value, bool)  # exact
        assert question.min <= value <= question.max
        assert typed.strip().isascii()
    elif isinstance(question, ChoiceQuestion):
        assert value in {c.key for c in question.choices}
    elif isinstance(question, MultiChoiceQuestion):
        assert set(value) <= {c.key for c in question.choices}  # type: ignore[arg-type]
    elif isinstance(question, TextQuestion):  # one line, bounded, nothing a terminal obeys
        assert isinstance(value, str) and len(value) <= question.max_length
        assert value.isprintable() and "\n" not in value
    else:
        assert isinstance(value, bool)


IDENT = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)
TEXT = st.one_of(
    st.text(max_size=20),
    st.dictionaries(
        st.sampled_from(["en", "fr", "reception", "x"]), st.text(max_size=10), max_size=3
    ),
)
NUMBER = st.one_of(st.integers(-(10**6), 10**6), st.floats(), st.sampled_from([".nan", ".inf"]))
QUESTION = st.fixed_dictionaries(
    {
        "id": IDENT,
        "type": st.sampled_from(["yes_no", "choice", "multi_choice", "number", "x"]),
        "text": TEXT,
    },
    optional={
        "choices": st.lists(st.fixed_dictionaries({"key": IDENT, "label": TEXT}), max_size=4),
        "min": NUMBER,
        "max": NUMBER,
        "red_flag": IDENT,
        "when": st.fixed_dictionaries({"question": IDENT}, optional={"is": SCALARS, ">=": NUMBER}),
    },
)
RULE_SET = st.fixed_dictionaries(
    {
        "id": IDENT,
        "version": st.one_of(st.text(max_size=8), st.integers()),
        "title": TEXT,
        "questions": st.lists(QUESTION, min_size=0, max_size=4),
        "outcomes": st.lists(
            st.fixed_dictionaries(
                {
                    "id": IDENT,
                    "kind": st.sampled_from(["massage", "referral"]),
                    "severity": st.integers(-5, 50),
                    "title": TEXT,
                    "advice": TEXT,
                    "if_worse": TEXT,
                },
                optional={"ends_walk": st.booleans()},
            ),
            max_size=3,
        ),
        "decisions": st.lists(
            st.fixed_dictionaries(
                {"outcome": IDENT, "reason": TEXT},
                optional={"when": st.fixed_dictionaries({"question": IDENT, "is": SCALARS})},
            ),
            max_size=3,
        ),
    },
    optional={"cautions": st.lists(VALUES, max_size=2), "unknown": VALUES},
)


@SETTINGS
@given(RULE_SET, st.data())
def test_any_generated_rule_file_loads_or_every_problem_is_located(rule_set, data):
    text = yaml.safe_dump(rule_set, allow_unicode=True, sort_keys=False)
    if data.draw(st.booleans()):  # and now and then, a few characters broken
        at = data.draw(st.integers(0, max(0, len(text) - 1)))
        text = text[:at] + data.draw(st.text(max_size=3)) + text[at + 1 :]
    try:
        load_rules([Source("gen.yaml", text)])
    except RulesError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == "gen.yaml", problem
            assert "\n" not in problem.message

"""Numbers at the edges: read, compared and proven exactly, so what is proven is what runs.

A rule set's bounds and thresholds are the fractions written (never a float rounded on
the way), a number answer is the decimal typed, and the prover reasons over exactly
the numbers a person can type within a range (at most 15 digits each side of the
point). Each test below would fail if a float rounded, overflowed or lost a value.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from cli_run import triage
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import agree
from rulegen import EDGES, EXAMPLES, load, rule_sets

from triage.deciding import engine
from triage.deciding.answers import from_typed, from_value
from triage.deciding.prove import prove
from triage.errors import AnswerError, RulesError
from triage.rulesets.conditions import holds
from triage.rulesets.files import Source
from triage.rulesets.load import load_rules
from triage.rulesets.model import NumberQuestion, RuleSet
from triage.rulesets.numbers import exact, json_number, positional, text

RULES = """
id: edges
version: "1"
title: Edges
questions:
  - {id: sign, type: yes_no, text: 'A sign?', red_flag: doctor}
  - {id: level, type: number, min: MIN, max: MAX, integer: INTEGER, text: 'Level?'}
outcomes:
  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: W.}
  - {id: doctor, kind: referral, severity: 20, title: D, advice: D., if_worse: W.}
decisions:
  - {outcome: doctor, when: {all: [{question: sign, is: yes}, FLAGGED]}, reason: Flag.}
  - {outcome: relax, reason: Always.}
"""


def edges(flagged: str, low: str = "-1.0e308", high: str = "1.0e308", integer: bool = False) -> str:
    """A red flag that reaches its referral only when `flagged` holds of `level`."""
    text = RULES.replace("MIN", low).replace("MAX", high).replace("FLAGGED", flagged)
    return text.replace("INTEGER", "true" if integer else "false")


def rules_of(text: str) -> RuleSet:
    return load_rules([Source("edges.yaml", text)])


# ------------------------------------------------------------ the example


EXTREMES = '{any: [{question: level, "<=": -1.0e308}, {question: level, ">=": 1.0e308}]}'


def test_a_flag_sent_to_its_referral_only_at_the_ends_of_the_float_range_fails(
    tmp_path: Path,
) -> None:
    path = tmp_path / "extremes.yaml"
    path.write_text(edges(EXTREMES))
    verified = triage("rules", "verify", str(path), expect=1)
    assert verified.code == 1
    assert "VIOLATION [red_flag:sign]" in verified.out
    assert "--answer sign=yes --answer level=0" in verified.out  # as round as it can be
    refused = triage(
        "assess",
        "--rules",
        str(path),
        "-a",
        "sign=yes",
        "-a",
        "level=0",
        expect=5,
    )
    assert refused.code == 5 and "relax" not in refused.out
    allowed = triage(
        "assess", "--rules", str(path), "-a", "sign=yes", "-a", "level=0", "--allow-unverified"
    )
    assert allowed.code == 0 and "failed verification" in allowed.output


@pytest.mark.parametrize(
    ("flagged", "low", "high", "unsafe"),
    [
        # Only a subnormal (or a number between 0 and it) is sent on: 0.000000000000001 is not.
        ('{question: level, "<=": 4.9406564584124654e-324}', "0", "1", "0.000000000000001"),
        ('{question: level, "<": 2.2250738585072014e-308}', "0", "1", "0.000000000000001"),
        # A threshold no typed number reaches, above or below.
        ('{question: level, ">=": 1.0e300}', "-1.0e308", "1.0e308", "0"),
        ('{question: level, "<=": -1.0e15}', "-1.0e308", "1.0e308", "0"),
        # 0.1-style decimals: 0.3 is sent on, 0.30000000000000004 (0.1 + 0.2 in floats) not.
        ('{question: level, "<=": 0.3}', "0", "1", "0.300000000000001"),
        ('{question: level, ">": 0.1}', "0", "0.3", "0.1"),
        # The last step a person can type, and a tiny number beyond it.
        ('{question: level, ">=": 0.000000000000001}', "0", "0.1", "0"),
        ('{question: level, ">": 1e-400}', "0", "1", "0"),
    ],
)
def test_the_one_unsafe_number_is_found_and_the_engine_agrees(
    flagged: str, low: str, high: str, unsafe: str
) -> None:
    rules = rules_of(edges(flagged, low, high))
    (violation,) = prove(rules, reachability=False).violations
    assert violation.rule == "red_flag:sign"
    level = dict(violation.answers)["level"]
    result = engine.assess(rules, {"sign": True, "level": level})
    assert result.outcome.id == "relax"  # the counter-example replays
    given = from_value(rules.question("level"), unsafe)
    assert engine.assess(rules, {"sign": True, "level": given}).outcome.id == "relax"


@pytest.mark.parametrize(
    ("flagged", "low", "high", "integer"),
    [
        ('{question: level, "<=": 1.0e308}', "-1.0e308", "1.0e308", False),
        ('{question: level, ">=": -1.7976931348623157e308}', "-1.0e308", "1.0e308", False),
        ('{question: level, ">": 4.9406564584124654e-324}', "0.000000000000001", "1", False),
        ('{question: level, ">=": 0.1}', "0.1", "0.3", False),
        ('{question: level, "<": 999999999999999.5}', "0", "9223372036854775807", True),
        ('{question: level, ">": 0.30000000000000004}', "0.300000000000001", "1", False),
    ],
)
def test_a_flag_sent_on_for_every_number_a_person_can_type_is_proven(
    flagged: str, low: str, high: str, integer: bool
) -> None:
    assert prove(rules_of(edges(flagged, low, high, integer))).ok


# ------------------------------------------------------------ held exactly


def test_a_rule_set_keeps_every_number_as_written() -> None:
    text = edges("{question: level, is: 9223372036854775807}", "-9223372036854775809", "0.1")
    rules = rules_of(text.replace("integer: false", "integer: true"))
    level = rules.question("level")
    assert isinstance(level, NumberQuestion)
    assert level.min == -(2**63) - 1 and level.max == Fraction(1, 10)  # floats: -2**63, 0.1+
    (atom,) = rules.decisions[0].when.all[1:]  # type: ignore[union-attr]
    assert atom.operand == 2**63 - 1  # as a float it is 2**63
    tiny = rules_of(edges('{question: level, ">": 1e-400}', "0", "1.0e308"))
    (atom,) = tiny.decisions[0].when.all[1:]  # type: ignore[union-attr]
    assert atom.operand == Fraction(1, 10**400)  # as a float it is 0
    assert tiny.question("level").max == 10**308  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("0.1", Fraction(1, 10)),
        ("1.0e308", Fraction(10**308)),
        ("4.9406564584124654e-324", Fraction("4.9406564584124654e-324")),
        ("9223372036854775809", Fraction(2**63 + 1)),
        ("-1e-400", -Fraction(1, 10**400)),
        (Decimal("0.30000000000000004"), Fraction("0.30000000000000004")),
        (0.1, Fraction(1, 10)),  # a float from Python: the decimal it was written as
        (7, Fraction(7)),
    ],
)
def test_a_number_is_read_exactly(written: object, expected: Fraction) -> None:
    assert exact(written) == expected


@pytest.mark.parametrize(
    "written",
    [
        "1.0e309",  # beyond a float's range, as before
        "1e-401",  # a fraction too small to keep
        "1e999999999",  # refused before 10**999999999 is computed
        Decimal("-1e999999999"),
        Decimal("1e-999999999"),
        "inf",
        float("nan"),
        Decimal("NaN"),
        True,
        "0x10",
        "1_0",
        " 1",
        "",
        None,
    ],
)
def test_a_number_out_of_range_or_not_a_number_is_refused(written: object) -> None:
    with pytest.raises(ValueError):
        exact(written)


def test_a_rule_set_with_a_number_no_one_can_type_is_refused() -> None:
    for low, high, integer in [
        ("9223372036854775807", "9223372036854775809", True),  # 19 digits
        ("1.0e300", "1.0e308", False),
        ("0.0000000000000001", "0.0000000000000009", False),  # 16 decimals
    ]:
        with pytest.raises(RulesError) as refused:
            rules_of(edges('{question: level, ">": 0}', low, high, integer))
        (problem,) = refused.value.problems
        assert "no number a person can type" in problem.message and problem.line == 7


# ------------------------------------------------------------ answers


def question(low: str = "-1.0e308", high: str = "1.0e308", integer: bool = False) -> NumberQuestion:
    level = rules_of(edges('{question: level, ">": 0}', low, high, integer)).question("level")
    assert isinstance(level, NumberQuestion)
    return level


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0.1", Fraction(1, 10)),
        ("0,3", Fraction(3, 10)),
        ("999999999999999.999999999999999", Fraction("999999999999999.999999999999999")),
        ("-0.000000000000001", Fraction(-1, 10**15)),
        (Decimal("0.300000000000001"), Fraction("0.300000000000001")),  # from a file
        (999999999999999, Fraction(999999999999999)),
    ],
)
def test_a_number_answer_is_the_decimal_given(raw: object, expected: Fraction) -> None:
    value = from_value(question(), raw)
    assert value == expected and isinstance(value, Fraction)


@pytest.mark.parametrize(
    "raw",
    [
        "1000000000000000",  # 16 digits
        1000000000000000,
        Decimal("1E+15"),
        Decimal("1e999999999"),  # refused without computing it
        Decimal("0.0000000000000001"),  # 16 decimals
        Decimal("Infinity"),
        float("inf"),
        "1e5",
    ],
)
def test_a_number_a_person_cannot_type_is_refused_however_given(raw: object) -> None:
    with pytest.raises(AnswerError):
        from_value(question(), raw)


def test_a_whole_number_answer_is_an_int_and_a_typed_one_is_exact() -> None:
    whole = question("0", "999999999999999", integer=True)
    assert from_value(whole, "999999999999999") == 999999999999999
    assert isinstance(from_value(whole, "5.0"), int)
    with pytest.raises(AnswerError):
        from_value(whole, "5.000000000000001")  # not rounded to 5
    assert from_typed(question("0", "1"), "0.30000000000000004".replace("04", "")) == Fraction(
        3, 10
    )


def test_comparisons_are_exact_where_floats_are_not() -> None:
    rules = rules_of(edges('{question: level, ">": 0.1}', "0", "1"))
    flagged = rules.decisions[0].when
    level = rules.question("level")
    just_above = from_value(level, "0.100000000000001")
    assert holds(flagged, {"sign": True, "level": just_above})
    assert not holds(flagged, {"sign": True, "level": from_value(level, "0.1")})
    at_2_63 = rules_of(edges("{question: level, is: 9223372036854775808}", "0", "1"))
    assert not holds(at_2_63.decisions[0].when, {"sign": True, "level": 2**63 - 1})


def test_numbers_are_written_out_exactly() -> None:
    assert text(Fraction(10**308)) == "1e+308"
    assert text(Fraction(2**63 + 1)) == "9223372036854775809"
    assert text(Fraction(1, 10)) == "0.1"
    assert text(Fraction(1, 3)) == "0.333333"  # a score in thirds: the one rounded case
    big = Fraction("999999999999999.999999999999999")
    assert positional(big) == "999999999999999.999999999999999"
    assert positional(Fraction(-1, 10**15)) == "-0.000000000000001"
    assert json_number(Fraction(1, 10)) == 0.1  # reads back exactly
    assert json_number(Fraction(5)) == 5 and isinstance(json_number(Fraction(5)), int)
    assert json_number(big) == "999999999999999.999999999999999"  # a float would round it


def test_an_exact_answer_reaches_the_json_result_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(edges('{question: level, ">=": 0}', "0", "1000000000000"))
    typed = "123456789012.123456789012345"
    ran = triage(
        "assess", "--rules", str(path), "-a", "sign=no", "-a", f"level={typed}", "-f", "json"
    )
    assert ran.code == 0, ran.output
    assert f'"level": "{typed}"' in ran.out
    saved = tmp_path / "saved.json"
    saved.write_text(ran.out)
    again = triage("assess", "--rules", str(path), "--answers", str(saved), "-f", "json")
    assert again.code == 0 and f'"level": "{typed}"' in again.out


# ------------------------------------------------------------ against the oracle


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rule_sets(EDGES))
def test_the_prover_agrees_with_every_path_on_ranges_at_the_edges(data) -> None:
    rules = load(data)
    if rules is not None:
        agree(rules)


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.sampled_from(EDGES), st.sampled_from(EDGES), st.sampled_from(["<", "<=", ">", ">=", "is"])
)
def test_every_threshold_at_the_edges_agrees_with_the_engine(low: str, threshold: str, op: str):
    high = max(low, "1.0e308", key=Fraction)
    flagged = f'{{question: level, "{op}": {threshold}}}'
    try:
        rules = rules_of(edges(flagged, low, high))
    except RulesError:
        return  # no typeable number in the range
    agree(rules)

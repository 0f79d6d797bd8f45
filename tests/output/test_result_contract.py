"""The JSON result is a public contract: its keys and types are pinned here, and the code,
the shipped JSON Schema, the README's table and real outputs must all agree with them.

A failure here means an integrator would notice: add keys (and a README row), never
rename or remove one, and raise `RESULT_VERSION` for any other change.
"""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
from cli_run import triage
from paths import ROOT

from triage.output.result import RESULT_VERSION, json_schema

EXAMPLE = ROOT / "rules" / "examples" / "back-screening.yaml"

# Every key of a result and its type, as the README's table says them.
CONTRACT = {
    "result_version": "integer",
    "outcome": "string",
    "title": "string",
    "severity": "integer",
    "advice": "string",
    "in_doubt": "boolean",
    "if_worse": "string",
    "contacts": "list of objects",
    "reasons": "list of strings",
    "trace": "list of objects",
    "overruled": "list of strings",
    "flags": "list of strings",
    "flag_details": "list of objects",
    "cautions": "list of strings",
    "caution_details": "list of objects",
    "answers": "object of answers",
    "answers_in_words": "object of strings",
    "scores": "object of numbers",
    "ignored_answers": "list of strings",
    "booking": "object or null",
    "note_answers": "list of objects",
    "language": "string",
    "audience": "string",
    "rules": "object",
    "unverified": "list of strings",
    "tool": "object",
    "to_do": "list of strings",
    "say": "string",
    "safety_net": "string",
    "details": "list of objects",
    "ignored_flags": "list of objects",
    "saved_disagreement": "object or null",
    "verdict": "object",
    "screened_none": "list of objects",
    "booking_note": "string, optional",
}
# The keys of the objects inside a result.
PARTS = {
    "trace": {
        "reason": "string",
        "answers": "object of answers",
        "scores": "object of numbers",
        "answers_in_words": "object of strings",
        "named_answers": "list of objects",
    },
    "flag_details": {
        "id": "string",
        "question": "string",
        "at_least": "string",
        "label": "string",
    },
    "ignored_flags": {
        "id": "string",
        "question": "string",
        "at_least": "string",
        "label": "string",
    },
    "saved_disagreement": {"outcome": "string", "flags": "list of strings"},
    "caution_details": {
        "id": "string",
        "title": "string",
        "advice": "string",
        "to_do": "string",
    },
    "contacts": {"id": "string", "text": "string"},
    "booking": {"appointment": "string", "minutes": "integer"},
    "note_answers": {"question": "string", "name": "string", "answer": "string"},
    "details": {"question": "string", "name": "string", "answer": "string"},
    "rules": {"id": "string", "version": "string", "sha256": "string"},
    "tool": {"name": "string", "version": "string"},
    "verdict": {"headline": "string", "act": "string", "safety_net": "string"},
    "screened_none": {"question": "string", "name": "string"},
}
# An answer: yes/no, a choice's key, a list's keys, or a number.
ANSWER = [
    {"type": "boolean"},
    {"type": "integer"},
    {"type": "number"},
    {"type": "string"},
    {"items": {"type": "string"}, "type": "array"},
]


def words(schema: dict[str, Any], prop: dict[str, Any]) -> str:
    """A property's type as the README says it ("list of strings", "object or null")."""
    if "$ref" in prop:
        return "object"
    if "anyOf" in prop:
        if prop["anyOf"] == ANSWER:
            return "answer"
        kinds = [p for p in prop["anyOf"] if p != {"type": "null"}]
        assert len(kinds) == 1, prop
        return words(schema, kinds[0]) + " or null"
    if prop.get("type") == "array":
        return "list of " + words(schema, prop["items"]) + "s"
    if prop.get("type") == "object" and "additionalProperties" in prop:
        return "object of " + words(schema, prop["additionalProperties"]) + "s"
    return str(prop["type"])


def described(schema: dict[str, Any], part: dict[str, Any]) -> dict[str, str]:
    required = set(part["required"])
    return {
        key: words(schema, prop) + ("" if key in required else ", optional")
        for key, prop in part["properties"].items()
    }


def part_schema(schema: dict[str, Any], key: str) -> dict[str, Any]:
    prop = schema["properties"][key]
    prop = prop.get("items", prop)
    ref = prop["$ref"] if "$ref" in prop else next(p["$ref"] for p in prop["anyOf"] if "$ref" in p)
    return schema["$defs"][ref.rsplit("/", 1)[1]]


def test_the_code_describes_the_pinned_contract() -> None:
    schema = json_schema()
    assert described(schema, schema) == CONTRACT
    for key, keys in PARTS.items():
        assert described(schema, part_schema(schema, key)) == keys, key
    assert schema["properties"]["result_version"]["const"] == RESULT_VERSION == 1
    assert schema["properties"]["audience"]["enum"] == ["client", "reception"]


def test_the_shipped_schema_is_generated_from_the_code() -> None:
    ran = triage("rules", "schema", "--result")
    assert ran.code == 0
    assert json.loads(ran.out) == json_schema()
    kept = json.loads((ROOT / "docs/result.schema.json").read_text(encoding="utf-8"))
    assert kept == json_schema(), "run: triage rules schema --result > docs/result.schema.json"
    jsonschema.Draft202012Validator.check_schema(kept)


def readme_table() -> dict[str, tuple[str, str]]:
    """key -> (type, what it holds), from the README's table of the JSON result."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### The JSON result\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|$", section, re.M)
    return {key: (kind.strip(), holds.strip()) for key, kind, holds in rows}


def test_the_readme_documents_every_key_and_its_type() -> None:
    table = readme_table()
    assert list(table) == list(CONTRACT)
    assert {key: kind for key, (kind, _holds) in table.items()} == CONTRACT
    for key, keys in PARTS.items():  # the row of an object names each of its keys
        holds = table[key][1]
        missing = [name for name in keys if f"`{name}`" not in holds]
        assert not missing, (key, missing)


# ------------------------------------------------------------------ real results

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


# The example rule set with scores: a high worry score (see tests/authoring/test_examples.py).
SCORED = {
    "red_flags": "none",
    "heart_condition": "no",
    "pain_now": "5",
    "back_history": "yes",
    "leg_pain": "no",
    "neck_shoulder_pain": "no",
    "short_walks_only": "no",
    "dressing_slowly": "no",
    "not_safe_active": "yes",
    "worrying_thoughts": "yes",
    "never_better": "yes",
    "not_enjoying": "yes",
    "bothersomeness": "very",
}


def answers_of(answers: dict[str, str]) -> list[str]:
    return [arg for key, value in answers.items() for arg in ("-a", f"{key}={value}")]


def results() -> list[tuple[str, list[str], str | None]]:
    """(name, command line, piped input) of results that together fill every key."""
    background = ["-a", "emergency_signs=none", "-a", "age=18_to_49", "-a", "cautions=none"]
    relaxation = [*background, "-a", "red_flags=none", "-a", "discomfort=no"]
    therapeutic = [
        *("-a", "emergency_signs=none", "-a", "age=18_to_49", "-a", "cautions=pregnancy"),
        *("-a", "pregnancy_warning_signs=no", "-a", "red_flags=none", "-a", "discomfort=yes"),
        *("-a", "areas=neck,shoulder", "-a", "duration=months", "-a", "same_spot=yes"),
        *("-a", "worse_in_positions=no", "-a", "limits_movement=no"),
        *("-a", "organises_around_it=no", "-a", "cautions_details=24 semaines"),
    ]
    in_doubt = [*background, "-a", "red_flags=none", "-a", "discomfort=yes", "-a", "areas=hip"]
    in_doubt += ["-a", "duration=days", "-a", "same_spot=no", "-a", "worse_in_positions=no"]
    in_doubt += ["-a", "limits_movement=no", "-a", "organises_around_it=no"]
    return [
        ("relaxation", ["assess", *relaxation, "-a", "duration=days"], None),
        (
            "an unused warning sign",
            ["assess", *relaxation, "-a", "pregnancy_warning_signs=yes"],
            None,
        ),
        ("an edited saved result", ["assess", "--answers", "-"], edited_saved_result()),
        ("therapeutic in French", ["assess", "--lang", "fr", *therapeutic], None),
        ("in doubt", ["assess", *in_doubt], None),
        ("see_doctor", ["assess", *background, "-a", "red_flags=night_pain"], None),
        (
            "postpone",
            ["assess", *background, "-a", "red_flags=fever", "-a", "infection_signs=none"],
            None,
        ),
        ("emergency", ["assess", "-a", "emergency_signs=swollen_calf"], None),
        ("a call", ["call", "--no-save", "--caller-ref", "B-1"], "0\n3\n0\n0\nn\n\n"),
        ("scores", ["assess", "--rules", str(EXAMPLE), *answers_of(SCORED)], None),
    ]


def edited_saved_result() -> str:
    """A saved result of the default rules whose outcome and flags were edited by hand."""
    from triage.rulesets.files import read_sources
    from triage.rulesets.load import fingerprint

    answers = {"emergency_signs": [], "age": "18_to_49", "cautions": [], "red_flags": []}
    saved = {
        "result_version": 1,
        "outcome": "see_doctor",
        "flags": ["fever"],
        "answers": {**answers, "discomfort": False},
        "rules": {"sha256": fingerprint(read_sources())},
    }
    return json.dumps(saved)


def run_json(args: list[str], stdin: str | None) -> dict[str, Any]:
    ran = triage(*args, "--format", "json", input=stdin or "")
    assert ran.code == 0, ran.err
    data = json.loads(ran.out)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def outputs() -> dict[str, dict[str, Any]]:
    return {name: run_json(args, stdin) for name, args, stdin in results()}


@pytest.mark.parametrize("name", [name for name, _args, _stdin in results()])
def test_a_real_result_has_exactly_the_contract_keys_and_types(outputs, name) -> None:
    data = outputs[name]
    expected = [k for k in CONTRACT if k != "booking_note" or name == "a call"]
    assert list(data) == expected
    VALIDATOR.validate(data)
    assert data["result_version"] == RESULT_VERSION
    for key, keys in PARTS.items():
        for part in data[key] if isinstance(data[key], list) else [data[key]]:
            assert part is None or list(part) == list(keys), (key, part)


def test_the_real_results_fill_every_part(outputs) -> None:
    """So the checks above saw every kind of value, not only empty lists."""
    every = list(outputs.values())
    for key in (*PARTS, "flags", "cautions", "scores", "reasons", "booking_note"):
        assert any(data.get(key) for data in every), key
    assert any(data["booking"] is None for data in every)
    assert any(data["language"] == "fr" for data in every)
    assert any(data["audience"] == "reception" for data in every)
    assert {data["in_doubt"] for data in every} == {True, False}

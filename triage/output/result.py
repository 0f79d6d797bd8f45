"""The result document: what a screening concluded, typed, and its JSON form.

This is the contract between the core and every output (JSON, Markdown, text, the
booking note, the history): renderers read its fields, integrators read its JSON.
The field names are the JSON keys, so `to_json` is the document as plain data and
`json_schema` describes exactly that (docs/result.schema.json). Keys are added, never
renamed; a change a reader could notice raises `RESULT_VERSION`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from fractions import Fraction
from typing import Any, Literal

from triage.rulesets.numbers import json_number
from triage.rulesets.texts import Audience

RESULT_VERSION: Literal[1] = 1

# An answer as the JSON carries it: yes/no, a choice's key, a list's keys, a number.
Answer = bool | int | float | str | tuple[str, ...]

# The attribute docstrings below become the descriptions of the JSON Schema.
_SCHEMA_CONFIG = {"use_attribute_docstrings": True}


@dataclass(frozen=True)
class TraceItem:
    """One reason for the outcome, with the answers behind it."""

    __pydantic_config__ = _SCHEMA_CONFIG

    reason: str
    """The reason, in words."""
    answers: Mapping[str, Answer]
    """The answers that made this rule apply, by question id."""
    scores: Mapping[str, float]
    """The score totals this rule compared, by score id."""
    answers_in_words: Mapping[str, str]
    """The same answers (and score totals) in words, by question id (or score title)."""
    named_answers: tuple[NoteAnswer, ...]
    """The same answers with each question's short name (a score: `score:ID` and its title),
    in words: what a person reads."""


@dataclass(frozen=True)
class Flag:
    """A red flag or emergency sign raised by an answer."""

    __pydantic_config__ = _SCHEMA_CONFIG

    id: str
    """The choice's key, or the yes/no question's id."""
    question: str
    """The question that raised it."""
    at_least: str
    """The least severe outcome this flag allows."""
    label: str
    """The flag in words."""


@dataclass(frozen=True)
class Caution:
    """Something the therapist must know; it never changes the outcome."""

    __pydantic_config__ = _SCHEMA_CONFIG

    id: str
    title: str
    advice: str
    to_do: str
    """The instruction it gives, to the receptionist in a call (e.g. ask which medication and
    note it), to the person otherwise; its advice when the rule set gives none. `advice`
    and `to_do` are empty when the outcome books no massage (a referral)."""


@dataclass(frozen=True)
class SavedResult:
    """What a saved result given back to `--answers` recorded, where its own answers now
    give something else under the same rule text (same sha256): it was edited, or made
    by another tool."""

    __pydantic_config__ = _SCHEMA_CONFIG

    outcome: str
    """The outcome the saved result recorded."""
    flags: tuple[str, ...]
    """The flags the saved result recorded."""


@dataclass(frozen=True)
class Booking:
    """What the receptionist books for this outcome."""

    __pydantic_config__ = _SCHEMA_CONFIG

    appointment: str
    minutes: int
    """The length of the slot."""


@dataclass(frozen=True)
class Contact:
    """Where to call, as the rule set gives it for the outcome (its `contacts:`)."""

    __pydantic_config__ = _SCHEMA_CONFIG

    id: str
    """The contact's id in the rule set."""
    text: str
    """The numbers and when to call them, in words."""


@dataclass(frozen=True)
class NoteAnswer:
    """An answer with its question's short name, in words: on the booking note (the rule set's
    `note:` section, free-text details) and behind each reason."""

    __pydantic_config__ = _SCHEMA_CONFIG

    question: str
    """The question's id."""
    name: str
    """The question's short name, in words."""
    answer: str
    """The answer, in words."""


@dataclass(frozen=True)
class Verdict:
    """The short block that ends the result, in view when the screening ends: the outcome in
    words that match its urgency, what to book or whom to call, and the safety-net."""

    __pydantic_config__ = _SCHEMA_CONFIG

    headline: str
    """The outcome in a few words that match its urgency (e.g. `EMERGENCY`); the title when
    the rule set gives none."""
    act: str
    """What to book and for how long, or what to do now (which number to call); empty when
    the rule set says neither."""
    safety_net: str
    """What to do if things get worse, in one line when the rule set gives one."""


@dataclass(frozen=True)
class Screened:
    """A question that screens for red flags or emergency signs, asked and answered "none"."""

    __pydantic_config__ = _SCHEMA_CONFIG

    question: str
    """The question's id."""
    name: str
    """The question's short name, in words."""


@dataclass(frozen=True)
class RulesIdentity:
    """Which rule set decided: enough to find it again and check it is the same text."""

    __pydantic_config__ = _SCHEMA_CONFIG

    id: str
    version: str
    sha256: str
    """SHA-256 of the rule text; for one file, `sha256sum` of it."""


@dataclass(frozen=True)
class Tool:
    """The program that produced the result."""

    __pydantic_config__ = _SCHEMA_CONFIG

    name: str
    version: str


@dataclass(frozen=True)
class ResultDocument:
    """Everything a screening concluded, in one language, for one audience.

    Ids (outcome, flags, cautions, answers) are the same in every language; texts are
    in `language`, worded for `audience`.
    """

    __pydantic_config__ = _SCHEMA_CONFIG

    outcome: str
    """The outcome's id, e.g. `see_doctor`."""
    title: str
    """The recommendation in words."""
    severity: int
    """The outcome's severity: higher is more severe."""
    advice: str
    """What to do (a deciding rule's own advice when it has one, else the outcome's)."""
    in_doubt: bool
    """Whether the outcome was chosen in doubt (no sign points to it): the assessment decides."""
    if_worse: str
    """What to do if things get worse."""
    contacts: tuple[Contact, ...]
    """Where to call (emergency numbers, an out-of-hours line), as the rule set gives them."""
    reasons: tuple[str, ...]
    """The reasons for the outcome, in words."""
    trace: tuple[TraceItem, ...]
    """Each reason with the answers that led to it."""
    overruled: tuple[str, ...]
    """Less severe outcomes that also applied."""
    flags: tuple[str, ...]
    """Ids of the red flags and emergency signs raised."""
    flag_details: tuple[Flag, ...]
    """The same flags, with their question, outcome and words."""
    cautions: tuple[str, ...]
    """Ids of the cautions that apply."""
    caution_details: tuple[Caution, ...]
    """The same cautions, with their words."""
    answers: Mapping[str, Answer]
    """The answers used, by question id, in the order asked."""
    answers_in_words: Mapping[str, str]
    """The same answers in words, by question id (score totals by the score's title)."""
    scores: Mapping[str, float]
    """Score totals, by score id."""
    ignored_answers: tuple[str, ...]
    """Questions given an answer that the walk never reached."""
    booking: Booking | None
    """What to book; null when no massage should be booked."""
    note_answers: tuple[NoteAnswer, ...]
    """The answers the booking note lists."""
    language: str
    """The language of the texts, e.g. `en`."""
    audience: Audience
    """Who the texts speak to: the client, or a receptionist on the phone."""
    rules: RulesIdentity
    """The rule set that decided."""
    unverified: tuple[str, ...]
    """Verification failures of the rule set, when it was used anyway (--allow-unverified)."""
    tool: Tool
    """The program that produced the result."""
    to_do: tuple[str, ...]
    """What to do, step by step: the booking (or not booking) first, then the outcome's steps,
    then each caution's instruction; for the receptionist in a call."""
    say: str
    """The words said to the person, in the second person: what a receptionist reads aloud."""
    safety_net: str
    """What to do if things get worse, in words said to the person (second person)."""
    details: tuple[NoteAnswer, ...]
    """The free-text details recorded for the therapist (free-text questions), when not empty."""
    ignored_flags: tuple[Flag, ...]
    """Red flags and emergency signs that answers the walk never reached would have raised
    (see `ignored_answers`): those answers were not used, and a person should check them."""
    saved_disagreement: SavedResult | None
    """When the answers came from a saved result: what it recorded, if its answers now give
    another outcome or other flags under the same rule set (same sha256); else null."""
    verdict: Verdict
    """The short block that ends the result: urgency, what to book or whom to call, safety-net."""
    screened_none: tuple[Screened, ...]
    """The questions that screen for red flags or emergency signs, asked and answered "none"."""
    booking_note: str | None = None
    """The booking note as shown; only in a call's result (`triage call`)."""
    result_version: Literal[1] = field(default=RESULT_VERSION, kw_only=True)
    """The version of this document's format; it changes only if a reader could notice."""

    def to_json(self) -> dict[str, Any]:
        """The document as JSON-ready data: `result_version` first, `booking_note` only
        in a call's result."""
        data: dict[str, Any] = {"result_version": self.result_version}
        for item in fields(self):
            value = getattr(self, item.name)
            if item.name in data or (item.name in _ABSENT_WHEN_NONE and value is None):
                continue
            data[item.name] = jsonable(value)
        return data


# Keys left out of the JSON, rather than null, when they have no value.
_ABSENT_WHEN_NONE = frozenset({"booking_note"})


def jsonable(value: Any) -> Any:
    """Typed parts as plain JSON data: dataclasses become objects, tuples lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: jsonable(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, tuple | list):
        return [jsonable(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, Fraction):  # a number answer, exact (see `rulesets.numbers`)
        return json_number(value)
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema of `to_json()`, generated from the dataclasses above."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(ResultDocument).json_schema(mode="serialization")
    properties = schema["properties"]
    for key in _ABSENT_WHEN_NONE:  # absent rather than null
        described = properties[key]
        properties[key] = {"type": "string", "description": described["description"]}
    version = properties.pop("result_version")
    version.pop("default", None)  # always there, and first, as in `to_json`
    schema["properties"] = {"result_version": version, **properties}
    schema["required"] = ["result_version", *schema["required"]]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "massage-triage result",
    }

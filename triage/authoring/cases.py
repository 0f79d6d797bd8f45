"""Scenario cases that sit beside a rule set: answers in, expected result out.

A clinic that edits its rules keeps its cases next to them (`NAME.cases.yaml` beside
`NAME.yaml`, or `*.cases.yaml` in a rule-set folder) and runs them to know its
change did what it meant. Pure: the texts come in, the outcomes of each case go out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from triage.deciding import engine
from triage.deciding.answers import from_mapping
from triage.deciding.numerals import as_written
from triage.errors import AnswerError, Problem, RulesError
from triage.i18n import _
from triage.rulesets.files import Source
from triage.rulesets.model import RuleSet
from triage.rulesets.parse import parse_yaml


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    outcome: str
    flags: list[str] | None = None
    cautions: list[str] | None = None
    reasons: list[str] | None = Field(
        default=None, description="Words that must each appear in one of the reasons."
    )
    in_doubt: bool | None = Field(
        default=None, description="Whether the result is marked in doubt."
    )


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    answers: dict[str, Any]
    expect: Expect


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cases: list[Case] = Field(min_length=1)


@dataclass(frozen=True)
class Outcome:
    """How one case went: `failures` is empty when it passed."""

    case: Case
    source: str
    failures: tuple[str, ...] = ()
    result: engine.Result | None = None
    trace: tuple[str, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return not self.failures


def parse_cases(source: Source) -> list[Case]:
    """The cases of one file, or a `RulesError` locating what is wrong in it."""
    located, problems = parse_yaml(source)
    cases = located.data.get("cases") if isinstance(located.data, dict) else None
    for index in range(len(cases) if isinstance(cases, list) else 0):
        # Answers are read as in an answers file: numbers as written (see `numerals`).
        problems.extend(as_written(located, ("cases", index, "answers")))
    if problems:
        raise RulesError(problems)
    try:
        return CaseFile.model_validate(located.data).cases
    except ValidationError as error:
        found = []
        for item in error.errors(include_url=False):
            file, line, column = located.locate(item["loc"])
            where = ".".join(str(p) for p in item["loc"])
            message = f"{where}: {item['msg']}"
            found.append(Problem(message, "", file, line, column, code="invalid-case"))
        raise RulesError(found) from None


def run_case(rules: RuleSet, case: Case, source: str = "") -> Outcome:
    """Run one case through the same walk `triage assess` uses."""
    try:
        result = engine.assess(rules, from_mapping(rules, case.answers))
    except (AnswerError, engine.NoOutcome) as error:
        return Outcome(case, source, (str(error),))
    expect = case.expect
    failures = []
    if result.outcome.id != expect.outcome:
        failures.append(
            _("outcome: expected {expected!r}, got {got!r}").format(
                expected=expect.outcome, got=result.outcome.id
            )
        )
    flags = [f.id for f in result.flags]
    if expect.flags is not None and flags != expect.flags:
        failures.append(
            _("flags: expected {expected}, got {got}").format(expected=expect.flags, got=flags)
        )
    cautions = [c.id for c, _fired in result.cautions]
    if expect.cautions is not None and cautions != expect.cautions:
        failures.append(
            _("cautions: expected {expected}, got {got}").format(
                expected=expect.cautions, got=cautions
            )
        )
    reasons = [fired.reason.get() for fired in result.reasons]
    for words in expect.reasons or ():
        if not any(words.lower() in reason.lower() for reason in reasons):
            failures.append(
                _("reasons: none contains {words!r}; reasons were {reasons}").format(
                    words=words, reasons=reasons
                )
            )
    if expect.in_doubt is not None and result.in_doubt != expect.in_doubt:
        failures.append(
            _("in doubt: expected {expected}, got {got}").format(
                expected=_yes_no(expect.in_doubt), got=_yes_no(result.in_doubt)
            )
        )
    if result.ignored:
        failures.append(
            _("answers the walk never reached: {ids}").format(ids=", ".join(result.ignored))
        )
    trace = tuple(
        f"{fired.reason.get()} <- " + ", ".join(f"{q}={v}" for q, v in fired.evidence)
        for fired in result.reasons
    )
    return Outcome(case, source, tuple(failures), result, trace)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def run_cases(rules: RuleSet, sources: Sequence[Source]) -> list[Outcome]:
    return [run_case(rules, case, s.name) for s in sources for case in parse_cases(s)]

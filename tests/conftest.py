"""Shared fixtures: the default rule set, small inline rule sets, and fake environments."""

from __future__ import annotations

import os

# The tests read English texts: fix the language before triage chooses it at import,
# whatever the developer's locale.
os.environ["TRIAGE_LANG"] = "en"

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from triage.deciding.engine import Result
from triage.deciding.loaded import Loaded, load
from triage.output.document import document
from triage.output.result import ResultDocument
from triage.rulesets.files import Source
from triage.rulesets.load import load_rules
from triage.rulesets.model import RuleSet

# A small rule set exercising every question type, both kinds of red flag, a
# hidden question, two walk-ending outcomes and cautions.
#   signs (multi_choice, red_flag: emergency) -> fever (yes_no, red_flag: see_doctor)
#   -> pain (yes_no) -> duration (choice, only when pain; "months" is a red flag)
#   -> extras (multi_choice, cautions only)
MINI = """\
id: mini
version: "1.2"
title: Mini rules
questions:
  - id: signs
    type: multi_choice
    red_flag: emergency
    text: Do you have any of these right now?
    help: These signs need urgent care.
    choices:
      - {key: chest_pain, label: Chest pain}
      - {key: swollen_calf, label: A swollen calf}
    none_label: None of these
  - id: fever
    type: yes_no
    red_flag: see_doctor
    text: Do you have a fever?
  - id: pain
    type: yes_no
    text: Is there a pain to address?
    help: Something that bothers you in one place.
  - id: duration
    type: choice
    when: {question: pain, is: yes}
    text: Since when?
    choices:
      - {key: days, label: A few days}
      - {key: weeks, label: A few weeks}
      - {key: months, label: Months or longer, red_flag: see_doctor}
  - id: extras
    type: multi_choice
    text: Does any of these apply?
    choices:
      - {key: pregnancy, label: Pregnancy}
      - {key: varicose, label: Varicose veins}
outcomes:
  - id: emergency
    kind: referral
    severity: 40
    ends_walk: true
    title: Get emergency help now
    advice: Call the emergency number.
    if_worse: Call again.
  - id: see_doctor
    kind: referral
    severity: 30
    ends_walk: true
    title: See a doctor first
    advice: A doctor should look at this before any massage.
    if_worse: Call a doctor the same day.
  - id: therapeutic
    kind: massage
    severity: 20
    title: A therapeutic massage
    advice: Book a therapeutic massage with an assessment.
    if_worse: See a doctor before the session.
  - id: relaxation
    kind: massage
    severity: 10
    title: A relaxation massage
    advice: Enjoy a relaxation massage.
    if_worse: See a doctor if a pain appears.
decisions:
  - outcome: emergency
    when: {question: signs, includes: chest_pain}
    reason: Chest pain needs urgent care.
  - outcome: emergency
    when: {question: signs, includes: swollen_calf}
    reason: A swollen calf needs urgent care.
  - outcome: see_doctor
    when: {question: fever, is: yes}
    reason: A fever comes first.
  - outcome: see_doctor
    when: {question: duration, is: months}
    reason: Months of pain should be checked by a doctor.
  - outcome: therapeutic
    when: {question: duration, in: [weeks, months]}
    reason: The pain has lasted for weeks.
  - outcome: therapeutic
    when:
      all:
        - {question: pain, is: yes}
        - {question: duration, is: days}
    reason: A recent pain; the assessment decides.
  - outcome: relaxation
    when: {question: pain, is: no}
    reason: No pain to address.
cautions:
  - id: pregnancy
    when: {question: extras, includes: pregnancy}
    title: Pregnancy
    advice: Side-lying position.
  - id: varicose
    when: {question: extras, includes: varicose}
    title: Varicose veins
    advice: No deep pressure on them.
"""


def rules_from(text: str, name: str = "rules.yaml") -> RuleSet:
    return load_rules([Source(name, textwrap.dedent(text))])


@pytest.fixture(scope="session")
def default_loaded() -> Loaded:
    """The shipped rule set, loaded once per session."""
    return load(None)


@pytest.fixture(scope="session")
def default_rules(default_loaded: Loaded) -> RuleSet:
    return default_loaded.rules


@pytest.fixture(scope="session")
def mini_text() -> str:
    return MINI


@pytest.fixture(scope="session")
def mini() -> RuleSet:
    return rules_from(MINI)


@pytest.fixture
def load_text() -> Callable[..., RuleSet]:
    """Load an inline (dedented) YAML rule set; raises RulesError."""
    return rules_from


def document_of(
    result: Result, rules: RuleSet, sha256: str = "0" * 64, **options: Any
) -> ResultDocument:
    """The result document of a result (a loaded rule set is built around `rules`)."""
    violations = tuple(options.pop("violations", ()))
    loaded = Loaded(rules, sha256, Path("rules.yaml"), violations)
    return document(result, loaded, **options)


@pytest.fixture
def make_doc() -> Callable[..., ResultDocument]:
    return document_of


@pytest.fixture
def write_rules(tmp_path: Path) -> Callable[..., Path]:
    """Write a (dedented) rule-set text to a file under tmp_path; returns its path."""

    def write(text: str, name: str = "rules.yaml", folder: str | None = None) -> Path:
        directory = tmp_path / folder if folder else tmp_path
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture(autouse=True)
def _no_verification_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests prove the rules at every run, write nothing in the user's cache folder,
    and speak English unless a test chooses otherwise."""
    monkeypatch.setenv("TRIAGE_CACHE", "")
    monkeypatch.setenv("TRIAGE_LANG", "en")
    from triage import i18n

    i18n.use("en")  # a test that switched the process to French leaves no trace

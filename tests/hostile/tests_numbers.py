"""The corpus's number rule set, loaded once for the property tests."""

from __future__ import annotations

from pathlib import Path

from triage.rulesets.files import read_sources
from triage.rulesets.load import load_rules

NUMBERS_RULES = load_rules(read_sources(Path(__file__).parent / "corpus" / "rules" / "number.yaml"))

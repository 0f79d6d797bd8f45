"""A rule set ready to decide with: read, validated, fingerprinted and verified.

Verification runs on load so that no walk ever runs on rules that break a safety
property without saying so; a `Proven` store (the shell's cache) spares the proof
for a rule set already proven.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from triage import __version__
from triage.deciding.prove import OutOfBudget
from triage.errors import Unverified
from triage.i18n import _
from triage.rulesets.files import default_rules_path, read_sources
from triage.rulesets.load import fingerprint, load_rules
from triage.rulesets.model import RuleSet


class Proven(Protocol):
    """Remembers which rule sets were proven: their sha256, the tool's version, the properties.

    `known` must answer yes only for a record of exactly this proof that nobody else
    could have written (see the shell's `StampFolder`).
    """

    def known(self, sha256: str, version: str, properties: Sequence[str]) -> bool: ...

    def remember(self, sha256: str, version: str, properties: Sequence[str]) -> None: ...


@dataclass(frozen=True)
class Loaded:
    rules: RuleSet
    sha256: str
    path: Path
    violations: tuple[str, ...] = ()  # verification failures, when allowed


def load(
    path: Path | None,
    allow_unverified: bool = False,
    proven: Proven | None = None,
    verify: bool = True,
) -> Loaded:
    """Read, validate and verify a rule set (the default one when no path is given).

    A rule set that fails verification is refused unless `allow_unverified`; then
    its violations travel with it, so every result can carry a warning. A rule set
    `proven` knows (same text, same tool version) is not proven again. Without
    `verify` (for commands that prove it themselves, or only show it), nothing is.
    A proof that runs out of its budget refuses the rule set as a failed one does
    (`rules verify --budget` proves it with a larger one, and `proven` remembers it).
    """
    path = path or default_rules_path()
    sources = read_sources(path)
    rules = load_rules(sources)
    sha256 = fingerprint(sources, folder=path.is_dir())
    try:
        violations = _violations(rules, sha256, proven) if verify else ()
    except OutOfBudget as out:
        if not allow_unverified:
            raise Unverified(unproven(path, out.budget)) from None
        violations = (_("it was not proven: the proof ran out of its budget"),)
    if violations and not allow_unverified:
        raise Unverified(
            _(
                "the rule set {path} fails verification: {first}; run 'triage rules verify {path}' "
                "for details, or pass --allow-unverified to use it anyway"
            ).format(path=path, first=violations[0])
        )
    return Loaded(rules, sha256, path, violations)


def unproven(path: Path, budget: int) -> str:
    """Why a rule set whose proof ran out of its budget is refused, and how to prove it."""
    return _(
        "the rule set {path} could not be proven within the proof's budget ({budget} units); "
        "run 'triage rules verify --budget {larger} {path}' to prove it with a larger one "
        "(a success is remembered), or pass --allow-unverified to use it anyway"
    ).format(path=path, budget=budget, larger=budget * 10)


def _violations(rules: RuleSet, sha256: str, proven: Proven | None) -> tuple[str, ...]:
    """What verification finds; a success is remembered, a failure never. A proof that
    runs out of its budget (`BUDGET`) raises `OutOfBudget`."""
    from triage.deciding.prove import PROPERTIES, prove

    if proven is not None and proven.known(sha256, __version__, PROPERTIES):
        return ()
    report = prove(rules, reachability=False)
    found = tuple(
        _("{message} (e.g. {options})").format(message=v.message, options=v.as_options())
        for v in report.violations
    )
    if not found and proven is not None:
        proven.remember(sha256, __version__, report.properties)
    return found

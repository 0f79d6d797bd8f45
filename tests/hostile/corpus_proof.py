"""The hostile rule sets aimed at the proof: numbers that overflow or round, and proofs
that cannot finish (see `corpus` for the cases themselves).

Numbers: each rule set sends a red flag to its referral only where a float would
round, overflow or lose the value (the ends of the float range, subnormals, integers
near 2**63, 0.1-style decimals, the last typed decimal); `rules verify` must find the
hole (exit 1, with a counter-example) and `assess` must refuse the rule set (exit 5).
Numbers a rule set cannot hold are refused with their location (exit 2). Budgets:
pigeonhole rule sets whose proof needs more than its budget are refused by every
command as unverified (exit 5, naming `rules verify --budget`), `check` warns, and
`--allow-unverified` runs them with the warning.
"""

from __future__ import annotations

import sys
from pathlib import Path

from corpus import HERE, Case, Check, Setup, case

sys.path.insert(0, str(HERE.parent))
from pigeonhole import pigeonhole

EDGES = """id: edges
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

# (name, min, max, whole, the condition that sends the flag on: it misses some typed number)
HOLES = [
    ("only at the ends of the float range", "-1.0e308", "1.0e308", False,
     '{any: [{question: level, "<=": -1.0e308}, {question: level, ">=": 1.0e308}]}'),
    ("only at the largest float", "-1.7976931348623157e308", "1.7976931348623157e308", False,
     '{not: {question: level, "<": 1.7976931348623157e308}}'),
    ("only below a subnormal", "0", "1", False, '{question: level, "<=": 4.9406564584124654e-324}'),
    ("only below the smallest normal", "0", "1", False,
     '{question: level, "<": 2.2250738585072014e-308}'),
    ("only above a huge threshold", "-1.0e308", "1.0e308", False,
     '{not: {question: level, "<": 1.0e300}}'),
    ("only at 0.1 + 0.2 in floats", "0", "1", False,
     '{any: [{question: level, "<": 0.3}, {question: level, ">": 0.30000000000000004}]}'),
    ("only beside 0.1", "0", "1", False,
     '{any: [{question: level, "<": 0.1}, {question: level, ">": 0.1}]}'),
    ("only at the last typed decimal", "0", "1", False,
     '{any: [{question: level, "<=": 0.999999999999998}, {question: level, ">=": 1}]}'),
    ("only at 2**63 - 1, whole", "0", "9223372036854775807", True,
     '{question: level, ">=": 9223372036854775807}'),
    ("only at 2**63 - 1 but not 2**63, whole", "-9223372036854775809", "0", True,
     '{not: {question: level, is: -1}}'),
    ("only where 2**53 + 1 rounds, whole", "0", "999999999999999", True,
     '{not: {question: level, is: 999999999999999}}'),
    ("only above 1e-400", "0", "1", False, '{question: level, ">": 1e-400}'),
]  # fmt: skip

# (name, min, max, whole, a condition that holds for every number a person can type)
SAFE = [
    ("above the lowest float", "-1.7976931348623157e308", "1.7976931348623157e308", False,
     '{question: level, ">": -1.7976931348623157e308}'),
    ("below 2**63 - 1, whole", "0", "9223372036854775807", True,
     '{question: level, "<": 9223372036854775807}'),
    ("above a subnormal from the last typed decimal", "0.000000000000001", "1", False,
     '{question: level, ">": 4.9406564584124654e-324}'),
    ("either side of a gap no one can type", "0", "1", False,
     '{any: [{question: level, "<=": 0.1}, {question: level, ">=": 0.1000000000000001}]}'),
]  # fmt: skip

# (name, min, max, whole): a range or a threshold the rule set cannot hold
REFUSED = [
    ("a max beyond the float range", "0", "1.0e309", False),
    ("a min of a billion digits", "-1e999999999", "0", False),
    ("a tiny min below 1e-400", "1e-999999999", "1", False),
    ("a range no typed number reaches", "1.0e300", "1.0e308", False),
    ("a range of 19-digit whole numbers", "9223372036854775807", "9223372036854775809", True),
    ("a range finer than 15 decimals", "0.0000000000000001", "0.0000000000000009", False),
]


def edges(low: str, high: str, whole: bool, flagged: str) -> str:
    text = EDGES.replace("MIN", low).replace("MAX", high).replace("FLAGGED", flagged)
    return text.replace("INTEGER", "true" if whole else "false")


def _file(name: str, text: str) -> Setup:
    def setup(folder: Path) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    return setup


def _says(*words: str) -> Check:
    def check(_folder: Path, out: str, err: str) -> str | None:
        missing = [w for w in words if w not in out + err]
        return f"missing {missing}" if missing else None

    return check


def numbers() -> list[Case]:
    found = []
    for name, low, high, whole, flagged in HOLES:
        setup = _file("r.yaml", edges(low, high, whole, flagged))
        found.append(
            case(
                "proof: numbers",
                f"verify: {name}",
                "rules",
                "verify",
                "{tmp}/r.yaml",
                expect=1,
                setup=setup,
                check=_says("VIOLATION [red_flag:sign]", "--answer sign=yes --answer level="),
            )
        )
        found.append(
            case(
                "proof: numbers",
                f"assess: {name}",
                "assess",
                "--rules",
                "{tmp}/r.yaml",
                "-a",
                "sign=yes",
                "-a",
                "level=0",
                expect=5,
                setup=setup,
                check=_says("fails verification"),
            )
        )
    for name, low, high, whole, flagged in SAFE:
        found.append(
            case(
                "proof: numbers",
                f"verify: proven, {name}",
                "rules",
                "verify",
                "{tmp}/r.yaml",
                expect=0,
                setup=_file("r.yaml", edges(low, high, whole, flagged)),
                check=_says("ok: every walk reaches one outcome"),
            )
        )
    for name, low, high, whole in REFUSED:
        setup = _file("r.yaml", edges(low, high, whole, '{question: level, ">=": 0}'))
        for command in (("rules", "check"), ("rules", "verify"), ("assess", "--rules")):
            found.append(
                case(
                    "proof: numbers",
                    f"{command[0]}: {name}",
                    *command,
                    "{tmp}/r.yaml",
                    expect=2,
                    setup=setup,
                    check=_says("r.yaml:6:"),
                )
            )
    return found


PIGEONS = [f"p{i}=h0" for i in range(12)]  # twelve pigeons in one hole: two share it


def _pigeon_answers() -> list[str]:
    return [arg for pair in PIGEONS for arg in ("-a", pair)]


def budgets() -> list[Case]:
    """Pigeonhole rule sets whose proof needs more than the default budget."""
    found = []
    for flagged in (False, True):
        kind = "with a red flag" if flagged else "plain"
        setup = _file("p.yaml", pigeonhole(11, flagged))
        found += [
            case(
                "proof: budget",
                f"assess: pigeonhole of 11, {kind}",
                "assess",
                "--rules",
                "{tmp}/p.yaml",
                *_pigeon_answers(),
                expect=5,
                setup=setup,
                check=_says("triage rules verify --budget 30000000"),
            ),
            case(
                "proof: budget",
                f"walk: pigeonhole of 11, {kind}",
                "--rules",
                "{tmp}/p.yaml",
                expect=5,
                stdin=b"1\n" * 12,
                setup=setup,
                check=_says("--budget 30000000"),
            ),
            case(
                "proof: budget",
                f"check: pigeonhole of 11, {kind}",
                "rules",
                "check",
                "{tmp}/p.yaml",
                expect=0,
                setup=setup,
                check=_says("warning: the proof ran out of its budget"),
            ),
            case(
                "proof: budget",
                f"verify: pigeonhole of 11, {kind}",
                "rules",
                "verify",
                "{tmp}/p.yaml",
                expect=5,
                setup=setup,
                check=_says("could not finish", "--budget 30000000"),
            ),
        ]
    for holes, budget in ((5, "1000"), (7, "20000"), (9, "100000")):
        found.append(
            case(
                "proof: budget",
                f"verify --budget {budget}: pigeonhole of {holes}",
                "rules",
                "verify",
                "--budget",
                budget,
                "{tmp}/p.yaml",
                expect=5,
                setup=_file("p.yaml", pigeonhole(holes)),
                check=_says("could not finish"),
            )
        )
    found.append(
        case(
            "proof: budget",
            "--allow-unverified: pigeonhole of 11",
            "assess",
            "--rules",
            "{tmp}/p.yaml",
            *_pigeon_answers(),
            "--allow-unverified",
            expect=0,
            setup=_file("p.yaml", pigeonhole(11)),
            check=_says("it was not proven: the proof ran out of its budget"),
        )
    )
    return found

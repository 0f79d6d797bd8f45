"""How long `triage rules check` and a load take on 1,000 outcomes or 1,000 questions.

Run from anywhere with the interpreter that has massage-triage installed:

    python benchmarks/check.py               # every figure, 5 runs each
    python benchmarks/check.py --runs 11 --figure outcomes

Each figure is a whole command, run with the verification cache off (TRIAGE_CACHE
empty) and interleaved with runs of `python -m triage --version` (the start-up every
command pays); the medians, their ratio and the figure's target in seconds are
printed. Checking and loading grew with the square of the rule set's size (1,000
outcomes took over 2 minutes to check); the target is 2 s. `rules check` includes the
proof's reachability warnings, whose cost is bounded by the proof's budget (a rule
set that needs more gets a `proof-budget` warning instead); `assess` proves the safety
properties only. The script reports, it does not judge: it exits 0 even over a target.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from startup import PYTHON  # noqa: E402
from verify import head, measure, written  # noqa: E402

TRIAGE = (PYTHON, "-m", "triage")
BOOKED = "booking: {appointment: Massage, minutes: 30}"


def massage(ident: str, severity: int) -> str:
    return f"  - {{id: {ident}, kind: massage, severity: {severity}, title: M, advice: A, " + (
        f"if_worse: W, {BOOKED}}}"
    )


def outcomes(count: int) -> str:
    """A red flag, then a choice of `count` answers, each leading to an outcome of its own."""
    lines = head(f"outcomes-{count}")
    lines.append("  - {id: sign, type: yes_no, text: 'S?', red_flag: doctor}")
    keys = ", ".join(f"{{key: c{i}, label: C{i}}}" for i in range(count))
    lines.append(f"  - {{id: pick, type: choice, text: 'P?', choices: [{keys}]}}")
    lines.append("outcomes:")
    lines.append(
        f"  - {{id: doctor, kind: referral, severity: {count + 1}, title: D, advice: A, "
        "if_worse: W}"
    )
    lines += [massage(f"o{i}", i) for i in range(count)]
    lines.append("decisions:")
    lines.append("  - {outcome: doctor, when: {question: sign, is: yes}, reason: F}")
    lines += [
        f"  - {{outcome: o{i}, when: {{question: pick, is: c{i}}}, reason: R}}"
        for i in range(count)
    ]
    return "\n".join(lines) + "\n"


def questions(count: int) -> str:
    """A red flag, then `count - 1` yes/no questions, each shown when the one before is no."""
    lines = head(f"questions-{count}")
    lines.append("  - {id: q0, type: yes_no, text: 'Q?', red_flag: doctor}")
    lines += [
        f"  - {{id: q{i}, type: yes_no, text: 'Q?', when: {{question: q{i - 1}, is: no}}}}"
        for i in range(1, count)
    ]
    lines += [
        "outcomes:",
        "  - {id: doctor, kind: referral, severity: 30, title: D, advice: A, if_worse: W,",
        "     ends_walk: true}",
        massage("thera", 20),
        massage("relax", 10),
        "decisions:",
        "  - {outcome: doctor, when: {question: q0, is: yes}, reason: F}",
    ]
    lines += [
        f"  - {{outcome: thera, when: {{question: q{i}, is: yes}}, reason: T}}"
        for i in range(1, count)
    ]
    lines.append("  - {outcome: relax, reason: otherwise}")
    return "\n".join(lines) + "\n"


def _assess_outcomes() -> tuple[str, ...]:
    path = written("o1000", outcomes(1000))
    return ("assess", "--rules", path, "-a", "sign=no", "-a", "pick=c500")


def _assess_questions() -> tuple[str, ...]:
    return ("assess", "--rules", written("q1000", questions(1000)), "-a", "q0=no", "-a", "q1=yes")


# (name, command after `python -m triage`, target in seconds, the figure before)
FIGURES: list[tuple[str, Callable[[], tuple[str, ...]], float, str]] = [
    (
        "check: 500 outcomes",
        lambda: ("rules", "check", written("o500", outcomes(500))),
        2.0,
        "31 s",
    ),
    (
        "check: 1,000 outcomes",
        lambda: ("rules", "check", written("o1000", outcomes(1000))),
        2.0,
        "over 2 min",
    ),
    (
        "check: 1,000 questions",
        lambda: ("rules", "check", written("q1000", questions(1000))),
        2.0,
        "over 2 min",
    ),
    ("assess: 1,000 outcomes", _assess_outcomes, 2.0, "-"),
    ("assess: 1,000 questions", _assess_questions, 2.0, "-"),
]


def main(argv: list[str] | None = None) -> int:
    return measure(FIGURES, __doc__.splitlines()[0], argv)


if __name__ == "__main__":
    sys.exit(main())

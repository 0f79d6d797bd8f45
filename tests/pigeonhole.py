"""A rule set whose proof is hard on purpose: the pigeonhole principle.

Each of `holes + 1` questions puts a pigeon in one of `holes` holes; the one decision
applies when two pigeons share a hole. Every walk has an outcome (there are more
pigeons than holes), but proving it means refuting every placement, and a solver's
work for that grows exponentially with the number of holes. Used to check that a
proof stops at its budget, and in the hostile corpus (`python tests/pigeonhole.py N`).
"""

from __future__ import annotations

import sys


def pigeonhole(holes: int, flagged: bool = False) -> str:
    """The rule set's YAML text; with `flagged`, the first pigeon's last hole is a red flag."""
    lines = [
        f"# The pigeonhole principle with {holes} holes: its proof is hard on purpose.",
        f"id: pigeonhole-{holes}",
        'version: "1"',
        "title: Pigeonhole",
        "questions:",
    ]
    for pigeon in range(holes + 1):
        lines += [f"  - id: p{pigeon}", "    type: choice", f"    text: Pigeon {pigeon}?"]
        lines.append("    choices:")
        for hole in range(holes):
            flag = ", red_flag: doctor" if flagged and pigeon == 0 and hole == holes - 1 else ""
            lines.append(f"      - {{key: h{hole}, label: Hole {hole}{flag}}}")
    lines += [
        "outcomes:",
        "  - {id: relax, kind: massage, severity: 10, title: R, advice: R., if_worse: W.}",
        "  - {id: doctor, kind: referral, severity: 20, title: D, advice: D., if_worse: W.}",
        "decisions:",
        "  - outcome: doctor" if flagged else "  - outcome: relax",
        "    reason: Two pigeons share a hole.",
        "    when:",
        "      any:",
    ]
    for first in range(holes + 1):
        for second in range(first + 1, holes + 1):
            for hole in range(holes):
                lines.append(
                    f"        - all: [{{question: p{first}, is: h{hole}}}, "
                    f"{{question: p{second}, is: h{hole}}}]"
                )
    if flagged:
        lines.append("  - {outcome: relax, reason: Otherwise., when: {question: p0, is: h0}}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(pigeonhole(int(sys.argv[1]), flagged=len(sys.argv) > 2))

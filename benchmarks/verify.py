"""How long `triage rules verify` takes on rule sets of growing size, beside `triage --version`.

Run from anywhere with the interpreter that has massage-triage installed:

    python benchmarks/verify.py              # every figure, 5 runs each
    python benchmarks/verify.py --runs 11 --figure signs

Each figure is the whole command, `python -m triage rules verify FILE`, with the
verification cache off (TRIAGE_CACHE empty), its runs interleaved with runs of
`python -m triage --version` (the start-up every command pays); the medians, their
ratio and the figure's target in seconds are printed. The rule sets are generated
into a scratch folder, as the issue that set the targets describes them; the last
figures time `rules check` on 1,000 misspelt references and the shipped back-pain
intake. The script reports, it does not judge: it exits 0 even over a target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from startup import ENV, PYTHON, ROOT, RunFailed, time_process  # noqa: E402

TRIAGE = (PYTHON, "-m", "triage")
OUTCOMES = [
    "outcomes:",
    "  - {id: see_doctor, kind: referral, severity: 30, title: D, advice: A, if_worse: W,",
    "     ends_walk: true}",
    "  - {id: therapeutic, kind: massage, severity: 20, title: T, advice: A, if_worse: W}",
    "  - {id: relaxation, kind: massage, severity: 10, title: R, advice: A, if_worse: W}",
]


def head(name: str) -> list[str]:
    return [f"id: {name}", 'version: "1"', f"title: {name}", "questions:"]


def signs(count: int, flags: int = 3) -> str:
    """`flags` red flags, then `count` independent yes/no signs, each read by a decision."""
    lines = head(f"signs-{count}")
    lines += [
        f"  - {{id: flag_{i}, type: yes_no, text: 'F', red_flag: see_doctor}}" for i in range(flags)
    ]
    lines += [f"  - {{id: sign_{i}, type: yes_no, text: 'S?'}}" for i in range(count)]
    lines += [*OUTCOMES, "decisions:"]
    lines += [
        f"  - {{outcome: see_doctor, when: {{question: flag_{i}, is: yes}}, reason: F}}"
        for i in range(flags)
    ]
    lines += [
        f"  - {{outcome: therapeutic, when: {{question: sign_{i}, is: yes}}, reason: S}}"
        for i in range(count)
    ]
    lines.append("  - {outcome: relaxation, reason: nothing else}")
    return "\n".join(lines) + "\n"


def instrument(items: int, choices: int = 6) -> str:
    """A red flag, then `items` questions of `choices` answers scored 0..choices-1, summed."""
    top = items * (choices - 1)
    lines = head(f"instrument-{items}")
    lines.append("  - {id: flag, type: yes_no, text: 'F?', red_flag: see_doctor}")
    keys = ", ".join(f"{{key: a{k}, label: A{k}}}" for k in range(choices))
    lines += [
        f"  - {{id: item_{i}, type: choice, text: 'I?', choices: [{keys}]}}" for i in range(items)
    ]
    weights = ", ".join(f"a{k}: {k}" for k in range(choices))
    lines += ["scores:", "  - id: total", "    title: Total", "    sum:"]
    lines += [f"      - {{question: item_{i}, weights: {{{weights}}}}}" for i in range(items)]
    lines += [*OUTCOMES, "decisions:"]
    lines.append("  - {outcome: see_doctor, when: {question: flag, is: yes}, reason: F}")
    lines.append(
        f'  - {{outcome: see_doctor, when: {{score: total, ">=": {top * 4 // 5}}}, reason: T}}'
    )
    lines.append(
        f'  - {{outcome: therapeutic, when: {{score: total, ">=": {top // 5}}}, reason: T}}'
    )
    lines.append(f'  - {{outcome: relaxation, when: {{score: total, "<": {top // 5}}}, reason: R}}')
    return "\n".join(lines) + "\n"


def flag_list(count: int) -> str:
    """A multi-choice of `count` red flags, one decision each, then a yes/no."""
    lines = head(f"flags-{count}")
    keys = ", ".join(f"{{key: f{i}, label: F{i}}}" for i in range(count))
    lines.append(
        f"  - {{id: flags, type: multi_choice, text: 'F', red_flag: see_doctor, choices: [{keys}]}}"
    )
    lines.append("  - {id: pain, type: yes_no, text: 'P?'}")
    lines += [*OUTCOMES, "decisions:"]
    lines += [
        f"  - {{outcome: see_doctor, when: {{question: flags, includes: f{i}}}, reason: F}}"
        for i in range(count)
    ]
    lines.append("  - {outcome: therapeutic, when: {question: pain, is: yes}, reason: P}")
    lines.append("  - {outcome: relaxation, when: {question: pain, is: no}, reason: N}")
    return "\n".join(lines) + "\n"


def misspelt(count: int) -> str:
    """`count` questions, and as many decisions naming them with two letters swapped."""
    lines = head(f"typos-{count}")
    ids = [f"area_{i:04d}_{'neck' if i % 2 else 'back'}" for i in range(count)]
    lines += [f"  - {{id: {q}, type: yes_no, text: 'Q?'}}" for q in ids]
    lines += [*OUTCOMES, "decisions:"]
    for i, q in enumerate(ids):
        cut = 5 + i % 4
        typo = q[:cut] + q[cut + 1] + q[cut] + q[cut + 2 :]
        lines.append(f"  - {{outcome: relaxation, when: {{question: {typo}, is: yes}}, reason: R}}")
    return "\n".join(lines) + "\n"


SCRATCH = Path(tempfile.mkdtemp(prefix="triage-verify-bench-"))


def written(name: str, text: str) -> str:
    path = SCRATCH / f"{name}.yaml"
    path.write_text(text)
    return str(path)


# (name, command after `python -m triage`, target in seconds, today's figure in words)
FIGURES: list[tuple[str, Callable[[], tuple[str, ...]], float, str]] = [
    ("default rules", lambda: ("rules", "verify"), 0.6, "0.6 s before the solver"),
    ("12 signs", lambda: ("rules", "verify", written("s12", signs(12))), 1.0, "1.5 s"),
    ("16 signs", lambda: ("rules", "verify", written("s16", signs(16))), 1.0, "21.9 s"),
    ("100 signs", lambda: ("rules", "verify", written("s100", signs(100))), 2.0, "out of reach"),
    ("6-item instrument", lambda: ("rules", "verify", written("i6", instrument(6))), 1.0, "6.3 s"),
    (
        "10-item instrument",
        lambda: ("rules", "verify", written("i10", instrument(10))),
        1.0,
        "hours",
    ),
    (
        "red-flag list of 19",
        lambda: ("rules", "verify", written("f19", flag_list(19))),
        1.0,
        "314 s",
    ),
    (
        "red-flag list of 30",
        lambda: ("rules", "verify", written("f30", flag_list(30))),
        1.0,
        "out of reach",
    ),
    (
        "back-pain intake (example)",
        lambda: ("rules", "verify", str(ROOT / "rules" / "examples" / "back-pain-intake.yaml")),
        1.0,
        "out of reach",
    ),
    (
        "check: 1,000 misspelt references",
        lambda: ("rules", "check", written("typos", misspelt(1000))),
        2.0,
        "19 s",
    ),
]


def main(argv: list[str] | None = None) -> int:
    return measure(FIGURES, __doc__.splitlines()[0], argv)


Figure = tuple[str, Callable[[], tuple[str, ...]], float, str]


def measure(figures: list[Figure], description: str, argv: list[str] | None = None) -> int:
    """Time each figure's command beside `triage --version` and print the table: shared
    by the benchmarks of proving (here) and of checking (`check.py`)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=5, help="measured runs per figure (5)")
    parser.add_argument("--figure", action="append", metavar="TEXT", help="only these figures")
    args = parser.parse_args(argv)
    ENV["TRIAGE_CACHE"] = ""  # every run proves: nothing remembered
    version = (*TRIAGE, "--version")
    rows = [("figure", "median", "--version", "ratio", "target", "before", "verdict")]
    for name, command, target, before in figures:
        if args.figure and not any(text in name for text in args.figure):
            continue
        argv_ = (*TRIAGE, *command())
        print(f"  measuring {name}", file=sys.stderr, flush=True)
        times, bases = [], []
        try:
            time_process(version)
            _run(argv_)
            for _ in range(max(1, args.runs)):
                bases.append(time_process(version))
                times.append(_run(argv_))
        except RunFailed as exc:
            rows.append((name, "-", "-", "-", f"{target:g} s", before, f"failed: {exc}"))
            continue
        median, base = statistics.median(times), statistics.median(bases)
        verdict = "ok" if median <= target else "over target"
        rows.append(
            (name, f"{median:.3f} s", f"{base:.3f} s", f"{median / base:.2f}x", f"{target:g} s",
             before, verdict)
        )  # fmt: skip
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for i, row in enumerate(rows):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[-1])
        if i == 0:
            print("-" * (sum(widths) + 2 * len(widths) + 7))
    return 0


def _run(argv: tuple[str, ...]) -> float:
    """A verify or check run: exit 0 (nothing found), and for check 1 (warnings) or 2
    (errors: the rule set cannot be used), are all whole runs."""
    try:
        return time_process(argv)
    except RunFailed as exc:
        if (" exited 1:" in str(exc) or " exited 2:" in str(exc)) and "check" in argv:
            return _timed_allowing_failure(argv)
        raise


def _timed_allowing_failure(argv: tuple[str, ...]) -> float:
    import subprocess
    import time

    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, env=ENV, capture_output=True, check=False)
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())

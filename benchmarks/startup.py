"""How fast massage-triage starts, compared with a bare one-command Typer app.

Run from anywhere with the interpreter that has massage-triage installed:

    python benchmarks/startup.py                 # every figure, 15 runs each
    python benchmarks/startup.py --runs 31       # steadier medians
    python benchmarks/startup.py --figure version --importtime

Every run starts a fresh process with this same interpreter. Each figure's runs are
interleaved with its baseline's (A B A B ...) after one warm-up run of each, so drift
in the machine's load affects both alike; the median of each is reported, and their
ratio is compared with the figure's target. The script reports, it does not judge:
it exits 0 even when a figure is over its target or fails to run.

Adding a figure: write a function that times one run and returns seconds, and register
it with `@figure(...)`, with a baseline to get a ratio or without one for an absolute
target in seconds (for example the time to verify the rule set).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = sys.executable
TRIAGE = (PYTHON, "-m", "triage")
# Both started the same way, as `python -m MODULE` (the benchmarks folder is put on
# PYTHONPATH for the baseline), so neither pays for a start-up the other skips.
HELLO_VERSION = (PYTHON, "-m", "hello_app", "--version")
HELLO_COMMAND = (PYTHON, "-m", "hello_app")
FIRST_QUESTION = "Question 1"
TIMEOUT = 60.0  # seconds; a run slower than this is a failure, not a figure

Run = Callable[[], float]  # one timed run, in seconds


class RunFailed(Exception):
    """A measured command did not do what it should (wrong exit status, no question)."""


# ------------------------------------------------------------------ running


def environment() -> dict[str, str]:
    """The environment of every measured process: this one's, as a colour terminal.

    Bytecode caching is left on (what users get): the warm-up run writes the caches.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE"}
        and not k.startswith("TRIAGE_")
    }
    env["TERM"] = "xterm"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), env.get("PYTHONPATH", "")]))
    return env


ENV = environment()


def time_process(argv: tuple[str, ...]) -> float:
    """Wall time of one run of `argv` to its exit, output discarded; it must exit 0."""
    start = time.perf_counter()
    done = subprocess.run(
        argv,
        cwd=ROOT,
        env=ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        said = [
            line.strip(" │")
            for line in done.stderr.decode(errors="replace").splitlines()
            if any(c.isalnum() for c in line)
        ]
        last = said[-1] if said else ""
        raise RunFailed(f"{' '.join(argv[1:])} exited {done.returncode}: {last}")
    return elapsed


def time_in_pty(argv: tuple[str, ...], until: str | None = None) -> float:
    """Wall time from spawning `argv` in a pseudo-terminal until `until` is shown.

    With `until=None`, until the program exits (it must exit 0). Otherwise the program
    is then interrupted with Ctrl-C, outside the measured time.
    """
    import pexpect

    start = time.perf_counter()
    child = pexpect.spawn(
        argv[0],
        list(argv[1:]),
        cwd=str(ROOT),
        env=ENV,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 120),
    )
    try:
        try:
            child.expect(pexpect.EOF if until is None else until)
        except (pexpect.EOF, pexpect.TIMEOUT) as exc:
            raise RunFailed(f"{' '.join(argv[1:])}: {until!r} never shown ({exc})") from None
        elapsed = time.perf_counter() - start
        if until is not None:
            child.sendintr()
            child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    if until is None and child.exitstatus != 0:
        raise RunFailed(f"{' '.join(argv[1:])} exited {child.exitstatus}")
    return elapsed


# ------------------------------------------------------------------ figures


@dataclass(frozen=True)
class Figure:
    """One thing measured: a run to time, and what it is compared with."""

    name: str
    run: Run
    target: float  # the highest acceptable ratio; in seconds when there is no baseline
    baseline: Run | None = None
    about: str = ""

    @property
    def target_text(self) -> str:
        return f"<= {self.target:g}x" if self.baseline else f"<= {self.target:g} s"


FIGURES: dict[str, Figure] = {}


def figure(
    name: str, target: float, baseline: Run | None = None, about: str = ""
) -> Callable[[Run], Run]:
    """Register a function timing one run as a figure of the report."""

    def register(run: Run) -> Run:
        FIGURES[name] = Figure(name, run, target, baseline, about or (run.__doc__ or "").strip())
        return run

    return register


def hello_version() -> float:
    """The baseline: `python -m hello_app --version`, output discarded."""
    return time_process(HELLO_VERSION)


def hello_command_in_pty() -> float:
    """The baseline in a terminal: `python -m hello_app` running its command, to its exit.

    Running a command is what the first question needs too: Typer then converts the
    command's options, which (in Typer 0.29) builds pydantic adapters; `--version`
    exits before that, so it is the baseline for `--version` only.
    """
    return time_in_pty(HELLO_COMMAND)


@figure("triage --version", target=1.3, baseline=hello_version)
def triage_version() -> float:
    """`python -m triage --version` vs `python -m hello_app --version`."""
    return time_process((*TRIAGE, "--version"))


@figure("first question shown", target=2.0, baseline=hello_command_in_pty)
def first_question() -> float:
    """`python -m triage` in a pty until 'Question 1' shows vs `python -m hello_app`."""
    return time_in_pty(TRIAGE, until=FIRST_QUESTION)


def generated_rules(flags: int = 3, signs: int = 8, follow_ups: int = 9) -> str:
    """A rule set of yes/no questions: red flags, signs every rule reads, and a chain of
    follow-ups each shown only after a yes (20 questions with the defaults)."""
    lines = ["id: generated", 'version: "1"', "title: Generated", "questions:"]
    lines += [
        f"  - {{id: flag_{i}, type: yes_no, text: 'Flag {i}?', red_flag: see_doctor}}"
        for i in range(1, flags + 1)
    ]
    lines += [f"  - {{id: sign_{i}, type: yes_no, text: 'Sign {i}?'}}" for i in range(1, signs + 1)]
    for i in range(1, follow_ups + 1):
        gate = "sign_1" if i == 1 else f"more_{i - 1}"
        when = f"{{question: {gate}, is: yes}}"
        lines.append(f"  - {{id: more_{i}, type: yes_no, text: 'More {i}?', when: {when}}}")
    lines += [
        "outcomes:",
        "  - {id: see_doctor, kind: referral, severity: 30, title: D, advice: A, if_worse: W,",
        "     ends_walk: true}",
        "  - {id: therapeutic, kind: massage, severity: 20, title: T, advice: A, if_worse: W}",
        "  - {id: relaxation, kind: massage, severity: 10, title: R, advice: A, if_worse: W}",
        "decisions:",
    ]
    ids = [f"flag_{i}" for i in range(1, flags + 1)]
    lines += [
        f"  - {{outcome: see_doctor, when: {{question: {q}, is: yes}}, reason: F}}" for q in ids
    ]
    read = [f"sign_{i}" for i in range(1, signs + 1)] + [
        f"more_{i}" for i in range(1, follow_ups + 1)
    ]
    lines += [
        f"  - {{outcome: therapeutic, when: {{question: {q}, is: yes}}, reason: S}}" for q in read
    ]
    lines.append("  - {outcome: relaxation, reason: nothing else applies}")
    return "\n".join(lines) + "\n"


GENERATED = Path(tempfile.mkdtemp(prefix="triage-bench-")) / "generated.yaml"
GENERATED.write_text(generated_rules())


@figure("rules verify, default rules", target=1.0)
def verify_default() -> float:
    """`python -m triage rules verify`: every path of the shipped rules (whole command)."""
    return time_process((*TRIAGE, "rules", "verify"))


@figure("rules verify, 20 yes/no + 3 red flags", target=2.0)
def verify_generated() -> float:
    """`python -m triage rules verify` on a generated rule set of 20 yes/no questions
    (3 red flags, 8 signs every rule reads, 9 chained follow-ups: 1,411 distinct paths)."""
    return time_process((*TRIAGE, "rules", "verify", str(GENERATED)))


# --------------------------------------------------------------- measuring


@dataclass(frozen=True)
class Measured:
    figure: Figure
    times: list[float]
    baseline_times: list[float]
    error: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def baseline_median(self) -> float | None:
        return statistics.median(self.baseline_times) if self.baseline_times else None

    @property
    def ratio(self) -> float | None:
        base = self.baseline_median
        return self.median / base if base else None

    @property
    def ok(self) -> bool:
        value = self.ratio if self.figure.baseline else self.median
        return value is not None and value <= self.figure.target


def measure(fig: Figure, runs: int) -> Measured:
    """Warm up once, then `runs` runs of the baseline and the figure, interleaved."""
    times: list[float] = []
    baseline_times: list[float] = []
    try:
        if fig.baseline:
            fig.baseline()
        fig.run()
        for _ in range(runs):
            if fig.baseline:
                baseline_times.append(fig.baseline())
            times.append(fig.run())
    except (RunFailed, OSError, subprocess.TimeoutExpired) as exc:
        return Measured(fig, times, baseline_times, error=str(exc) or type(exc).__name__)
    return Measured(fig, times, baseline_times)


def report(results: list[Measured]) -> str:
    rows = [("figure", "median", "baseline", "ratio", "target", "verdict")]
    for m in results:
        if m.error:
            rows.append((m.figure.name, "-", "-", "-", m.figure.target_text, f"failed: {m.error}"))
            continue
        base = m.baseline_median
        rows.append(
            (
                m.figure.name,
                f"{m.median:.3f} s",
                f"{base:.3f} s" if base is not None else "-",
                f"{m.ratio:.2f}x" if m.ratio is not None else "-",
                m.figure.target_text,
                "ok" if m.ok else "over target",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    lines = []
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


# -------------------------------------------------------------- import time

IMPORT_LINE = re.compile(r"^import time:\s+(\d+)\s+\|\s+(\d+)\s+\|(\s*)(\S+)")


def import_times(argv: tuple[str, ...]) -> list[tuple[int, int, int, str]]:
    """(self µs, cumulative µs, depth, module) for each import `python -X importtime` made."""
    command = (argv[0], "-X", "importtime", *argv[1:])
    subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, check=False)  # warm caches
    done = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True, check=False)
    found = []
    for line in done.stderr.splitlines():
        match = IMPORT_LINE.match(line)
        if match:
            own, total, indent, module = match.groups()
            found.append((int(own), int(total), (len(indent) - 1) // 2, module))
    return found


def import_report(argv: tuple[str, ...], top: int, by: str) -> str:
    found = import_times(argv)
    if not found:
        return "no import times reported"
    total = sum(own for own, *_ in found)
    key = 0 if by == "self" else 1
    slowest = sorted(found, key=lambda item: item[key], reverse=True)[:top]
    lines = [
        f"{len(found)} modules imported in {total / 1000:.1f} ms; the {top} slowest by {by} time:",
        f"{'self ms':>8}  {'cumul. ms':>9}  {'depth':>5}  module",
    ]
    for own, cumulative, depth, module in slowest:
        lines.append(f"{own / 1000:8.1f}  {cumulative / 1000:9.1f}  {depth:5d}  {module}")
    return "\n".join(lines)


# -------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="measured runs per figure (15)")
    parser.add_argument(
        "--figure",
        action="append",
        metavar="TEXT",
        help="only the figures whose name contains TEXT (repeatable)",
    )
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    parser.add_argument(
        "--importtime",
        action="store_true",
        help="also show the slowest imports of `python -X importtime -m triage --version`",
    )
    parser.add_argument("--top", type=int, default=15, help="how many imports to show (15)")
    parser.add_argument(
        "--by", choices=("cumulative", "self"), default="cumulative", help="sort imports by"
    )
    args = parser.parse_args(argv)

    if args.list:
        for fig in FIGURES.values():
            print(f"{fig.name:24} target {fig.target_text:8} {fig.about}")
        return 0
    chosen = [
        fig
        for fig in FIGURES.values()
        if not args.figure or any(text in fig.name for text in args.figure)
    ]
    runs = max(1, args.runs)
    print(
        f"massage-triage start-up: Python {platform.python_version()} ({PYTHON}), "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
    )
    print(f"{runs} runs per figure after a warm-up, interleaved with the baseline; medians\n")
    results = []
    for fig in chosen:
        print(f"  measuring {fig.name}: {fig.about}", file=sys.stderr, flush=True)
        results.append(measure(fig, runs))
    print(file=sys.stderr)
    if results:
        print(report(results))
    if args.importtime:
        print()
        print(import_report((*TRIAGE, "--version"), args.top, args.by))
    return 0


if __name__ == "__main__":
    sys.exit(main())

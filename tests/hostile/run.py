"""Running the hostile corpus through the installed command, each case bounded.

Every case runs `python -m triage` (the package installed for this interpreter) in a
child process of its own, in a fresh folder, with `resource` limits (address space and
CPU time) so that a blow-up fails fast instead of taking the machine, and a wall-clock
timeout for what blocks. A case is
clean when the exit status is one documented for it, nothing looks like a traceback,
an error is one `triage: error:` line, and its own check (if any) passes.

    python tests/hostile/run.py            # run everything, print the figures
    python tests/hostile/run.py --write    # ... and record them in figures.json
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import CORPUS, DEFAULT, HERE, Case, all_cases

MEMORY = 1536 * 1024 * 1024  # bytes of address space for one run
CPU_SECONDS = 30
WALL_SECONDS = 60
FIGURES = HERE / "figures.json"


@dataclass(frozen=True)
class Outcome:
    case: Case
    status: int | None
    problem: str | None  # None: handled cleanly

    @property
    def clean(self) -> bool:
        return self.problem is None


def _limits(closed: tuple[int, ...]) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    for fd in closed:
        os.close(fd)


def _environment(folder: Path, cache: Path, extra: dict[str, str]) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "LANG": "C.UTF-8",
        "TRIAGE_LANG": "en",
        "TRIAGE_CACHE": str(cache),
        "TRIAGE_DB": str(folder / "h.sqlite3"),
        "NO_COLOR": "1",
    }
    env.update(extra)
    return {k: v for k, v in env.items() if v or k == "TRIAGE_LANG"}


def _args(case: Case, folder: Path) -> list[str]:
    places = {
        "{corpus}": str(CORPUS),
        "{tmp}": str(folder),
        "{default}": str(DEFAULT),
        "{number}": str(CORPUS / "rules" / "number.yaml"),
    }
    found = []
    for arg in case.args:
        for mark, value in places.items():
            arg = arg.replace(mark, value)
        found.append(arg)
    return found


def run_case(case: Case, cache: Path) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="hostile-") as name:
        folder = Path(name)
        try:
            if case.setup:
                case.setup(folder)
            status, out, err = _run(case, folder, cache)
        except subprocess.TimeoutExpired:
            return Outcome(case, None, f"still running after {WALL_SECONDS} s")
        except OSError as error:  # the case itself cannot be set up or started here
            return Outcome(case, None, f"could not run: {error}")
        problem = _judge(case, status, out, err)
        if problem is None and case.check:
            problem = case.check(folder, out, err)
        return Outcome(case, status, problem)


def _run(case: Case, folder: Path, cache: Path) -> tuple[int, str, str]:
    argv = [sys.executable, "-m", "triage", *_args(case, folder)]
    if case.input == "pty":
        return _run_in_terminal(case, argv, folder, cache)
    closed = tuple(fd for fd, what in ((0, case.input), (1, case.output)) if what == "closed")
    stdout = (  # closed below
        open(os.devnull if case.output == "closed" else "/dev/full", "wb")  # noqa: SIM115
        if case.output in ("full", "closed")
        else open(folder / "stdout.txt", "ab")  # noqa: SIM115
        if case.output == "file"
        else subprocess.PIPE
    )
    device = case.input.startswith("/dev/")
    stdin = open(case.input, "rb") if device else None  # noqa: SIM115
    try:
        child = subprocess.Popen(
            argv,
            stdin=stdin or (subprocess.DEVNULL if case.input == "closed" else subprocess.PIPE),
            stdout=stdout,
            stderr=subprocess.PIPE,
            cwd=folder,
            env=_environment(folder, cache, case.env),
            preexec_fn=lambda: _limits(closed),
        )
        if case.output == "head":
            assert child.stdout and child.stdin
            child.stdin.close()
            out = child.stdout.read(10)
            child.stdout.close()
            err = child.stderr.read() if child.stderr else b""
            child.wait(WALL_SECONDS)
            return child.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
        out_bytes, err_bytes = child.communicate(
            None if case.input == "closed" or device else case.stdin, timeout=WALL_SECONDS
        )
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise
    finally:
        if stdin is not None:
            stdin.close()
        if stdout is not subprocess.PIPE:
            stdout.close()  # type: ignore[union-attr]
    decode = lambda b: (b or b"").decode("utf-8", "replace")  # noqa: E731
    if case.output == "file":
        out_bytes = (folder / "stdout.txt").read_bytes()
    return child.returncode, decode(out_bytes), decode(err_bytes)


ERROR_LINES = ("triage: error:", "triage\u00a0: erreur\u00a0:")  # English, French
PTY_SECONDS = 20  # a case typed at a terminal that is still waiting then is hung up on


def _run_in_terminal(
    case: Case, argv: list[str], folder: Path, cache: Path
) -> tuple[int, str, str]:
    """The case's input typed ahead at once at a real terminal (a pseudo-terminal as
    standard input, so single keys are read as at a desk); stdout and stderr are pipes.
    A call still waiting after `PTY_SECONDS` is hung up on (the terminal closed)."""
    import pty

    master, slave = pty.openpty()
    try:
        child = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=folder,
            env={**_environment(folder, cache, case.env), "TERM": "xterm"},
            preexec_fn=lambda: _limits(()),
            start_new_session=True,
        )
    finally:
        os.close(slave)
    try:
        os.write(master, case.stdin)
        try:
            out, err = child.communicate(timeout=PTY_SECONDS)
        except subprocess.TimeoutExpired:
            os.close(master)
            master = -1
            out, err = child.communicate(timeout=WALL_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        raise
    finally:
        if master >= 0:
            os.close(master)
    return child.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def _judge(case: Case, status: int, out: str, err: str) -> str | None:
    if status < 0:
        return f"killed by signal {-status} (a limit was passed?)"
    if status not in case.expect:
        last = err.strip().splitlines()[-1:] or [""]
        return f"exit {status}, expected {sorted(case.expect)}: {last[0][:200]}"
    for sign in ("Traceback", "Exception ignored", "Error in sys.excepthook"):
        if sign in out or sign in err:
            return f"{sign!r} in the output"
    errors = [line for line in err.splitlines() if line.startswith(ERROR_LINES)]
    if len(errors) > 1:
        return f"{len(errors)} error lines, not one"
    if status == 141 and err.strip():
        return "a reader that went away is not quiet"
    usage = status == 2 and "Usage:" in err
    if status not in (0, 1, 141) and not errors and not usage:
        return "no 'triage: error:' line (or its French)"
    return None


def run_all(workers: int = 2) -> list[Outcome]:
    with (
        tempfile.TemporaryDirectory(prefix="hostile-cache-") as cache,
        ThreadPoolExecutor(workers) as pool,
    ):
        return list(pool.map(lambda c: run_case(c, Path(cache)), all_cases()))


def figures(outcomes: list[Outcome]) -> dict[str, dict[str, int]]:
    tried = Counter(o.case.category for o in outcomes)
    clean = Counter(o.case.category for o in outcomes if o.clean)
    found = {c: {"tried": tried[c], "clean": clean[c]} for c in sorted(tried)}
    found["total"] = {"tried": sum(tried.values()), "clean": sum(clean.values())}
    return found


def summary(numbers: dict[str, dict[str, int]]) -> str:
    total = numbers["total"]
    parts = ", ".join(f"{k} {v['clean']}/{v['tried']}" for k, v in numbers.items() if k != "total")
    return f"hostile inputs: {total['tried']} tried, {total['clean']} clean ({parts})"


def main() -> None:
    outcomes = run_all()
    for outcome in outcomes:
        if not outcome.clean:
            print(f"NOT CLEAN [{outcome.case.category}] {outcome.case.name}: {outcome.problem}")
    numbers = figures(outcomes)
    print(summary(numbers))
    if "--write" in sys.argv:
        FIGURES.write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

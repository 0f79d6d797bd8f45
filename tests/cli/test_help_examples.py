"""Help that works: every example of every help page and every command of the README, run.

Each command line is run as it is written, by `sh -c`, in a scratch folder that holds
what the examples name (`my-clinic.yaml` and its cases, `rules/`, `answers.yaml`,
`result.json`, a history with a screening 42, `clinic.sqlite3`), with `triage` and
`python` on the PATH meaning this checkout. Interactive commands get piped answers
(`printf '0\\n3\\n0\\n0\\nn\\n'`), and must end with status 0 like every other one.

A few are not run, each for a reason named in `NOT_RUN`: they install something,
refresh the pinned versions, need Graphviz or another tool installed, or run for an
hour. A purge that asks first is answered in a real terminal.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect
import pytest
from paths import ROOT
from scenarios import PIPED_RELAXATION

from triage.cli.help.examples import EXAMPLES
from triage.deciding.engine import assess
from triage.deciding.loaded import load
from triage.history.contacts import Contact
from triage.history.store import Store
from triage.output.booking_note import booking_note
from triage.output.document import document
from triage.screening.records import screening_of

SHELL = shutil.which("bash") or "/bin/sh"  # the completion script is printed for bash
ANSWERS = PIPED_RELAXATION

# Commands that are not run, and why (each must still be found where it is written).
INSTALLS = "installs packages"
SERVES = "starts a server (tests/web/ run one)"
DATABASE = "needs the clinic's PostgreSQL server (tests/history/test_backends.py run one)"
NOT_RUN = {
    "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/triage": INSTALLS,
    "python3 -m venv .venv && .venv/bin/pip install -c constraints.txt -e '.[test]' "
    "&& .venv/bin/pytest": INSTALLS,
    "python3 -m venv /tmp/fresh && /tmp/fresh/bin/pip install -e '.[test]' "
    "&& /tmp/fresh/bin/pip freeze --exclude-editable > /tmp/pins "
    "&& { head -3 constraints.txt; cat /tmp/pins; } > constraints.new "
    "&& mv constraints.new constraints.txt": "refreshes the pinned versions",
    "triage --install-completion      # then open a new shell": "installs the completion",
    "triage rules graph my-clinic.yaml --format dot | dot -Tsvg > flow.svg": "needs Graphviz",
    ".venv/bin/pip install mutmut==3.8.1": INSTALLS,
    "pip install 'massage-triage[postgres]'    # psycopg; the system's libpq (Debian: libpq5)": (
        INSTALLS
    ),
    "triage history copy --to postgresql://desk@db.clinic.lan/triage": DATABASE,
    "triage history copy --to postgresql://desk@db/triage   # into a shared history": DATABASE,
    "triage serve": SERVES,
    "triage serve                                   # http://127.0.0.1:8000/, for this computer": (
        SERVES
    ),
    "triage serve --public-url https://triage.example.org/ --site site.yaml --workers 2": SERVES,
    "triage serve --site site.yaml --public-url https://triage.example.org/ --workers 2": SERVES,
    "triage serve --kiosk --site site.yaml": SERVES,
    "TRIAGE_PROPERTY_EXAMPLES=100 .venv/bin/mutmut run   # writes mutants/ (ignored by git)": (
        "needs mutmut installed, and runs for most of an hour"
    ),
    ".venv/bin/mutmut results        # the surviving mutants; `mutmut show NAME` shows one": (
        "needs mutmut installed and a run"
    ),
}


def readme_commands() -> list[str]:
    """The commands of the README's `sh` blocks (a line ending in \\ joined with the next)
    and of its `console` blocks (the lines after `$ `)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found: list[str] = []
    for kind, body in re.findall(r"^```(sh|console)\n(.*?)^```", text, re.M | re.S):
        if kind == "console":
            found += [line[2:] for line in body.splitlines() if line.startswith("$ ")]
            continue
        joined = re.sub(r"\\\n\s*", "", body)
        found += [line.strip() for line in joined.splitlines() if line.strip()]
    return found


def help_commands() -> list[str]:
    return [command for rows in EXAMPLES.values() for command, _said in rows]


COMMANDS = sorted(set(readme_commands()) | set(help_commands()))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A folder with what the examples name, and the environment they run in."""
    work = tmp_path_factory.mktemp("examples")
    bin_dir = work / ".bin"
    bin_dir.mkdir()
    for name, line in (("triage", "-m triage"), ("python", "")):
        shim = bin_dir / name
        shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" {line} "$@"\n', encoding="utf-8")
        shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    shutil.copytree(ROOT / "rules", work / "rules")
    shutil.copy(ROOT / "rules/default.yaml", work / "my-clinic.yaml")
    shutil.copy(ROOT / "rules/default.cases.yaml", work / "my-clinic.cases.yaml")
    (work / "answers.yaml").write_text(
        "emergency_signs: none\nage: 18_to_49\ncautions: none\nred_flags: recent_trauma\n",
        encoding="utf-8",
    )
    cache = work / ".cache"
    cache.mkdir(mode=0o700)
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("TRIAGE_", "LC_", "LANG"))}
    environ.update(
        PATH=f"{bin_dir}{os.pathsep}{environ.get('PATH', '')}",
        TRIAGE_LANG="en",
        TRIAGE_DB=str(work / "history.sqlite3"),
        TRIAGE_CACHE=str(cache),
        TERM="dumb",
        COLUMNS="80",
    )
    _fill_history(work / "history.sqlite3", 42)
    shutil.copy(work / "history.sqlite3", work / "clinic.sqlite3")
    shutil.copy(work / "history.sqlite3", work / "asks.sqlite3")  # for the purge that asks
    ran = subprocess.run(
        ["triage", "assess", "--answers", "answers.yaml", "--format", "json"],
        cwd=work,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    (work / "result.json").write_text(ran.stdout, encoding="utf-8")
    return {"cwd": str(work), **{f"env:{k}": v for k, v in environ.items()}}


def _fill_history(path: Path, count: int) -> None:
    """Screenings 1 to `count`, one a day from 2025-12-01 (some before 2026-01-01, to purge);
    the last one sent from the web page, for the receptionist's queue."""
    loaded = load(None, False, None)
    answers = {"emergency_signs": (), "age": "18_to_49", "cautions": (), "red_flags": ()}
    result = assess(loaded.rules, {**answers, "discomfort": False})
    doc = document(result, loaded)
    start = datetime(2025, 12, 1, 9, tzinfo=timezone.utc)
    with Store.open(path) as store:
        for day in range(count):
            when, sent = start + timedelta(day), None
            if day == count - 1:  # sent today: kept by `list --new`'s purge of expired ones
                when, sent = datetime.now(timezone.utc), Contact("Ana Lima", "+33 6 12 34 56 78")
            channel = "walk" if sent is None else "web"
            store.save(screening_of(doc, channel, booking_note(doc), None, when), sent)


def _environ(scratch: dict[str, str]) -> dict[str, str]:
    return {k[4:]: v for k, v in scratch.items() if k.startswith("env:")}


@pytest.mark.parametrize("command", COMMANDS)
def test_the_command_runs(command: str, scratch: dict[str, str]) -> None:
    if command in NOT_RUN:
        pytest.skip(NOT_RUN[command])
    if "purge --before" in command and "--yes" not in command.split("#")[0]:
        pytest.skip("asks first: answered in a real terminal, below")
    if "purge --id" in command and "--yes" not in command.split("#")[0]:
        pytest.skip("asks first (tests/history/test_queue.py runs it with --yes)")
    ran = subprocess.run(
        [SHELL, "-c", command],
        cwd=scratch["cwd"],
        env=_environ(scratch),
        input=ANSWERS,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert ran.returncode == 0, f"{command}\n{ran.stdout[-2000:]}\n{ran.stderr[-2000:]}"
    assert "Traceback" not in ran.stderr


@pytest.mark.pty
def test_the_purge_that_asks_first_runs_in_a_terminal(scratch: dict[str, str]) -> None:
    (command,) = {c for c in COMMANDS if c.endswith("purge --before 2026-01-01")}
    environ = {**_environ(scratch), "TRIAGE_DB": str(Path(scratch["cwd"]) / "asks.sqlite3")}
    child = pexpect.spawn(SHELL, ["-c", command], cwd=scratch["cwd"], env=environ, encoding="utf-8")
    child.expect_exact("recorded before 2026-01-01? [y/N] ")
    child.sendline("n")  # keep them: the other examples read the history
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "nothing was deleted" in (child.before or "")


def test_every_command_not_run_is_still_written_somewhere() -> None:
    """A reason to skip a command that is no longer in the README or a help page is stale."""
    assert not set(NOT_RUN) - set(COMMANDS)


def test_the_readme_and_the_help_pages_have_commands() -> None:
    assert len(readme_commands()) >= 15
    assert "printf '0\\n3\\n0\\n0\\nn\\n\\n' | triage" in help_commands()

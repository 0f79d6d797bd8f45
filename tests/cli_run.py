"""The one way tests run the command line: in this process, on an injected environment
(`triage`), or, where the process itself is under test (help built at import, the
locale, bytes that are not UTF-8), as a fresh process with piped streams (`process`);
a real terminal is `terminal_session.spawn`.

In the spirit of httpie's `http()` test helper: `triage("assess", "-a", ...)` runs the
real Typer app with fake streams (stdin from `input`, stdout and stderr captured) and
an explicit environment, and returns what a person would see: the exit status, what
went to stdout, what went to stderr. Click's own output (help, usage errors) is part
of those streams too.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from triage.cli.app import app
from triage.cli.environment import Environment

# What every run starts from, whatever the developer's own environment: English,
# no verification cache, no colour choice of the developer's terminal.
BASE_ENVIRON = {"TRIAGE_LANG": "en", "TRIAGE_CACHE": ""}

# For a helper that hands the status to its caller, who checks it: `expect=ANY`.
ANY = range(256)


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str
    exception: BaseException | None = None

    @property
    def output(self) -> str:
        """Both streams, stdout first (for messages whose stream does not matter)."""
        return self.out + self.err


def triage(
    *args: str,
    input: str = "",
    environ: Mapping[str, str | None] | None = None,
    tty: bool = False,
    width: int | None = 80,
    bugs: bool = True,
    expect: int | Collection[int] = 0,
) -> Ran:
    """Run `triage ARGS`; an unexpected exception is raised (a bug), unless `bugs=False`,
    and so is an exit status other than `expect` (0 unless told): a test that meant to
    see a failure says which, and one that did not is stopped at the line that failed.

    `environ` is added to BASE_ENVIRON; a variable given as None is left unset, as if
    the person had none (e.g. `{"TRIAGE_LANG": None}` to let LANG choose the language).
    """
    variables = {**BASE_ENVIRON, **(environ or {})}
    env = Environment(
        stdin=io.StringIO(input),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
        stdin_isatty=tty,
        stdout_isatty=tty,
        stderr_isatty=tty,
        environ={name: value for name, value in variables.items() if value is not None},
        width=width,
    )
    result = CliRunner().invoke(app, list(args), input=input, obj=env, env=variables)
    unexpected = result.exception is not None and not isinstance(result.exception, SystemExit)
    if unexpected and bugs:
        raise result.exception  # type: ignore[misc]
    out = env.stdout.getvalue() + result.stdout  # type: ignore[attr-defined]
    err = env.stderr.getvalue() + result.stderr  # type: ignore[attr-defined]
    expected = {expect} if isinstance(expect, int) else set(expect)
    if result.exit_code not in expected:
        raise UnexpectedStatus(
            f"triage {' '.join(args)}: exit {result.exit_code}, expected "
            f"{' or '.join(map(str, sorted(expected)))}\n{out}{err}"
        )
    return Ran(result.exit_code, out, err, result.exception)


class UnexpectedStatus(AssertionError):
    """A run ended with a status the test did not name (`expect`)."""


ROOT = Path(__file__).resolve().parents[1]
# Variables of the developer's own terminal that would change what a fresh process does.
_INHERITED_NOT = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "COLORTERM", "LANGUAGE")
_MAIN = "import sys; from triage.cli.app import main; sys.argv[0] = 'triage'; main()"


def process(
    *args: str,
    input: str | bytes = "",
    environ: Mapping[str, str | None] | None = None,
    columns: int = 80,
    expect: int | Collection[int] = 0,
    timeout: float = 60,
) -> Ran:
    """Run `triage ARGS` as a fresh process, its streams piped (not a terminal), from the
    repository's root; stdout and stderr are decoded exactly (bytes that are not UTF-8
    kept as surrogates). The environment is BASE_ENVIRON over the developer's, without
    their terminal's or locale's variables; `environ` as for `triage`. An exit status
    other than `expect` stops the test, as for `triage`."""
    inherited = {
        k: v
        for k, v in os.environ.items()
        if k not in _INHERITED_NOT and not k.startswith(("TRIAGE_", "LC_")) and k != "LANG"
    }
    variables = {**inherited, "TERM": "dumb", "COLUMNS": str(columns), **BASE_ENVIRON}
    variables.update(environ or {})
    done = subprocess.run(
        [sys.executable, "-c", _MAIN, *args],
        input=input.encode("utf-8") if isinstance(input, str) else input,
        capture_output=True,
        env={name: value for name, value in variables.items() if value is not None},
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    out = done.stdout.decode("utf-8", "surrogateescape")
    err = done.stderr.decode("utf-8", "surrogateescape")
    expected = {expect} if isinstance(expect, int) else set(expect)
    if done.returncode not in expected:
        raise UnexpectedStatus(
            f"triage {' '.join(args)} (a process): exit {done.returncode}, expected "
            f"{' or '.join(map(str, sorted(expected)))}\n{out}{err}"
        )
    return Ran(done.returncode, out, err)

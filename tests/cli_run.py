"""The one way tests run the command line: in this process, on an injected environment.

In the spirit of httpie's `http()` test helper: `triage("assess", "-a", ...)` runs the
real Typer app with fake streams (stdin from `input`, stdout and stderr captured) and
an explicit environment, and returns what a person would see: the exit status, what
went to stdout, what went to stderr. Click's own output (help, usage errors) is part
of those streams too.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass

from typer.testing import CliRunner

from triage.cli.app import app
from triage.cli.environment import Environment

# What every run starts from, whatever the developer's own environment: English,
# no verification cache, no colour choice of the developer's terminal.
BASE_ENVIRON = {"TRIAGE_LANG": "en", "TRIAGE_CACHE": ""}


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
) -> Ran:
    """Run `triage ARGS`; an unexpected exception is raised (a bug), unless `bugs=False`.

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
    return Ran(result.exit_code, out, err, result.exception)

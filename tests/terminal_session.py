"""Running `python -m triage` in a real pseudo-terminal, for the pexpect tests.

Shared by the client, call and French terminal tests: the child's environment
(a known terminal, English unless told otherwise, no stray TRIAGE_* settings), the
spawn with its transcript, and the end of a session.
"""

from __future__ import annotations

import io
import os
import re
import signal
import sys
import time
from pathlib import Path

import pexpect

ROOT = Path(__file__).resolve().parents[1]
PROMPT = "> "  # the end of every prompt line, e.g. "y/n · ? help · b back > "
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07]*\x07")

_children: list[pexpect.spawn] = []

# What a program in a fresh terminal starts with. A test run under `nohup`, or in the
# background of a script, ignores some of them, and an ignored signal stays ignored
# across exec: the tool rightly keeps it so (`nohup triage call`), and a test of what
# SIGHUP or Ctrl-C does would then wait forever.
_DEFAULT_SIGNALS = ("SIGHUP", "SIGINT", "SIGQUIT", "SIGTERM", "SIGTSTP", "SIGPIPE")


def _as_in_a_fresh_terminal() -> None:
    for name in _DEFAULT_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def environment(colour: bool = False, **extra: str) -> dict[str, str]:
    """The child's environment: a known terminal, English, colour only when asked."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TERM", "COLORTERM", "LANGUAGE"}
        and not k.startswith(("TRIAGE_", "LC_"))
    }
    env.update(TERM="xterm", PYTHONUTF8="1", TRIAGE_LANG="en", TRIAGE_CACHE="")
    if not colour:
        env["NO_COLOR"] = "1"
    env.update(extra)
    return env


def spawn(
    *args: str,
    colour: bool = False,
    program: str = "",
    timeout: int = 20,
    columns: int = 120,
    **extra_env: str,
) -> pexpect.spawn:
    """Start `python -m triage ARGS` in a pty of 40 rows and `columns` (120) columns; the
    whole transcript is kept in `.log`.

    `program` runs something else instead (e.g. /bin/sh), with ARGS as its arguments.
    """
    child = pexpect.spawn(
        program or sys.executable,
        list(args) if program else ["-m", "triage", *args],
        encoding="utf-8",
        timeout=timeout,
        dimensions=(40, columns),
        env=environment(colour, **extra_env),
        cwd=str(ROOT),
        preexec_fn=_as_in_a_fresh_terminal,
    )
    child.log = io.StringIO()  # type: ignore[attr-defined]
    child.logfile_read = child.log
    _children.append(child)
    return child


def transcript(child: pexpect.spawn) -> str:
    return str(child.log.getvalue())


def finish(child: pexpect.spawn) -> tuple[str, int | None]:
    """Wait for the program to end; its whole transcript and exit status."""
    child.expect(pexpect.EOF)
    child.close()
    assert child.signalstatus is None, f"killed by signal {child.signalstatus}"
    return transcript(child), child.exitstatus


def close_all() -> None:
    """A test that fails half-way leaves no program waiting for an answer."""
    while _children:
        child = _children.pop()
        if child.isalive():
            child.close(force=True)


# The line that ends a page of a long list that is not its last (`triage.cli.terminal.prompter`).
MORE = ("more on the next page", "suite à la page suivante")


def type_line(child: pexpect.spawn, line: str) -> None:
    """At the next prompt, type `line` and Enter. A list too long for the screen comes in
    pages: Enter shows the next one, pressed once the page could be read (an Enter that
    came with the last key is dropped), until the last page, where `line` is typed."""
    from triage.cli.terminal.prompter import STRAY_ENTER

    while True:
        child.expect_exact(PROMPT)
        if not any(more in " ".join(ANSI.sub("", str(child.before)).split()) for more in MORE):
            child.sendline(line)
            return
        time.sleep(STRAY_ENTER + 0.2)
        child.sendline("")

"""Line editing for the questions that take a line, on a terminal: GNU readline (or
libedit) where Python has it, so the arrows, Home/End, Ctrl-W and Alt-Backspace
work as in a shell, and a refused answer comes back on the line to be corrected.

The questions still go to standard error, the result to standard output: Python's
`input()` only edits a line when its standard output is a terminal, so for the time
of one line, file descriptor 1 is pointed at standard error's terminal and put back
after (`triage --format json > result.json` keeps a clean document). Nothing of the
shell's habits comes along: no history file, no recall of earlier answers with Up,
no Tab completion of file names, no bracketed-paste switching codes.

Where there is no readline (Windows, a Python built without it), standard input or
standard error is not a terminal, standard input is not the process's own, or the
output is plain (`--plain`, TERM=dumb: readline would move the cursor with escape
sequences), the caller reads the line as before: nothing breaks, the line is just
not editable.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from triage.cli.environment import Environment

_SETTINGS = (
    # Home, End, Delete and Ctrl+arrows as xterm, VT220 and the Linux console send them,
    # whatever the terminal's description says.
    *(f'"{key}": beginning-of-line' for key in ("\\e[H", "\\eOH", "\\e[1~", "\\e[7~")),
    *(f'"{key}": end-of-line' for key in ("\\e[F", "\\eOF", "\\e[4~", "\\e[8~")),
    '"\\e[3~": delete-char',
    '"\\e[1;5D": backward-word',
    '"\\e[1;5C": forward-word',
    "set enable-bracketed-paste off",
    "set enable-meta-key off",
    "set history-size 0",
    "tab: tab-insert",  # a tab is typed, then refused as a control character, never completed
)


def available(env: Environment) -> bool:
    """Whether the line can be edited here (see the module's docstring)."""
    if sys.platform == "win32" or env.stdin is not sys.stdin or not env.stdin_isatty:
        return False
    if not env.stderr_isatty or env.plain(env.stderr):  # --plain: no cursor movement either
        return False
    try:
        stdin, stderr = sys.stdin.fileno(), env.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    if stdin != 0 or not os.isatty(stderr):
        return False
    return _readline() is not None


def _readline() -> Any:
    try:
        import readline
    except ImportError:
        return None
    return readline


_configured = False


def edit(prompt: str, env: Environment, start: str = "") -> str:
    """A line typed at `prompt` (the last line of the question's hint), with `start`
    already on it to be edited; its newline included, '' at the end of input."""
    global _configured
    readline = _readline()
    if not _configured:
        for setting in _SETTINGS:
            readline.parse_and_bind(setting)
        _configured = True
    readline.set_startup_hook((lambda: readline.insert_text(start)) if start else None)
    env.stderr.flush()
    if sys.stdout is not None:
        sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(env.stderr.fileno(), 1)
        line = input(prompt)
    except EOFError:
        return ""
    except UnicodeDecodeError as error:  # a byte that is not UTF-8: refused, never replaced
        from triage.cli.terminal.keys import NotText, _not_text

        raise NotText(_not_text(error)) from None
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        readline.set_startup_hook(None)
        readline.clear_history()
    return line + "\n"

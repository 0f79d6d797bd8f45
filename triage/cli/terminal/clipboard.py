"""Copying the note in one step: the terminal's clipboard sequence (OSC 52).

Only when asked (`--copy`) and only when standard output is a terminal: the sequence
asks the terminal itself to put the text on the clipboard (xterm, kitty, iTerm2,
WezTerm, Windows Terminal; tmux with `set-clipboard on`), so nothing else is run and
nothing leaves the computer. A terminal without it ignores the sequence.
"""

from __future__ import annotations

import base64

from triage import i18n
from triage.cli.environment import Environment
from triage.i18n import _
from triage.output.typography import for_stream
from triage.output.wrapping import fill


def osc52(text: str) -> str:
    """The sequence that puts `text` on the clipboard."""
    return "\x1b]52;c;" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "\x07"


def copy(env: Environment, text: str) -> None:
    """Put `text` on the terminal's clipboard, or say why it cannot be (never an error)."""
    if not env.stdout_isatty:
        _say(env, _("--copy: standard output is not a terminal, nothing was copied"))
        return
    env.stdout.write(osc52(text))
    env.stdout.flush()
    _say(env, _("The note was copied to the clipboard (if the terminal allows it)."))


def _say(env: Environment, message: str) -> None:
    shown = for_stream(message, i18n.language(), env.stderr)
    env.stderr.write(fill(shown, env.columns(env.stderr)) + "\n")

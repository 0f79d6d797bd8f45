"""The real `Prompter`: questions on standard error, answers from standard input.

Questions go to stderr so that stdout carries only the result (`triage --format json
> result.json` works while the questions still show). On a terminal, lines are
wrapped to its width and lightly coloured with `typer.style` (already loaded, so the
first question does not wait for Rich); plain lines are used when output is not a
terminal, TERM is dumb, NO_COLOR is set or --plain is given. Symbols fall back to
ASCII when the terminal's encoding cannot show them.
"""

from __future__ import annotations

import textwrap

import typer

from triage import i18n
from triage.cli.environment import Environment
from triage.deciding.interview import QuestionView
from triage.i18n import _
from triage.output.typography import fit, typeset


class TerminalPrompter:
    def __init__(self, env: Environment) -> None:
        self.env = env
        self.plain = env.plain(env.stderr)
        self.colour = not self.plain and not env.no_color
        self.width = None if self.plain else (env.width or _terminal_width())

    def line(self, text: str = "", indent: str = "", **style: object) -> None:
        """One line (wrapped on a terminal, never cut), styled only where colour is on."""
        text = self.shown(text)
        if self.width and len(indent) + len(text) > self.width:
            text = textwrap.fill(
                text, self.width, initial_indent=indent, subsequent_indent=indent + "   "
            )
        else:
            text = indent + text
        if self.colour and style:
            text = typer.style(text, **style)  # type: ignore[arg-type]
        self.env.stderr.write(text + "\n")

    def shown(self, text: str) -> str:
        """The text in the language's typography, as this terminal can show it."""
        return fit(typeset(text, i18n.language()), self.env.stderr)

    def show(self, question: QuestionView) -> None:
        progress = _("Question {n} of {total}").format(n=question.number, total=question.total)
        self.line()
        if self.plain:
            self.line(f"[{progress}] {question.text}")
        else:
            self.line(progress, dim=True)
            self.line(question.text, bold=True)
        for number, _key, label in question.choices:
            self.line(f"{number}. {label}", indent="  ")
        if question.none_label is not None:
            self.line(f"0. {question.none_label}", indent="  ")
        if question.previous is not None:
            self.line(_("(your earlier answer: {answer})").format(answer=question.previous), "  ")

    def tell(self, message: str, kind: str = "info") -> None:
        if kind == "problem":
            self.line(_("Not understood: {message}").format(message=message), fg="yellow")
        else:
            for text in message.splitlines():
                self.line(text, fg="cyan")

    def prompt(self, question: QuestionView) -> None:
        self.env.stderr.write(f"{self.shown(question.hint)} > ")
        self.env.stderr.flush()

    def read(self, question: QuestionView) -> str:
        self.prompt(question)
        line = self.env.stdin.readline()
        if not line:
            self.line()
            raise EOFError
        if not self.env.stdin_isatty:
            # Piped answers are not echoed by a terminal: show them so the log reads well.
            self.line(line.rstrip("\n"))
        return line


def _terminal_width() -> int:
    import shutil

    return max(20, shutil.get_terminal_size((80, 24)).columns)


class CallPrompter(TerminalPrompter):
    """The phone-screening prompter: compact, with a running summary and single keys.

    On a terminal, a yes/no question or a choice of up to nine takes one key press
    (no Enter); lists still take a line. Piped input is read line by line as usual.
    """

    _after_key = False  # the last answer was a single key press

    def show(self, question: QuestionView) -> None:
        if question.so_far:
            summary = " | ".join(
                _("{label}: {text}").format(label=name, text=words)
                for name, words in question.so_far
            )
            self.line(_("so far: {summary}").format(summary=summary), dim=True)
        self.line(f"[{question.number}/{question.total}] {question.text}", bold=True)
        if question.choices:
            choices = "  ".join(f"{n}) {label}" for n, _key, label in question.choices)
            if question.none_label is not None:
                choices += f"  0) {question.none_label}"
            self.line(choices)
        if question.previous is not None:
            self.line(_("(earlier answer: {answer})").format(answer=question.previous), "  ")

    def read(self, question: QuestionView) -> str:
        single = question.kind == "yes_no" or (
            question.kind == "choice" and len(question.choices) <= 9
        )
        if not (single and self.env.stdin_isatty and _has_fileno(self.env.stdin)):
            line = super().read(question)
            if self._after_key and not line.strip():
                # The Enter pressed after a single-key answer: not an answer to this one.
                line = super().read(question)
            self._after_key = False
            return line
        self._after_key = True
        self.prompt(question)
        key = _read_key(self.env.stdin)
        self.env.stderr.write((key if key.isprintable() else "") + "\n")
        return key


def _has_fileno(stream: object) -> bool:
    try:
        stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _read_key(stream: object) -> str:
    """One key press, without Enter; Ctrl-C still interrupts, Ctrl-D ends the input.

    Keys typed ahead are kept (TCSANOW, not the default flush), and an Enter left
    over from the previous answer is skipped rather than taken as an answer.
    """
    import os
    import termios
    import tty

    fd = stream.fileno()  # type: ignore[attr-defined]
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        key = "\n"
        while key in ("\n", "\r"):
            key = os.read(fd, 1).decode("utf-8", errors="replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    if key in ("", "\x04"):
        raise EOFError
    return key

"""The real `Prompter`: questions on standard error, answers from standard input.

Questions go to stderr so that stdout carries only the result (`triage --format json
> result.json` works while the questions still show). Rich draws them on a terminal;
plain lines are used when output is not a terminal, TERM is dumb, or --plain is given.
"""

from __future__ import annotations

from triage.env import Environment
from triage.i18n import _
from triage.interview import QuestionView


class TerminalPrompter:
    def __init__(self, env: Environment) -> None:
        self.env = env
        self.plain = env.plain(env.stderr)
        self.console = env.console(env.stderr)

    def show(self, question: QuestionView) -> None:
        progress = _("Question {n} of {total}").format(n=question.number, total=question.total)
        lines = []
        if self.plain:
            lines.append("")
            lines.append(f"[{progress}] {question.text}")
        else:
            lines.append("")
            lines.append(f"[dim]{progress}[/dim]")
            lines.append(f"[bold]{_escape(question.text)}[/bold]")
        for number, _key, label in question.choices:
            lines.append(f"  {number}. {_escape(label) if not self.plain else label}")
        if question.none_label is not None:
            lines.append(f"  0. {question.none_label}")
        if question.previous is not None:
            lines.append(_("  (your earlier answer: {answer})").format(answer=question.previous))
        for line in lines:
            self.console.print(line, markup=not self.plain, highlight=False)

    def tell(self, message: str, kind: str = "info") -> None:
        if kind == "problem":
            text = _("Not understood: {message}").format(message=message)
            style = "yellow"
        else:
            text, style = message, "cyan"
        if self.plain:
            self.console.print(text, markup=False, highlight=False)
        else:
            self.console.print(f"[{style}]{_escape(text)}[/{style}]")

    def read(self, question: QuestionView) -> str:
        self.console.print(f"{question.hint} > ", end="", markup=False, highlight=False)
        self.env.stderr.flush()
        line = self.env.stdin.readline()
        if not line:
            self.console.print()
            raise EOFError
        if not self.env.stdin_isatty:
            # Piped answers are not echoed by a terminal: show them so the log reads well.
            self.console.print(line.rstrip("\n"), markup=False, highlight=False)
        return line


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


class CallPrompter(TerminalPrompter):
    """The phone-screening prompter: compact, with a running summary and single keys.

    On a terminal, a yes/no question or a choice of up to nine takes one key press
    (no Enter); lists still take a line. Piped input is read line by line as usual.
    """

    def show(self, question: QuestionView) -> None:
        if question.so_far:
            summary = " | ".join(
                f"{qid.replace('_', ' ')}: {words}" for qid, words in question.so_far
            )
            self._line(_("so far: {summary}").format(summary=summary), "dim")
        self._line(f"[{question.number}/{question.total}] {question.text}", "bold")
        if question.choices:
            choices = "  ".join(f"{n}) {label}" for n, _key, label in question.choices)
            if question.none_label is not None:
                choices += f"  0) {question.none_label}"
            self._line(choices, "")
        if question.previous is not None:
            self._line(_("  (earlier answer: {answer})").format(answer=question.previous), "dim")

    def _line(self, text: str, style: str) -> None:
        if self.plain or not style:
            self.console.print(text, markup=False, highlight=False)
        else:
            self.console.print(f"[{style}]{_escape(text)}[/{style}]")

    def read(self, question: QuestionView) -> str:
        single = question.kind == "yes_no" or (
            question.kind == "choice" and len(question.choices) <= 9
        )
        if not (single and self.env.stdin_isatty and _has_fileno(self.env.stdin)):
            return super().read(question)
        self.console.print(f"{question.hint} > ", end="", markup=False, highlight=False)
        self.env.stderr.flush()
        key = _read_key(self.env.stdin)
        self.console.print(key if key.isprintable() else "", markup=False, highlight=False)
        return key


def _has_fileno(stream: object) -> bool:
    try:
        stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
    return True


def _read_key(stream: object) -> str:
    """One key press, without Enter; Ctrl-C still interrupts, Ctrl-D ends the input."""
    import os
    import termios
    import tty

    fd = stream.fileno()  # type: ignore[attr-defined]
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        key = os.read(fd, 1).decode("utf-8", errors="replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    if key in ("", "\x04"):
        raise EOFError
    return key

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

"""The real `Prompter`: questions on standard error, answers from standard input.

Questions go to stderr so that stdout carries only the result (`triage --format json
> result.json` works while the questions still show). On a terminal, plain or not,
every line is wrapped at word boundaries to its width; colour comes from `typer.style`
(already loaded, so the first question does not wait for Rich). Plain lines are used
when output is not a terminal, TERM is dumb, NO_COLOR is set or --plain is given.
Symbols fall back to ASCII when the terminal's encoding cannot show them.
"""

from __future__ import annotations

import time

import typer

from triage import i18n
from triage.cli.environment import Environment
from triage.deciding.interview import QuestionView
from triage.errors import printable
from triage.i18n import _
from triage.output.typography import fit, typeset
from triage.output.wrapping import GLUE, fill

MAX_LINE = 1000  # characters of one typed answer
MAX_DRAIN = 1024 * 1024  # characters of one line, at most, read to find its end
STRAY_ENTER = 0.3  # seconds after a prompt within which an Enter came with the last key


class TerminalPrompter:
    def __init__(self, env: Environment) -> None:
        self.env = env
        self.plain = env.plain(env.stderr)
        self.colour = not self.plain and not env.no_color
        self.width = env.columns(env.stderr)  # plain or not: a terminal cuts long lines

    def line(self, text: str = "", indent: str = "", hanging: str = "", **style: object) -> None:
        """One line, wrapped at word boundaries to the terminal's width (never cut in a word);
        `hanging` starts the lines the wrapping adds, after `indent`. Styled only where colour
        is on."""
        text = fill(self.shown(text), self.width, indent, indent + hanging)
        if self.colour and style:
            text = typer.style(text, **style)  # type: ignore[arg-type]
        self.env.stderr.write(text + "\n")

    def shown(self, text: str) -> str:
        """The text in the language's typography, as this terminal can show it."""
        return fit(typeset(text, i18n.language()), self.env.stderr)

    def show(self, question: QuestionView) -> None:
        self.line()
        if self.plain:
            self.line(f"[{question.progress}] {question.text}")
        else:
            self.line(question.progress, dim=True)
            self.line(question.text, bold=True)
        for number, _key, label in question.choices:
            self.line(f"{number}. {label}", indent="  ", hanging=" " * len(f"{number}. "))
        if question.none_label is not None:
            self.line(f"0. {question.none_label}", indent="  ", hanging="   ")
        if question.previous is not None:
            earlier = _("(your earlier answer: {answer}; Enter keeps it)")
            self.line(earlier.format(answer=question.previous), "  ", " ")

    def tell(self, message: str, kind: str = "info") -> None:
        if kind == "problem":
            self.line(_("Not understood: {message}").format(message=message), fg="yellow")
        else:
            for text in message.splitlines():
                body = text.lstrip(" ")
                lead = " " * (len(text) - len(body))
                self.line(body, indent=lead, hanging="   " if lead else "", fg="cyan")

    def prompt(self, question: QuestionView) -> None:
        """The hint and "> ", the answer typed on its last line (wrapped like any line)."""
        parts = [self.shown(part) for part in question.hint.split(" · ")]
        # A short part ("b back", "? help") is never split: a key stays with its word.
        parts = [p.replace(" ", GLUE) if len(p) <= 24 else p for p in parts]
        dot = "·" if fit("·", self.env.stderr) == "·" else "|"
        hint = f"{GLUE}{dot} ".join(parts)
        self.env.stderr.write(fill(f"{hint}{GLUE}>", self.width) + " ")
        self.env.stderr.flush()

    def read(self, question: QuestionView) -> str:
        """One typed line, at most `MAX_LINE` characters; a longer one is refused.

        Input that is not lines of text (`< /dev/zero`: no line ever ends) ends after
        `MAX_DRAIN` characters without a newline, as if the input had ended.
        """
        while True:
            self.prompt(question)
            line = self._readline()
            if not line:
                self.line()
                raise EOFError
            if not self.env.stdin_isatty:
                # Piped answers are not echoed by a terminal: show them so the log reads well.
                self.line(printable(line.rstrip("\n")[:MAX_LINE]))
            if len(line) <= MAX_LINE or line.endswith("\n"):
                return line
            drained = len(line)
            while line and not line.endswith("\n"):  # the rest of the line, read and dropped
                if drained > MAX_DRAIN:
                    raise EOFError
                line = self._readline()
                drained += len(line)
            self.tell(_("that answer is longer than {n} characters").format(n=MAX_LINE), "problem")

    def _readline(self) -> str:
        """A line of at most `MAX_LINE` + 1 characters; bytes that are not UTF-8 are shown
        as U+FFFD (and so never match an answer) rather than stopping the walk."""
        try:
            line = self.env.stdin.readline(MAX_LINE + 1)
        except UnicodeDecodeError:
            return "\ufffd\n"
        return line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class CallPrompter(TerminalPrompter):
    """The phone-screening prompter: compact, with a running summary and single keys.

    On a terminal, a yes/no question or a choice of up to nine takes one key press
    (no Enter); lists still take a line, read from the terminal itself so that keys
    typed ahead are kept. After going back, Enter keeps the earlier answer, except an
    Enter pressed out of habit right after a key. Piped input is read line by line.
    """

    _after_key = False  # the last answer was a single key
    _prompted_at = 0.0  # when the prompt now answered was shown

    def show(self, question: QuestionView) -> None:
        if question.so_far:
            summary = " | ".join(
                _("{label}: {text}").format(label=name, text=words)
                for name, words in question.so_far
            )
            self.line(_("so far: {summary}").format(summary=summary), hanging="  ", dim=True)
        self.line(f"[{question.progress_short}] {question.text}", bold=True)
        if question.choices:
            # A number stays on the line of its label's first word.
            choices = "  ".join(f"{n}){GLUE}{label}" for n, _key, label in question.choices)
            if question.none_label is not None:
                choices += f"  0){GLUE}{question.none_label}"
            self.line(choices)
        if question.previous is not None:
            earlier = _("(earlier answer: {answer}; Enter keeps it)")
            self.line(earlier.format(answer=question.previous), "  ", " ")

    def read(self, question: QuestionView) -> str:
        single = question.kind == "yes_no" or (
            question.kind == "choice" and len(question.choices) <= 9 and not question.takes_number
        )
        if not (single and self._on_terminal()):
            line = super().read(question)
            while not line.strip() and self._stray_enter(question):
                line = super().read(question)
            self._after_key = False
            return line
        from triage.cli.keys import ENTER, read_key

        self.prompt(question)
        key = read_key(self.env.stdin, enter=question.previous is not None)
        while key == ENTER and self._stray_enter(question):
            key = read_key(self.env.stdin, enter=True)
        if key == ENTER:
            self.env.stderr.write("\n")
            return ""  # Enter keeps the earlier answer
        self.env.stderr.write((key if key.isprintable() else "") + "\n")
        self._after_key = True
        return key

    def prompt(self, question: QuestionView) -> None:
        super().prompt(question)
        self._prompted_at = time.monotonic()

    def _stray_enter(self, question: QuestionView) -> bool:
        """Whether an Enter is the one pressed out of habit after a single-key answer.

        Where there is no earlier answer to keep, an Enter right after a key means
        nothing and is dropped; where there is one, only an Enter that came within
        `STRAY_ENTER` seconds of the prompt is (typed with the key, before the question
        could be read), and a later one keeps the earlier answer, as the question says.
        """
        stray = self._after_key and (
            question.previous is None or time.monotonic() - self._prompted_at <= STRAY_ENTER
        )
        self._after_key = False  # only the first Enter after a key can be out of habit
        return stray

    def _on_terminal(self) -> bool:
        return bool(self.env.stdin_isatty) and _has_fileno(self.env.stdin)

    def _readline(self) -> str:
        """On a terminal, the line is read from the terminal itself: keys typed ahead
        after it stay there for the next single-key question (`keys.read_line`)."""
        if not self._on_terminal():
            return super()._readline()
        from triage.cli.keys import read_line

        return read_line(self.env.stdin, MAX_LINE + 1)


def _has_fileno(stream: object) -> bool:
    try:
        stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
    return True

"""The real `Prompter`: questions on standard error, answers from standard input.

Questions go to stderr so that stdout carries only the result (`triage --format json
> result.json` works while the questions still show). On a terminal, plain or not,
every line is wrapped at word boundaries to its width; colour comes from `typer.style`
(already loaded, so the first question does not wait for Rich). Plain lines are used
when output is not a terminal, TERM is dumb, NO_COLOR is set or --plain is given.
Symbols fall back to ASCII when the terminal's encoding cannot show them.
"""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING, Any

import typer

from triage import i18n
from triage.cli.environment import Environment
from triage.deciding.interview import QuestionView
from triage.deciding.typed import fold
from triage.errors import printable
from triage.i18n import _
from triage.output.typography import fit, typeset
from triage.output.wrapping import GLUE, fill

if TYPE_CHECKING:
    from triage.cli.terminal.keys import Keyboard, Typed
    from triage.cli.terminal.paging import Paging

Paragraph = tuple[str, str, str, dict[str, Any]]  # text, indent, hanging, style

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

    # What a question is shown as: paragraphs (text, indent, hanging, style), each
    # wrapped by `line`; a call's prompter shows the same parts more compactly.
    def _header(self, question: QuestionView) -> list[Paragraph]:
        if self.plain:
            return [("", "", "", {}), (f"[{question.progress}] {question.text}", "", "", {})]
        return [
            ("", "", "", {}),
            (question.progress, "", "", {"dim": True}),
            (question.text, "", "", {"bold": True}),
        ]

    def _item(self, number: str, label: str) -> Paragraph:
        return (f"{number}. {label}", "  ", " " * len(f"{number}. "), {})

    def _earlier(self, question: QuestionView) -> list[Paragraph]:
        if question.previous is None:
            return []
        earlier = _("(your earlier answer: {answer}; Enter keeps it)")
        return [(earlier.format(answer=question.previous), "  ", " ", {})]

    _paging: Paging | None = None  # a list question shown in pages (`pages`)
    _hint: str | None = None  # the prompt's hint on a page that is not the last

    def show(self, question: QuestionView) -> None:
        """The question, its choices and any earlier answer; a list that does not fit
        the terminal with its question and prompt is shown in pages (`cli.pages`)."""
        self._paging = self._pages(question)
        if self._paging is not None:
            self._show_page(question)
            return
        none = self._none(question)
        shown = [*self._header(question), *self._items(question), *([none] if none else [])]
        for paragraph in [*shown, *self._earlier(question)]:
            self.paragraph(paragraph)

    def paragraph(self, paragraph: Paragraph) -> None:
        text, indent, hanging, style = paragraph
        self.line(text, indent, hanging, **style)

    def _height(self, paragraph: Paragraph) -> int:
        text, indent, hanging, _style = paragraph
        return len(fill(self.shown(text), self.width, indent, indent + hanging).split("\n"))

    def _items(self, question: QuestionView) -> list[Paragraph]:
        return [self._item(str(number), label) for number, _key, label in question.choices]

    def _none(self, question: QuestionView) -> Paragraph | None:
        if question.none_label is None:
            return None
        return self._item("0", question.none_label)

    def _pages(self, question: QuestionView) -> Paging | None:
        """Pages for a list too long for the screen, or None (it fits, or this is not a
        terminal: piped answers never meet a page)."""
        rows = self.env.rows(self.env.stderr)
        if rows is None or question.kind != "multi_choice":
            return None
        from triage.cli.terminal import paging

        where = _("Items {first} to {last} of {all}, more on the next page")
        page_line = where.format(first=10, last=20, all=len(question.choices))
        fixed = [*self._header(question), *self._earlier(question), (page_line, "", "", {})]
        # The page's own line, the prompt as long as a page's, and a line kept spare.
        used = sum(self._height(p) for p in fixed) + self._prompt_height(question) + 1
        none = self._none(question)
        heights = [self._height(item) for item in self._items(question)]
        split = paging.split(heights, rows - used, self._height(none) if none else 0)
        return paging.Paging(split) if len(split) > 1 else None

    def _show_page(self, question: QuestionView) -> None:
        """The question again, then this page's items; "none of these" on the last."""
        paging = self._paging
        assert paging is not None
        page = paging.pages[paging.at]
        for paragraph in self._header(question):
            self.paragraph(paragraph)
        where = {"first": page.start + 1, "last": page.end, "all": len(question.choices)}
        if paging.last:
            self.line(_("Items {first} to {last} of {all}").format(**where), dim=True)
        else:
            said = _("Items {first} to {last} of {all}, more on the next page")
            self.line(said.format(**where), dim=True)
        for paragraph in self._items(question)[page.start : page.end]:
            self.paragraph(paragraph)
        none = self._none(question)
        if paging.last and none is not None:
            self.paragraph(none)
        for paragraph in self._earlier(question):
            self.paragraph(paragraph)
        ticked = paging.earlier_ticks() if paging.last else paging.ticked.get(paging.at)
        if ticked:
            said = _("Ticked on the pages before: {numbers} (Enter keeps just those)")
            if not paging.last:
                said = _("Ticked on this page: {numbers} (Enter keeps them)")
            numbers = ", ".join(ticked) if isinstance(ticked, list) else ticked
            self.line(said.format(numbers=numbers), "  ", " ")

    def tell(self, message: str, kind: str = "info") -> None:
        if kind == "problem":  # a refused answer comes back on the line, to be corrected
            typed = self._typed.rstrip("\r\n")
            if self._typed and fold(typed) not in self._answers:  # not a command ("b")
                self._again = typed
            self._typed = ""
        if kind == "so_far":
            self.line(message, hanging="  ", dim=True)
            return
        if kind == "problem":  # it may echo what was typed: nothing a terminal obeys
            said = _("Not understood: {message}").format(message=printable(message))
            self.line(said, fg="yellow")
        else:
            for text in message.splitlines():
                body = text.lstrip(" ")
                lead = " " * (len(text) - len(body))
                self.line(body, indent=lead, hanging="   " if lead else "", fg="cyan")

    def prompt(self, question: QuestionView, hold: bool = False) -> str:
        """The hint and "> ", the answer typed on its last line (wrapped like any line).

        With `hold`, the last line is not written but returned, for the line editor to
        show (it redraws it as the line is edited)."""
        hint = self._hint if self._hint is not None else question.hint
        parts = [self.shown(part) for part in hint.split(" · ")]
        # A short part ("b back", "? help") is never split: a key stays with its word.
        parts = [p.replace(" ", GLUE) if len(p) <= 24 else p for p in parts]
        dot = "·" if fit("·", self.env.stderr) == "·" else "|"
        joined = f"{GLUE}{dot} ".join(parts)
        text = fill(f"{joined}{GLUE}>", self.width) + " "
        head, newline, last = text.rpartition("\n") if hold else ("", "", "")
        self.env.stderr.write(head + newline if hold else text)
        self.env.stderr.flush()
        return last

    _typed = ""  # the last line typed, to be put back when it is refused
    _answers: tuple[str, ...] = ()  # the commands and whole answers of the question read
    _again = ""  # the line to put back on the prompt (line editing only)

    def _edited(self, question: QuestionView, ahead: str = "") -> str | None:
        """A line from the line editor, or None where there is none (`editing`)."""
        from triage.cli.terminal import editing

        if not editing.available(self.env):
            return None
        start, self._again = ahead + self._again, ""
        line = editing.edit(self.prompt(question, hold=True), self.env, start)
        self._typed = line
        return line

    def read(self, question: QuestionView) -> str:
        """One typed line (`_line`); on a paged list, a line for each page, the numbers
        ticked on the pages before the last joined to the last page's line."""
        paging = self._paging
        if paging is None:
            return self._line(question)
        lang = i18n.language()
        backs = {fold(word) for word in i18n.words("back", lang)}
        commands = {fold(word) for kind in ("help", "so_far") for word in i18n.words(kind, lang)}
        while True:
            self._hint = None if paging.last else self._page_hint(question)
            try:
                line = self._line(question)
            finally:
                self._hint = None
            typed, word = line.strip(), fold(line)
            if word in backs:
                if paging.at > 0:
                    paging.at -= 1
                    self._show_page(question)
                    continue
                return line  # back to the question before
            if paging.last:
                earlier = paging.earlier_ticks()
                if word in commands or word in backs or not earlier:
                    return line
                return ", ".join([*earlier, *([typed] if typed else [])])
            if word in commands:
                return line
            numbers = [n for n in re.split(r"[\s,;]+", typed) if n]
            if all(n.isdigit() and 1 <= int(n) <= len(question.choices) for n in numbers):
                if numbers:
                    paging.ticked[paging.at] = ", ".join(numbers)
                paging.at += 1
                self._show_page(question)
                continue
            self.tell(
                _("here, type the numbers that apply, or press Enter for the next items"),
                "problem",
            )

    def _page_hint(self, question: QuestionView) -> str:
        """A page before the last: numbers, or Enter for the next page; the question's
        other keys (help, back) as they are."""
        # TRANSLATORS: the prompt on a page of a long list that is not its last page.
        first = _("numbers that apply, Enter for more")
        return " · ".join([first, *question.hint.split(" · ")[1:]])

    def _prompt_height(self, question: QuestionView) -> int:
        hint = self._page_hint(question) if question.kind == "multi_choice" else question.hint
        return len(fill(self.shown(hint) + " >", self.width).split("\n"))

    def _line(self, question: QuestionView) -> str:
        """One typed line, at most `MAX_LINE` characters; a longer one is refused, and so
        is one that is not UTF-8 (`NotText`, said by the walk, which asks again).

        Input that is not lines of text (`< /dev/zero`: no line ever ends) ends after
        `MAX_DRAIN` characters without a newline, as if the input had ended.
        """
        self._answers = question.answers
        while True:
            edited = self._edited(question)
            if edited is None:
                self.prompt(question)
            line = self._readline() if edited is None else edited
            self._typed = _text(line)
            if not line:
                self.line()
                raise EOFError
            if not self.env.stdin_isatty:
                # Piped answers are not echoed by a terminal: show them so the log reads well.
                self.line(printable(_text(line).rstrip("\n")[:MAX_LINE]))
            if _ends(line) or len(line) < _limit(line):  # whole: ended, or input ended
                return _checked(line)
            drained = len(line)
            while line and not _ends(line):  # the rest of the line, read and dropped
                if drained > MAX_DRAIN:
                    raise EOFError
                line = self._readline()
                drained += len(line)
            self.tell(_("that answer is longer than {n} characters").format(n=MAX_LINE), "problem")

    def _readline(self) -> str | bytes:
        """A line of at most `MAX_LINE` + 1 characters, as bytes when the input has them:
        it is decoded (`_checked`) only once known to be whole, so that a byte that is not
        UTF-8 costs its own line and no other."""
        buffer = getattr(self.env.stdin, "buffer", None)
        if buffer is None:
            return str(self.env.stdin.readline(MAX_LINE + 1))
        return bytes(buffer.readline(MAX_BYTES))


MAX_BYTES = (MAX_LINE + 1) * 4  # bytes of one piped line: MAX_LINE characters and more


def _limit(line: str | bytes) -> int:
    return MAX_BYTES if isinstance(line, bytes) else MAX_LINE + 1


def _ends(line: str | bytes) -> bool:
    return line.endswith(b"\n") if isinstance(line, bytes) else line.endswith("\n")


def _text(line: str | bytes) -> str:
    """A line as it may be shown: bytes that are not UTF-8 shown as U+FFFD (never kept)."""
    return line.decode("utf-8", "replace") if isinstance(line, bytes) else line


def _checked(line: str | bytes) -> str:
    """The line as text, or `NotText`: what is not UTF-8 is refused, never replaced."""
    if isinstance(line, str):
        if any("\udc80" <= char <= "\udcff" for char in line):  # surrogateescape'd bytes
            line = line.encode("utf-8", "surrogateescape")
        else:
            return line
    from triage.cli.terminal.keys import NotText, _not_text

    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotText(_not_text(error)) from None


class CallPrompter(TerminalPrompter):
    """The phone-screening prompter: compact, with the answers so far on demand (`s`)
    and single keys.

    On a terminal, a yes/no question or a choice of up to nine takes one key press
    (no Enter); lists still take a line, read from the terminal itself so that keys
    typed ahead are kept. After going back, Enter keeps the earlier answer, except an
    Enter pressed out of habit right after a key. Piped input is read line by line.
    """

    _after_key = False  # the last answer was a single key
    _prompted_at = 0.0  # when the prompt now answered was shown
    _keys: Keyboard | None = None  # the terminal, and the keys read ahead of an answer

    # The question, then one choice a line (a number and its label, wrapped under the
    # label); the answers so far only when asked for (`s`), not at every question.
    def _header(self, question: QuestionView) -> list[Paragraph]:
        return [(f"[{question.progress_short}] {question.text}", "", "", {"bold": True})]

    def _item(self, number: str, label: str) -> Paragraph:
        return (f"{number}) {label}", "", " " * (len(number) + 2), {})

    def _earlier(self, question: QuestionView) -> list[Paragraph]:
        if question.previous is None:
            return []
        earlier = _("(earlier answer: {answer}; Enter keeps it)")
        return [(earlier.format(answer=question.previous), "  ", " ", {})]

    def read(self, question: QuestionView) -> str:
        single = question.kind == "yes_no" or (
            question.kind == "choice" and len(question.choices) <= 9 and not question.takes_number
        )
        if not (single and self._on_terminal()):
            return super().read(question)
        from triage.cli.terminal.keys import ENTER

        self._typed = ""  # a key is never put back on a line
        self._answers = question.answers
        self.prompt(question)
        typed = self._answer(question, enter=question.previous is not None)
        while typed.text == ENTER and self._stray_enter(question):
            typed = self._answer(question, enter=True)
        self.env.stderr.write("\n")
        if typed.text == ENTER:
            return ""  # Enter keeps the earlier answer
        self._after_key = not typed.line  # a line took its own Enter
        return typed.text

    def _line(self, question: QuestionView) -> str:
        """A line; an empty one pressed out of habit after a key is dropped (`_stray_enter`)."""
        line = super()._line(question)
        while not line.strip() and self._stray_enter(question):
            line = super()._line(question)
        self._after_key = False
        return line

    def _answer(self, question: QuestionView, enter: bool) -> Typed:
        """A key, or a word ended with Enter, whole (see `keys.typed_answer`)."""

        def echo(text: str) -> None:
            self.env.stderr.write(printable(text, keep="\b"))
            self.env.stderr.flush()

        return self._keyboard().answer(enter, question.answers, echo)

    def _keyboard(self) -> Keyboard:
        from triage.cli.terminal.keys import Keyboard

        if self._keys is None:
            self._keys = Keyboard(self.env.stdin)
        return self._keys

    def prompt(self, question: QuestionView, hold: bool = False) -> str:
        last = super().prompt(question, hold)
        self._prompted_at = time.monotonic()
        return last

    def _edited(self, question: QuestionView, ahead: str = "") -> str | None:
        """The keys read ahead of this line begin it, editable like the rest."""
        from triage.cli.terminal import editing

        if not editing.available(self.env):
            return None
        return super()._edited(question, self._keyboard().take_ahead())

    def _stray_enter(self, question: QuestionView) -> bool:
        """Whether an Enter is the one pressed out of habit after a single-key answer.

        Where there is no earlier answer to keep, an Enter right after a key means
        nothing and is dropped; where there is one, only an Enter that came within
        `STRAY_ENTER` seconds of the prompt is (typed with the key, before the question
        could be read), and a later one keeps the earlier answer, as the question says.
        At a free-text question an empty line is an answer ("nothing to add"), and on a
        page of a long list it shows the next page: there too only an Enter within
        `STRAY_ENTER` seconds is dropped.
        """
        in_time = time.monotonic() - self._prompted_at <= STRAY_ENTER
        paging = self._paging
        empty_is_meant = question.kind == "text" or (paging is not None and not paging.last)
        stray = self._after_key and (in_time or (question.previous is None and not empty_is_meant))
        self._after_key = False  # only the first Enter after a key can be out of habit
        return stray

    def _on_terminal(self) -> bool:
        return bool(self.env.stdin_isatty) and _has_fileno(self.env.stdin)

    def _readline(self) -> str | bytes:
        """On a terminal, the line is read from the terminal itself: keys typed ahead
        after it stay there for the next single-key question (`keys.read_line`)."""
        if not self._on_terminal():
            return super()._readline()
        from triage.cli.terminal.keys import read_line

        ahead = self._keyboard().take_ahead()  # typed ahead, before this question came
        if ahead:
            self.env.stderr.write(printable(ahead))
            self.env.stderr.flush()
        return ahead + read_line(self.env.stdin, MAX_LINE + 1 - len(ahead))


def _has_fileno(stream: object) -> bool:
    try:
        stream.fileno()  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False
    return True

"""The interactive walk, one small step at a time.

`Walk` is the immutable state (the answers in the order given); `interpret` turns a
typed line into a command; `view` describes the question to show; `run` loops over
them through a `Prompter`, the only object that talks to the person, so tests can
drive the walk without a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from triage import i18n
from triage.deciding import engine
from triage.deciding.answers import accepted, display, from_typed
from triage.deciding.typed import fold, forms
from triage.errors import AnswerError, InputEnded
from triage.i18n import _
from triage.rulesets.model import (
    AnswerValue,
    Audience,
    ChoiceQuestion,
    MultiChoiceQuestion,
    QuestionT,
    RuleSet,
    TextQuestion,
    YesNoQuestion,
)


@dataclass(frozen=True)
class Walk:
    """Where a person is: the answers given so far, in order; going back drops the last."""

    rules: RuleSet
    given: tuple[tuple[str, AnswerValue], ...] = ()
    previous: tuple[tuple[str, AnswerValue], ...] = ()  # answers undone by going back

    @property
    def answers(self) -> dict[str, AnswerValue]:
        return dict(self.given)

    def current(self) -> QuestionT | None:
        """The next question, with only the items offered to this person (see `offered`)."""
        question = engine.next_question(self.rules, self.answers)
        return question and engine.offered(self.rules, question, self.answers)

    def answer(self, question_id: str, value: AnswerValue) -> Walk:
        return Walk(self.rules, (*self.given, (question_id, value)), self.previous)

    def back(self) -> Walk:
        """Undo the last answer, remembering it to show as the previous answer."""
        if not self.given:
            return self
        *kept, undone = self.given
        return Walk(self.rules, tuple(kept), (*self.previous, undone))

    def previous_answer(self, question_id: str) -> AnswerValue | None:
        """The answer undone by going back, unless it names an item no longer offered
        (an earlier answer changed): then there is none to keep."""
        for key, value in reversed(self.previous):
            if key == question_id:
                question = self.rules.question(question_id)
                hidden = engine.not_offered(self.rules, question, self.answers, value)
                return None if hidden else value
        return None


@dataclass(frozen=True)
class Back:
    pass


@dataclass(frozen=True)
class Help:
    pass


@dataclass(frozen=True)
class SoFar:
    """Show the answers given so far (a call's running summary, on demand)."""


@dataclass(frozen=True)
class Answer:
    value: AnswerValue


Command = Back | Help | SoFar | Answer


def command_words(kind: str, question: QuestionT, lang: str) -> frozenset[str]:
    """The folded words that give the command `kind` at `question`.

    At a free-text question any word is text ("back pain", or a note that is just
    "help"): only the one-key forms shown in the hints (`?`, `b`, `s`) are commands there.
    """
    found = frozenset(fold(word) for word in i18n.words(kind, lang))
    if isinstance(question, TextQuestion):
        return frozenset(word for word in found if len(word) == 1)
    return found


def interpret(question: QuestionT, line: str, lang: str = "en", so_far: bool = False) -> Command:
    """What a typed line means in `lang`: go back, show help, show the answers so far
    (where `so_far` offers it), or an answer (or `AnswerError`)."""
    word = fold(line)
    if word in command_words("back", question, lang):
        return Back()
    if word in command_words("help", question, lang):
        return Help()
    if so_far and word in command_words("so_far", question, lang):
        return SoFar()
    return Answer(from_typed(question, line, lang))


def whole_answers(question: QuestionT, lang: str, so_far: bool = False) -> tuple[str, ...]:
    """Every whole word or name that answers `question` or is a command there, folded:
    what a key typed at a single-key question may be the start of (see `cli.terminal.keys`)."""
    kinds = ["back", "help", *(["so_far"] if so_far else [])]
    found = [word for kind in kinds for word in command_words(kind, question, lang)]
    if isinstance(question, YesNoQuestion):
        found += [fold(word) for kind in ("yes", "no") for word in i18n.words(kind, lang)]
    if isinstance(question, ChoiceQuestion | MultiChoiceQuestion):
        found += [form for form, _key, _start in forms(question, lang)]
        found += [str(n) for n in range(1, len(question.choices) + 1)]
    return tuple(sorted(set(found)))


@dataclass(frozen=True)
class QuestionView:
    """Everything needed to show one question, already in the chosen language and wording."""

    id: str
    kind: str
    number: int
    total: int
    text: str
    help: str | None
    choices: tuple[tuple[int, str, str], ...]  # (number, key, label)
    none_label: str | None
    previous: str | None
    can_go_back: bool
    so_far: tuple[tuple[str, str], ...] = ()  # (short name, answer in words), in order
    accepted: str = ""  # what the question accepts, in words
    offers_so_far: bool = False  # a key shows the answers so far (a call's summary)
    answers: tuple[str, ...] = ()  # every whole answer or command word, folded
    takes_number: bool = False  # a choice that a number picks too (an age): read a line

    @property
    def more(self) -> int:
        """How many questions may still come after this one (at most): it only goes down."""
        return self.total - self.number

    @property
    def progress(self) -> str:
        """Where the person is, counting what can still be asked, so it never jumps."""
        if self.more:
            return _("Question {n}, up to {more} more").format(n=self.number, more=self.more)
        return _("Question {n}, the last").format(n=self.number)

    @property
    def progress_short(self) -> str:
        """The same, compact, for a receptionist's one-line prompt."""
        if self.more:
            # TRANSLATORS: the compact progress of a call: question 3, at most 7 more to come.
            return _("{n} · up to {more} more").format(n=self.number, more=self.more)
        # TRANSLATORS: the compact progress of a call at its last question.
        return _("{n} · last").format(n=self.number)

    @property
    def hint(self) -> str:
        """What can be typed, in words, for the prompt line."""
        if self.kind == "text":
            answer = (
                _("a line of text, Enter keeps, - for none")
                if self.previous is not None
                else _("a line of text, Enter for none")
            )
        elif self.kind == "yes_no":
            # TRANSLATORS: the first words for yes and no in i18n.WORDS ("o/n" in French).
            answer = _("y/n")
        elif self.kind == "choice" and self.takes_number:
            # TRANSLATORS: a choice's number, or a number such as an age, which picks its range.
            answer = _("1-{n} or a number").format(n=len(self.choices))
        elif self.kind == "choice":
            answer = _("1-{n}").format(n=len(self.choices))
        elif self.kind == "number":
            answer = self.accepted
        else:
            answer = _("numbers, 0 for none")
        extra = [answer]
        if self.help:
            # TRANSLATORS: a word for help in i18n.WORDS, then what it does.
            extra.append(_("? help"))
        if self.can_go_back:
            # TRANSLATORS: the first word for back in i18n.WORDS, then what it does.
            extra.append(_("b back"))
        if self.offers_so_far and self.so_far:
            # TRANSLATORS: the first word for so_far in i18n.WORDS, then what it does.
            extra.append(_("s so far"))
        return " · ".join(extra)

    @property
    def summary(self) -> str:
        """The answers so far, in one line, for the key that asks for them."""
        if not self.so_far:
            return _("Nothing answered yet.")
        summary = " | ".join(
            _("{label}: {text}").format(label=name, text=words) for name, words in self.so_far
        )
        return _("so far: {summary}").format(summary=summary)


def view(walk: Walk, question: QuestionT, lang: str, audience: Audience) -> QuestionView:
    """The question as the person should see it, with progress and any earlier answer."""
    answers = walk.answers
    number = len(walk.given) + 1
    total = number + engine.remaining(walk.rules, answers)
    choices: tuple[tuple[int, str, str], ...] = ()
    none_label = None
    if isinstance(question, ChoiceQuestion | MultiChoiceQuestion):
        choices = tuple(
            (i, c.key, c.label.get(lang, audience)) for i, c in enumerate(question.choices, 1)
        )
    if isinstance(question, MultiChoiceQuestion):
        none_label = (
            question.none_label.get(lang, audience) if question.none_label else _("none of these")
        )
    earlier = walk.previous_answer(question.id)
    offers_so_far = audience == "reception"  # a call's summary, on demand
    return QuestionView(
        id=question.id,
        kind=question.type,
        number=number,
        total=total,
        text=question.text.get(lang, audience),
        help=_help(question, lang, audience),
        choices=choices,
        none_label=none_label,
        previous=display(question, earlier, lang) if earlier is not None else None,
        can_go_back=bool(walk.given),
        accepted=accepted(question),
        offers_so_far=offers_so_far,
        answers=whole_answers(question, lang, offers_so_far),
        takes_number=isinstance(question, ChoiceQuestion) and bool(question.ranged()),
        so_far=tuple(
            (walk.rules.question(qid).name(lang), display(walk.rules.question(qid), value, lang))
            for qid, value in walk.given
        ),
    )


def _help(question: QuestionT, lang: str, audience: Audience) -> str | None:
    """The question's help, followed by the help of each choice that has one."""
    lines = [question.help.get(lang, audience)] if question.help else []
    for number, choice in enumerate(getattr(question, "choices", ()), 1):
        if choice.help:
            label, text = choice.label.get(lang, audience), choice.help.get(lang, audience)
            lines.append(f"  {number}. " + _("{label}: {text}").format(label=label, text=text))
    return "\n".join(lines) or None


class Prompter(Protocol):
    """The person on the other side: shows questions and messages, reads typed lines.

    `read` raises EOFError at end of input, KeyboardInterrupt on Ctrl-C, and
    AnswerError for what cannot be a line of text (it is said, and read again).
    """

    def show(self, question: QuestionView) -> None: ...

    def tell(self, message: str, kind: str = "info") -> None: ...

    def read(self, question: QuestionView) -> str: ...


def step(walk: Walk, question: QuestionT, command: Command) -> Walk:
    """The walk after one command (help leaves it as it is)."""
    if isinstance(command, Back):
        return walk.back()
    if isinstance(command, Answer):
        return walk.answer(question.id, command.value)
    return walk


MAX_ATTEMPTS = 100  # lines not understood in a row at one question before giving up


def ask(
    prompter: Prompter,
    shown: QuestionView,
    question: QuestionT,
    lang: str = "en",
    earlier: AnswerValue | None = None,
) -> Command:
    """Read lines until one means something; explain each invalid one.

    After going back, an empty line (Enter) keeps the `earlier` answer. Input that never
    holds an answer (`< /dev/urandom`) ends the walk after `MAX_ATTEMPTS` lines in a row,
    as an answer not accepted (exit 3).

    Input that ends at a free-text question leaves it empty, as `assess` does (a free-text
    answer is never required): answers piped for the questions that decide are enough.
    """
    for _attempt in range(MAX_ATTEMPTS):
        try:
            line = prompter.read(shown)
        except EOFError:
            if isinstance(question, TextQuestion):
                return Answer(earlier if earlier is not None else from_typed(question, "", lang))
            raise InputEnded(
                _("input ended at question {id!r}, before a recommendation was reached").format(
                    id=question.id
                )
            ) from None
        except AnswerError as error:  # not text (a byte that is not UTF-8): refused whole
            prompter.tell(str(error), "problem")
            continue
        if earlier is not None and not line.strip():
            return Answer(earlier)
        try:
            command = interpret(question, line, lang, shown.offers_so_far)
        except AnswerError as error:
            prompter.tell(str(error), "problem")
            continue
        if isinstance(command, Help):
            prompter.tell(shown.help or _("No more help for this question."), "help")
            continue
        if isinstance(command, SoFar):
            prompter.tell(shown.summary, "so_far")
            continue
        if isinstance(command, Back) and not shown.can_go_back:
            prompter.tell(
                _("This is the first question: there is nothing to go back to."), "problem"
            )
            continue
        return command
    raise AnswerError(
        _("{n} answers in a row were not understood at question {id!r}").format(
            n=MAX_ATTEMPTS, id=question.id
        )
    )


def run(
    rules: RuleSet, prompter: Prompter, lang: str = "en", audience: Audience = "client"
) -> engine.Result:
    """Walk a person through the rules to a result."""
    walk = Walk(rules)
    while (question := walk.current()) is not None:
        shown = view(walk, question, lang, audience)
        prompter.show(shown)
        earlier = walk.previous_answer(question.id)
        walk = step(walk, question, ask(prompter, shown, question, lang, earlier))
    return engine.decide(rules, walk.answers)

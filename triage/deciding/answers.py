"""Turning what a person types, or what a file holds, into typed answers.

Two readers share one set of rules per question type: `from_typed` for what is
typed at a prompt (numbers, keys, y/n) and `from_value` for answers given up front
(`--answer`, an answers file), where JSON booleans and lists also appear.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from triage import i18n
from triage.deciding.numerals import Numeral
from triage.errors import AnswerError
from triage.i18n import _
from triage.rulesets.model import (
    AnswerValue,
    ChoiceQuestion,
    MultiChoiceQuestion,
    NumberQuestion,
    QuestionT,
    RuleSet,
    TextQuestion,
    YesNoQuestion,
)
from triage.rulesets.numbers import LIMIT, PLACES, STEP, answerable, text, typeable

# Values given up front (--answer, answers files) are language-neutral; what is typed
# at a prompt also accepts the chosen language's words (see `i18n.WORDS`).
YES = {"y", "yes", "true", "1"}
NO = {"n", "no", "false", "0"}
NONE = {"", "none", "0", "-"}


def accepted(question: QuestionT) -> str:
    """The accepted values of a question, as listed in error messages."""
    if isinstance(question, YesNoQuestion):
        return "yes, no"
    if isinstance(question, TextQuestion):
        return _("a text on one line, at most {n} characters (empty: nothing to note)").format(
            n=question.max_length
        )
    if isinstance(question, NumberQuestion):
        kind = _("a whole number") if question.integer else _("a number")
        # The ends a person can type (a range of +-1e308 is read up to 15 digits).
        first, last = answerable(question.min, question.max, question.integer)
        step = 1 if question.integer else STEP
        return _("{kind} from {min} to {max}").format(
            kind=kind, min=text(first * step), max=text(last * step)
        )
    keys = ", ".join(c.key for c in question.choices)
    if isinstance(question, MultiChoiceQuestion):
        return _("any of {keys}, comma-separated, or none").format(keys=keys)
    if question.ranged():
        return _("one of {keys}, or {numbers}").format(keys=keys, numbers=_numbers(question))
    return _("one of {keys}").format(keys=keys)


def _numbers(question: ChoiceQuestion) -> str:
    """The numbers a choice question takes for its ranges, in words."""
    ranged = question.ranged()
    low, high = ranged[0].range, ranged[-1].range
    assert low is not None and high is not None  # `ranged` keeps only those
    # TRANSLATORS: e.g. "a number from 0 to 130, which picks its range".
    return _("a number from {min:g} to {max:g}, which picks its range").format(
        min=float(low.min),
        max=float(high.top),  # display only: an age bracket's ends
    )


def as_option(value: AnswerValue) -> str:
    """An answer as `--answer` takes it back."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ",".join(value) if value else "none"
    return f"{value:g}" if isinstance(value, float) else str(value)


def quoted(value: object, width: int = 60) -> str:
    """A given value as it may appear in a one-line message: quoted, escaped, shortened."""
    if isinstance(value, Decimal):  # a file's number, as written (never expanded)
        written = str(value)
    elif isinstance(value, Fraction):
        written = text(value)
    else:
        written = repr(value)
    return written if len(written) <= width else written[: width - 3] + "..."


def _wrong(question: QuestionT, value: object) -> AnswerError:
    return AnswerError(
        _("{value} is not an answer to {question!r}; accepted: {accepted}").format(
            value=quoted(value), question=question.id, accepted=accepted(question)
        )
    )


def _bracket(question: ChoiceQuestion, raw: Any) -> str:
    """The choice whose range holds a number given for it (an age typed as 65)."""
    try:
        value = _exact(question, raw) if question.ranged() else None
    except AnswerError:
        value = None
    key = question.bracket(value) if value is not None else None
    if key is None:
        raise _wrong(question, raw)
    return key


def _keys(question: ChoiceQuestion | MultiChoiceQuestion, words: Sequence[str]) -> tuple[str, ...]:
    """Map keys or 1-based numbers to choice keys, in the rule set's order, without repeats."""
    keys = [c.key for c in question.choices]
    chosen = set()
    for word in words:
        if NUMBER.fullmatch(word) and 1 <= int(word) <= len(keys):
            chosen.add(keys[int(word) - 1])
        elif ascii_lower(word) in keys:
            chosen.add(ascii_lower(word))
        else:
            raise _wrong(question, word)
    return tuple(k for k in keys if k in chosen)


def ascii_lower(word: str) -> str:
    """A key or a yes/no word in lower case, for ASCII only: a look-alike outside ASCII
    (the Kelvin sign U+212A, whose lower case is "k") stays what it is, and matches nothing."""
    return word.lower() if word.isascii() else word


NUMBER = re.compile(r"[0-9]{1,6}", re.ASCII)  # a choice's number: ASCII digits only
# A number as a person writes it: ASCII digits, an optional sign, an optional decimal
# point (or comma, as in French), at most 15 digits each side. `1,000` is refused: it
# could be one thousand or 1.000.
DECIMAL = re.compile(r"[+-]?[0-9]{1,15}(?:[.,][0-9]{1,15})?", re.ASCII)


# Every number answer, however given, is one DECIMAL can write (`numbers.typeable`).
def _exact(question: QuestionT, raw: Any) -> Fraction:
    """The number given, exactly: a text as written, a file's decimal as written."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal | Fraction):
        raise _wrong(question, raw)
    if isinstance(raw, str):
        text = raw.strip()
        grouped = "," in text and len(text.partition(",")[2]) == 3
        if not DECIMAL.fullmatch(text) or grouped:
            raise _wrong(question, raw)
        return Fraction(text.replace(",", "."))
    if isinstance(raw, Decimal):
        # Its size is checked before it becomes a fraction (1e999999999 costs nothing).
        if not raw.is_finite() or (raw and not -PLACES - 1 <= raw.adjusted() < PLACES):
            raise _wrong(question, raw)
        return Fraction(raw)
    if isinstance(raw, float):
        # From a caller, not a file (files give decimals): the decimal it was written as.
        if not math.isfinite(raw):
            raise _wrong(question, raw)
        return Fraction(repr(raw))
    if isinstance(raw, int) and abs(raw) >= LIMIT:
        raise _wrong(question, raw)
    return Fraction(raw)


def _number(question: NumberQuestion, raw: Any) -> int | Fraction:
    """An exact number within the question's range (whole when the question says so)."""
    value = _exact(question, raw)
    if not typeable(value) or not question.min <= value <= question.max:
        raise _wrong(question, raw)
    if question.integer and value.denominator != 1:
        raise _wrong(question, raw)
    return value.numerator if question.integer else value


# Joiners that belong inside some words and emoji; every other format character (bidi
# overrides, invisible marks) could make a note read differently from what was typed.
_ALLOWED_FORMAT = {"\u200c", "\u200d"}


def _refused(char: str) -> bool:
    """A character a one-line note must not hold: controls (tabs and line breaks included),
    invisible format marks, line and paragraph separators, unassigned or private code points."""
    kind = unicodedata.category(char)
    if kind == "Cf":
        return char not in _ALLOWED_FORMAT
    return kind in {"Cc", "Cs", "Co", "Cn", "Zl", "Zp"}


def free_text(question: TextQuestion, raw: str) -> str:
    """A free-text answer: one line, no control characters, at most `max_length` characters.

    Spaces around it are dropped; inside it, runs of spaces are kept as typed.
    """
    text = raw.strip(" ")
    bad = next((char for char in text if _refused(char)), None)
    if bad is not None:
        raise AnswerError(
            _(
                "the answer to {question!r} contains a control character ({code}): "
                "type it on one line, without tabs or special characters"
            ).format(question=question.id, code=f"U+{ord(bad):04X}")
        )
    if len(text) > question.max_length:
        raise AnswerError(
            _(
                "the answer to {question!r} is {length} characters long: "
                "at most {n} are kept, please shorten it"
            ).format(question=question.id, length=len(text), n=question.max_length)
        )
    return text


def from_value(question: QuestionT, raw: Any) -> AnswerValue:
    """An answer given up front: strings, JSON/YAML booleans, lists, comma-separated strings."""
    if isinstance(question, TextQuestion):
        if raw is None:
            return ""
        if not isinstance(raw, str) or isinstance(raw, Numeral):  # a number in a file
            raise _wrong(question, raw)
        return free_text(question, raw)
    if isinstance(question, NumberQuestion):
        return _number(question, raw)
    if isinstance(question, YesNoQuestion):
        if isinstance(raw, bool):
            return raw
        word = ascii_lower(str(raw).strip())
        if word in YES - {"1"} or word in NO - {"0"}:
            return word in YES
        raise _wrong(question, raw)
    if isinstance(question, ChoiceQuestion):
        if isinstance(raw, str) and ascii_lower(raw.strip()) in {c.key for c in question.choices}:
            return ascii_lower(raw.strip())
        return _bracket(question, raw)
    if raw is None:
        return ()
    if isinstance(raw, str):
        if ascii_lower(raw.strip()) in NONE - {"0"}:
            return ()
        words = [w.strip() for w in raw.split(",")]
    elif isinstance(raw, list | tuple):
        words = [str(w).strip() for w in raw]
    else:
        raise _wrong(question, raw)
    if any(not w or w.isdigit() or w.isdecimal() for w in words):
        raise _wrong(question, raw)
    return _keys(question, words)


def from_typed(question: QuestionT, text: str, lang: str = "en") -> AnswerValue:
    """An answer typed at a prompt in `lang`: y/n, a choice's number, key, label or the
    start of one (see `typed`), several of them for a list, a number, or free text."""
    from triage.deciding import typed

    if isinstance(question, TextQuestion):
        line = text.rstrip("\r\n")
        return "" if line.strip() in {"", "-"} else free_text(question, line)
    if isinstance(question, NumberQuestion):
        try:
            return _number(question, text.strip())
        except AnswerError:
            raise AnswerError(
                _("Please type {accepted}.").format(accepted=accepted(question))
            ) from None
    word = typed.fold(text)
    if isinstance(question, YesNoQuestion):
        if word in {typed.fold(w) for w in i18n.words("yes", lang)}:
            return True
        if word in {typed.fold(w) for w in i18n.words("no", lang)}:
            return False
        # TRANSLATORS: name the first words of i18n.WORDS for this language.
        raise AnswerError(_("Please answer y (yes) or n (no)."))
    if isinstance(question, ChoiceQuestion):
        key = typed.one(question, text, lang)
        if key is None:
            try:  # a number past the choices' own numbers: the range that holds it
                return _bracket(question, text.strip())
            except AnswerError:
                pass
            raise AnswerError(
                _("Please type a number from 1 to {n}, or a choice's name.").format(
                    n=len(question.choices)
                )
                if not question.ranged()
                else _("Please type a number from 1 to {n}, or {numbers}.").format(
                    n=len(question.choices), numbers=_numbers(question)
                )
            )
        return key
    if word in {"0", "-"}:
        return ()
    keys = typed.several(question, text, lang) if word else None
    if keys is None:
        raise AnswerError(
            _("Please type the numbers of all that apply (e.g. 1 3), or 0 for none of these.")
        )
    return keys


def from_mapping(rules: RuleSet, given: Mapping[str, Any]) -> dict[str, AnswerValue]:
    """Check every given answer against its question; an unknown id is an error too."""
    return from_items(rules, given.items())


def from_items(rules: RuleSet, given: Iterable[tuple[str, Any]]) -> dict[str, AnswerValue]:
    """Like `from_mapping`, for answers that may name a question more than once (the
    `--answer` options): they must then give the same answer, or it is an error."""
    from triage.errors import did_you_mean

    ids = [q.id for q in rules.questions]
    answers: dict[str, AnswerValue] = {}
    for key, raw in given:
        if key not in ids:
            hint = did_you_mean(key, ids) if len(key) <= 100 else ""
            message = _("unknown question {key}: {hint}").format(key=quoted(key), hint=hint)
            raise AnswerError(message.rstrip(": "))
        value = from_value(rules.question(key), raw)
        if key in answers and answers[key] != value:
            raise AnswerError(
                _("{question} is answered twice, {first} and {second}: give one answer").format(
                    question=quoted(key), first=quoted(answers[key], 30), second=quoted(value, 30)
                )
            )
        answers[key] = value
    return answers


def parse_pairs(pairs: Sequence[str]) -> list[tuple[str, str]]:
    """`--answer ID=VALUE` options as (id, value) pairs, in the order given."""
    from triage.errors import undecodable

    found = []
    for pair in pairs:
        at = undecodable(pair)
        if at is not None:
            raise AnswerError(
                _("--answer {pair}: not UTF-8 text (character {n}); type it again").format(
                    pair=os.fsencode(pair).decode("utf-8", "backslashreplace")[:60], n=at + 1
                )
            )
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise AnswerError(_("--answer takes ID=VALUE, got {pair}").format(pair=quoted(pair)))
        found.append((key.strip(), value.strip()))
    return found


def display(question: QuestionT, value: AnswerValue, lang: str = "en") -> str:
    """An answer in words, as the person would recognise it."""
    if isinstance(question, TextQuestion):
        return str(value) if value else _("nothing to note")
    if isinstance(value, bool) or isinstance(question, YesNoQuestion):
        return _("yes") if value else _("no")
    if isinstance(question, NumberQuestion):
        unit = question.unit.get(lang) if question.unit else ""
        shown = text(value) if isinstance(value, int | float | Fraction) else str(value)
        return f"{shown} {unit}".strip()
    labels = {c.key: c.label.get(lang) for c in question.choices}
    if isinstance(value, tuple):
        return ", ".join(labels[k] for k in value) if value else _("none of these")
    return labels.get(str(value), str(value))

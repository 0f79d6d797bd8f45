"""What a person types at a choice, matched to the choices as they read them.

A choice is typed as its number, its key, its label as shown, or any start of the
label that fits one choice only; a list also takes several of these, and the words
for "none of these". Words are compared with `fold`: without case or accents, and
nothing else. A compatibility fold (NFKC) is never used: it would let look-alikes
through (the Kelvin sign U+212A for "k", a fullwidth n U+FF4E for "n", "²" for "2"),
and a typed answer must mean exactly what the person sees.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from triage import i18n
from triage.errors import AnswerError
from triage.i18n import _
from triage.rulesets.model import ChoiceQuestion, MultiChoiceQuestion

NONE = "none"  # the "key" of "none of these" among a list's forms
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})  # the apostrophe the terminal shows


def fold(text: str) -> str:
    """`text` without case, accents or extra spaces: "  Épaule " -> "epaule".

    Only what a person would call the same letter is folded: a letter's case when
    it comes back (U+212A lowers to "k", which upper-cases to "K", not to U+212A:
    it is left alone), and the marks of a letter that decomposes into a base and
    combining marks. A character that decomposes into another one alone (a
    canonical singleton: U+212A -> "K", the Angstrom sign U+212B -> "Å") is kept
    as typed.
    """
    letters = []
    for char in text.translate(_QUOTES):
        lower = char.lower()
        if lower != char and lower.upper() != char:
            lower = char  # a look-alike whose lower case is another letter
        for one in lower:
            parts = unicodedata.normalize("NFD", one)
            if unicodedata.normalize("NFC", one) != one:  # a singleton: U+212B is not Å
                letters.append(one)
            elif len(parts) > 1 and all(unicodedata.combining(p) for p in parts[1:]):
                letters.append(parts[0])
            elif not unicodedata.combining(one):
                letters.append(one)
    return " ".join("".join(letters).split())


def forms(
    question: ChoiceQuestion | MultiChoiceQuestion, lang: str
) -> tuple[tuple[str, str, bool], ...]:
    """(folded form, key, whether a start of it is enough) for every way a choice is
    named in `lang`: its key (whole only), and its label as a client and as a
    receptionist reads it; a list's words and label for "none of these" too."""
    found: list[tuple[str, str, bool]] = []
    for choice in question.choices:
        found.append((choice.key, choice.key, False))
        for audience in ("client", "reception"):
            found.append((fold(choice.label.get(lang, audience)), choice.key, True))
    if isinstance(question, MultiChoiceQuestion):
        found += [(fold(word), NONE, False) for word in i18n.words("none", lang)]
        labels = [_("none of these")]
        if question.none_label is not None:
            labels += [question.none_label.get(lang, a) for a in ("client", "reception")]
        found += [(fold(label), NONE, True) for label in labels]
    return tuple(dict.fromkeys(found))


class Ambiguous(AnswerError):
    """A start of several labels: the person is told which, and types more of it."""


def named(
    question: ChoiceQuestion | MultiChoiceQuestion, typed: str, lang: str, labels: dict[str, str]
) -> str | None:
    """The key `typed` names (a choice's number, key, label, or a start of one label
    only), NONE for "none of these", or None when it names nothing.

    Only digits are a number, never a start: "5" is not "50 or over".
    """
    word = fold(typed)
    if not word:
        return None
    if word.isascii() and word.isdigit():
        number = int(word) if len(word) <= 6 else 0
        return question.choices[number - 1].key if 1 <= number <= len(question.choices) else None
    known = forms(question, lang)
    exact = {key for form, key, _start in known if form == word}
    if len(exact) == 1:
        return exact.pop()
    started = {key for form, key, start in known if start and form.startswith(word)}
    if len(started) > 1 or len(exact) > 1:
        names = ", ".join(labels.get(key, key) for key in _ordered(question, started | exact))
        raise Ambiguous(
            _("{typed!r} starts several answers ({names}): type more of it, or its number").format(
                typed=typed.strip()[:60], names=names
            )
        )
    return started.pop() if started else None


def _ordered(question: ChoiceQuestion | MultiChoiceQuestion, keys: Iterable[str]) -> list[str]:
    wanted = set(keys)
    order = [c.key for c in question.choices] + [NONE]
    return [key for key in order if key in wanted]


def labels_of(question: ChoiceQuestion | MultiChoiceQuestion, lang: str) -> dict[str, str]:
    """Each key's label as shown, to name the choices an ambiguous start could be."""
    found = {c.key: c.label.get(lang) for c in question.choices}
    if isinstance(question, MultiChoiceQuestion):
        none = question.none_label.get(lang) if question.none_label else _("none of these")
        found[NONE] = none
    return found


def one(question: ChoiceQuestion, typed: str, lang: str) -> str | None:
    """The choice a typed line names, or None (an ambiguous start is `Ambiguous`)."""
    return named(question, typed, lang, labels_of(question, lang))


def several(question: MultiChoiceQuestion, typed: str, lang: str) -> tuple[str, ...] | None:
    """The choices a typed line names, in the rule set's order; () for none of these;
    None when a part names nothing.

    The whole line is tried first (a label may hold commas: "Arm, elbow, wrist or
    hand"), then its comma-separated parts (the longest run of parts that is a whole
    label first), then each part's words ("1 3", "neck shoulder"). "None of these"
    with a choice is no answer.
    """
    labels = labels_of(question, lang)
    whole = named(question, typed, lang, labels)
    if whole is not None:
        return () if whole == NONE else (whole,)
    parts = typed.split(",")
    if any(not p.strip() for p in parts) and len(parts) > 1:
        return None
    chosen: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            found = _part(question, ",".join(parts[start:end]), lang, labels, end - start == 1)
            if found is not None:
                chosen += found
                start = end
                break
        else:
            return None
    if NONE in chosen:
        return None
    keys = [c.key for c in question.choices]
    return tuple(k for k in keys if k in set(chosen))


def _part(
    question: MultiChoiceQuestion, text: str, lang: str, labels: dict[str, str], single: bool
) -> Sequence[str] | None:
    """The keys one comma-separated part names: a whole label when it spans several
    parts; else a name, a start, or words each naming one."""
    if not single:
        word = fold(text)
        exact = [key for form, key, _start in forms(question, lang) if form == word]
        return exact[:1] or None
    key = named(question, text, lang, labels)
    if key is not None:
        return [key]
    words = text.split()
    if len(words) < 2:
        return None
    found = [named(question, word, lang, labels) for word in words]
    return None if any(k is None for k in found) else [k for k in found if k is not None]

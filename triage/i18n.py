"""The tool's own texts, through gettext catalogs, so each language is data and not code.

Catalogs live in `triage/locale/LANG/LC_MESSAGES/triage.po` (edited by translators,
kept up to date with Babel) and the compiled `.mo` beside them (read at run time by
the standard library: no extra import at start-up). Until a language is chosen,
texts are returned as written (English).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

DOMAIN = "triage"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SUPPORTED = ("en", "fr")
# Where the language is read, in order: ours first, then the variables gettext reads.
ENVIRONMENT = ("TRIAGE_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

# The words a person may type at a prompt, per language. The English ones are
# accepted in every language (a habit, or a keyboard shortcut, should never fail);
# the catalog's hints ("y/n", "b back", "? help") name the first ones of the list.
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "yes": ("y", "yes"),
        "no": ("n", "no"),
        "none": ("none", "no"),
        "back": ("b", "back"),
        "help": ("?", "h", "help"),
        "so_far": ("s",),
    },
    "fr": {
        "yes": ("o", "oui"),
        "no": ("n", "non"),
        "none": ("aucun", "aucune", "non", "rien"),
        "back": ("r", "retour"),
        "help": ("?", "aide"),
        "so_far": ("s",),
    },
}

# The language of this run and its catalog: a context variable, set by the shell for
# one command line (see `session`), never a module-level global the core would read.
_chosen: ContextVar[tuple[str, gettext.NullTranslations]] = ContextVar(
    "triage_language", default=("en", gettext.NullTranslations())
)


def _(message: str) -> str:
    """Translate one of the tool's own texts into the language of this run."""
    return _chosen.get()[1].gettext(message)


def N_(message: str) -> str:
    """Mark a text for the catalog without translating it now: it is translated when shown.

    For texts defined before the language is known, or by a library (Click's own
    "Show this message and exit."), looked up with `_()` where they are printed.
    """
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or the plural of a text for `n`, as the language of this run counts."""
    return _chosen.get()[1].ngettext(singular, plural, n)


def language() -> str:
    """The language of this run (for the shell, which passes it on to the core)."""
    return _chosen.get()[0]


def words(kind: str, code: str) -> frozenset[str]:
    """What may be typed for `kind` ("yes", "no", "none", "back", "help", "so_far") in
    `code`, in lower case.

    The language's words and, always, the English ones.
    """
    chosen = WORDS.get(code, {}).get(kind, ())
    return frozenset((*WORDS["en"][kind], *chosen))


def normalise(value: str) -> str:
    """'fr_CA.UTF-8' -> 'fr', 'en-GB' -> 'en', 'C' or 'POSIX' -> 'en'."""
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return "en" if code in ("c", "posix", "") else code


def choose(flag: str | None, environ: Mapping[str, str]) -> tuple[str, str | None]:
    """The language to use and, when the one asked for is not supported, a notice.

    Order: --lang, then TRIAGE_LANG, then the variables the gettext module reads
    (LANGUAGE, LC_ALL, LC_MESSAGES, LANG). An empty variable is skipped, as the C
    library does; TRIAGE_LANG and LANGUAGE may list several languages in order of
    preference (`de:fr:en`), and the first supported one is used.
    """
    asked = flag or next((environ[v] for v in ENVIRONMENT if environ.get(v)), "en")
    wanted = [part for part in asked.split(":") if part] or ["en"]
    for part in wanted:
        code = normalise(part)
        if code in SUPPORTED:
            return code, None
    notice = _("language {asked!r} is not supported (supported: {supported}); using English")
    return "en", notice.format(asked=asked, supported=", ".join(SUPPORTED))


def use(code: str) -> None:
    """Switch the tool's texts to a supported language, for the rest of this run."""
    if code == "en":
        _chosen.set((code, gettext.NullTranslations()))
        return
    _chosen.set((code, gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)))


@contextmanager
def session() -> Iterator[None]:
    """One command line: whatever language it chooses is undone when it ends."""
    before = _chosen.get()
    try:
        yield
    finally:
        _chosen.set(before)


def flag_in(argv: Sequence[str]) -> str | None:
    """The value of --lang in a command line, read before Typer parses it.

    The language holds for the whole command line, so it is known before any option
    is read (an error or a help page asked for before --lang is in it too). Given
    twice, the last one wins, as for any option.
    """
    found = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found

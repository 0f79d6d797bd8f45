"""The tool's own texts, through gettext catalogs, so each language is data and not code.

Catalogs live in `triage/locale/LANG/LC_MESSAGES/triage.po` (edited by translators,
kept up to date with Babel) and the compiled `.mo` beside them (read at run time by
the standard library: no extra import at start-up). Until a language is chosen,
texts are returned as written (English).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from pathlib import Path

DOMAIN = "triage"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SUPPORTED = ("en", "fr")
ENVIRONMENT = ("TRIAGE_LANG", "LC_ALL", "LC_MESSAGES", "LANG")

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _(message: str) -> str:
    """Translate one of the tool's own texts into the chosen language."""
    return _translation.gettext(message)


def language() -> str:
    return _language


def normalise(value: str) -> str:
    """'fr_CA.UTF-8' -> 'fr', 'en-GB' -> 'en', 'C' or 'POSIX' -> 'en'."""
    code = value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return "en" if code in ("c", "posix", "") else code


def choose(flag: str | None, environ: Mapping[str, str]) -> tuple[str, str | None]:
    """The language to use and, when the one asked for is not supported, a notice.

    Order: --lang, then TRIAGE_LANG, then the usual locale variables. An empty
    variable is skipped, as the C library does.
    """
    asked = flag or next((environ[v] for v in ENVIRONMENT if environ.get(v)), "en")
    code = normalise(asked)
    if code in SUPPORTED:
        return code, None
    return (
        "en",
        f"language {asked!r} is not supported (supported: {', '.join(SUPPORTED)}); using English",
    )


def use(code: str) -> None:
    """Switch the tool's texts to a supported language."""
    global _translation, _language
    _language = code
    if code == "en":
        _translation = gettext.NullTranslations()
        return
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def flag_in(argv: Sequence[str]) -> str | None:
    """The value of --lang in a command line, read before Typer parses it.

    Help texts are built when the command line is defined, so the language must be
    known first.
    """
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None

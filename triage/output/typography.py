"""French typography for what a person reads, applied where text leaves the program.

Rule sets and catalogs are written with plain spaces, straight apostrophes and
hyphens, as any editor types them; the renderer sets them as French print does, so
no line starts with a lone ":" or "?" once wrapped:

- a no-break space (U+00A0) before ":" and inside « »;
- a narrow no-break space (U+202F) before ";", "!" and "?";
- a typographic apostrophe (U+2019) inside a word (l'épaule), an en dash (U+2013)
  for a hyphen between spaces;
- a no-break space between the digit groups of a number (116 117, 10 000).

Only spaces already there are replaced (a path's `a:1:2` or a URL is left alone) and
English is never changed. `typeset` is idempotent. A stream whose encoding cannot
show these characters gets their ASCII equivalents (`degrade`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TextIO

from triage.i18n import _

NBSP = "\u00a0"  # no-break space: before ":" and inside « »
NNBSP = "\u202f"  # narrow no-break space: before ";", "!", "?"
APOSTROPHE = "\u2019"
EN_DASH = "\u2013"

_SPACES = f"[ {NBSP}{NNBSP}]"
# The mark follows a word, a closing bracket or a quote, and ends there.
_BEFORE = rf"[^\W_]|[)\]»\"'{APOSTROPHE}…%]"
_AFTER = rf"(?=\s|$|[)\]»\"'{APOSTROPHE}.,;:!?{NBSP}{NNBSP}])"

_FRENCH = (
    (re.compile(rf"(?<={_BEFORE}){_SPACES}+:{_AFTER}"), NBSP + ":"),
    (re.compile(rf"(?<={_BEFORE}){_SPACES}+([;!?]){_AFTER}"), NNBSP + r"\1"),
    (re.compile(rf"«{_SPACES}*"), "«" + NBSP),
    (re.compile(rf"{_SPACES}*»"), NBSP + "»"),
    (re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])"), APOSTROPHE),
    (re.compile(r"(?<=\S )-(?= \S)"), EN_DASH),
    (re.compile(r"(?<=\d) (?=\d)"), NBSP),  # 116 117, 10 000: a number is never split
)

# What each typographic character becomes where it cannot be shown.
ASCII = {
    NBSP: " ",
    NNBSP: " ",
    APOSTROPHE: "'",
    "\u2018": "'",  # left single quotation mark
    "«": '"',
    "»": '"',
    EN_DASH: "-",
    "\u2014": "-",  # em dash
    "…": "...",
    "·": "|",
    "•": "-",
}
_QUOTES = re.compile(rf"«{NBSP}|{NBSP}»")
_LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"}
_TABLE = str.maketrans(ASCII)


def typeset(text: str, lang: str) -> str:
    """The text as print sets it in `lang`: French typography; any other language as is."""
    if lang != "fr":
        return text
    for pattern, replacement in _FRENCH:
        text = pattern.sub(replacement, text)
    return text


def degrade(text: str, encoding: str = "ascii") -> str:
    """The same text in ASCII punctuation, for a terminal that cannot show the typographic
    one; a letter the encoding cannot show either loses its accent (é -> e) or becomes '?'.
    """
    text = _QUOTES.sub(lambda found: '"', text)  # « mot » -> "mot", not " mot "
    text = text.translate(_TABLE)
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return "".join(_letter(c, encoding) for c in text)
    return text


def _letter(char: str, encoding: str) -> str:
    try:
        char.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        bare = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())
        return _LIGATURES.get(char, bare or "?")
    return char


def _encoding(stream: object) -> str:
    """A stream's encoding; an in-memory text stream (no encoding) holds any text."""
    return getattr(stream, "encoding", None) or "utf-8"


def can_show(stream: object, sample: str = "".join(ASCII)) -> bool:
    """Whether the stream's encoding shows every typographic character."""
    try:
        sample.encode(_encoding(stream))
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def fit(text: str, stream: object) -> str:
    """The text as the stream can show it: as it is, or `degrade`d for its encoding."""
    return text if can_show(stream) else degrade(text, _encoding(stream))


def for_stream(text: str, lang: str, stream: TextIO | object) -> str:
    """`typeset`, then `fit` to the stream: text about to be written."""
    return fit(typeset(text, lang), stream)


def pair(label: str, text: str) -> str:
    """'label: text', with the language's spacing around the colon."""
    # TRANSLATORS: a label and its text; French puts a space before the colon.
    return _("{label}: {text}").format(label=label, text=text)

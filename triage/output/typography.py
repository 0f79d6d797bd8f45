"""French typography for what a person reads, applied where text leaves the program.

Rule sets and catalogs are written with plain spaces, straight apostrophes and
hyphens, as any editor types them; the renderer sets them as French print does, so
no line starts with a lone ":" or "?" once wrapped:

- a no-break space (U+00A0) before ":" and inside « »;
- a narrow no-break space (U+202F) before ";", "!" and "?";
- a typographic apostrophe (U+2019) inside a word (l'épaule), an en dash (U+2013)
  for a hyphen between spaces.

Only spaces already there are replaced (a path's `a:1:2` or a URL is left alone) and
English is never changed. `typeset` is idempotent. A stream whose encoding cannot
show these characters gets their ASCII equivalents (`degrade`).
"""

from __future__ import annotations

import re
from typing import TextIO

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
_TABLE = str.maketrans(ASCII)


def typeset(text: str, lang: str) -> str:
    """The text as print sets it in `lang`: French typography; any other language as is."""
    if lang != "fr":
        return text
    for pattern, replacement in _FRENCH:
        text = pattern.sub(replacement, text)
    return text


def degrade(text: str) -> str:
    """The same text in ASCII punctuation, for a terminal that cannot show the typographic one."""
    text = _QUOTES.sub(lambda found: '"', text)  # « mot » -> "mot", not " mot "
    return text.translate(_TABLE)


def can_show(stream: object, sample: str = "".join(ASCII)) -> bool:
    """Whether the stream's encoding shows every typographic character."""
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        sample.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def for_stream(text: str, lang: str, stream: TextIO | object) -> str:
    """`typeset`, then `degrade` if the stream cannot show the result: text about to be written."""
    text = typeset(text, lang)
    return text if can_show(stream) else degrade(text)

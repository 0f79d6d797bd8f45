"""The process's standard streams made usable before any command runs.

A closed standard input (`<&-`) is an empty one: a walk then ends at its first question
(exit 4) and `assess` needs none. A closed standard output (`>&-`) is refused in one
line (exit 74): every command prints its result there. A stream whose encoding cannot
show a character (French on an ASCII-only stdout) gets the nearest ASCII instead of a
crash: "médecin" becomes "medecin", "«" becomes '"', anything else "?".
"""

from __future__ import annotations

import codecs
import io
import sys
from typing import TextIO

from triage.output.typography import ASCII

HANDLER = "triage-ascii"


def _nearest_ascii(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    import unicodedata

    found = []
    for char in error.object[error.start : error.end]:
        plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
        found.append(ASCII.get(char) or plain or "?")
    return "".join(found), error.end


def _fallback(stream: TextIO) -> None:
    """Let `stream` write what its encoding cannot show as the nearest ASCII."""
    try:
        "é«·".encode(stream.encoding or "ascii")
        return
    except (UnicodeEncodeError, LookupError):
        pass
    if isinstance(stream, io.TextIOWrapper):
        codecs.register_error(HANDLER, _nearest_ascii)
        stream.reconfigure(errors=HANDLER)


def prepare() -> str | None:
    """Make the standard streams usable; a message when the output cannot be used at all."""
    if sys.stdin is None:
        sys.stdin = io.StringIO("")
    if sys.stderr is None:
        sys.stderr = io.StringIO()  # nowhere to report: errors then go unseen, status stays
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            _fallback(stream)
    if sys.stdout is None:
        from triage.i18n import _

        return _("standard output is closed: give it a file or a pipe")
    return None

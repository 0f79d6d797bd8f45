"""The tool's own texts, through gettext, so each language is a catalog and not code.

Until a language is chosen, texts are returned as written (English).
"""

from __future__ import annotations

import gettext

_translation: gettext.NullTranslations = gettext.NullTranslations()


def _(message: str) -> str:
    """Translate one of the tool's own texts into the chosen language."""
    return _translation.gettext(message)

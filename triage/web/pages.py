"""Pages from Jinja2 templates, in the person's language, with French typography.

The templates' own words go through the same gettext catalogs as the terminal's
(Jinja2's i18n extension calls `triage.i18n`); every printed value is typeset as
the terminal typesets it (`output.typography`), then escaped.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.responses import HTMLResponse

from triage import __version__, i18n
from triage.output.typography import typeset

HERE = Path(__file__).resolve().parent
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


def _typeset(value: Any) -> Any:
    lang = i18n.language()
    if isinstance(value, Markup):
        return Markup(typeset(str(value), lang))
    if isinstance(value, str):
        return typeset(value, lang)
    return value


def waiting(seconds: int) -> str:
    """A kiosk's time without input, in words: whole minutes, else seconds."""
    if seconds % 60 == 0:
        return i18n.ngettext("{n} minute", "{n} minutes", seconds // 60).format(n=seconds // 60)
    return i18n.ngettext("{n} second", "{n} seconds", seconds).format(n=seconds)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
        finalize=_typeset,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates ship with the package: never read again
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=i18n._, ngettext=i18n.ngettext, newstyle=True
    )
    env.globals["version"] = __version__
    env.globals["language_names"] = LANGUAGE_NAMES
    env.globals["waiting"] = waiting
    return env


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in the language of this request (set with `i18n.use` before)."""
    template = environment().get_template(name)
    html = template.render(lang=i18n.language(), **context)
    return HTMLResponse(html, status_code=status)

"""Which language a page is in: asked for on the page, kept by the walk, or the browser's."""

from __future__ import annotations

from triage.i18n import SUPPORTED, normalise


def from_accept(header: str, default: str) -> str:
    """The supported language the browser prefers most (`Accept-Language`), else `default`."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header[:500].split(",")[:20]):
        tag, _sep, params = part.strip().partition(";")
        weight = 1.0
        name, _eq, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                weight = float(value)
            except ValueError:
                continue
        code = normalise(tag.strip()) if tag.strip() != "*" else ""
        if code in SUPPORTED and 0 < weight <= 1:
            ranked.append((-weight, position, code))
    return min(ranked)[2] if ranked else default


def chosen(asked: str | None, kept: str | None, header: str, default: str) -> str:
    """The page's language: the switch's, then the walk's, then the browser's."""
    if asked in SUPPORTED:
        return asked
    if kept in SUPPORTED:
        return kept
    return from_accept(header, default)

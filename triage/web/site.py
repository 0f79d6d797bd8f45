"""The clinic's own page: its name, phone, emergency numbers and booking links.

They come from a small YAML file given to `triage serve --site FILE` (documented in
docs/site.md), read with the rule files' bounded, safe reader and checked here, so
a wrong key or a link that is not http(s) is refused at start-up with its place.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationError

from triage.errors import UsageError
from triage.i18n import _
from triage.rulesets.model import RuleSet
from triage.rulesets.texts import Strict, Text

_PHONE = re.compile(r"\+?[0-9][0-9 .()-]{0,30}")


def _phone(value: str) -> str:
    if not _PHONE.fullmatch(value):
        raise ValueError("a phone number: digits, spaces, + . ( ) - (at most 32)")
    return value


def _link(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s\"<>\\]{1,2000}", value):
        raise ValueError("an http:// or https:// link, without spaces or quotes")
    return value


Phone = Annotated[str, AfterValidator(_phone)]
Link = Annotated[str, AfterValidator(_link)]


class Number(Strict):
    """A number to call, with what it is for."""

    number: Phone
    label: Text


class Site(Strict):
    """What a visitor sees of the clinic; every key is optional."""

    name: str = Field(default="", max_length=120)
    phone: Phone | None = None
    emergency: list[Number] = Field(
        default_factory=lambda: [
            Number.model_validate(
                {"number": "112", "label": {"en": "Emergency number", "fr": "Numéro d'urgence"}}
            )
        ],
        max_length=8,
    )
    booking: dict[str, Link] = Field(
        default_factory=dict,
        max_length=32,
        description="A booking link per massage outcome id, or 'all' for every one.",
    )

    def booking_link(self, outcome: str) -> str | None:
        return self.booking.get(outcome) or self.booking.get("all")

    @staticmethod
    def tel(number: str) -> str:
        """The number as a `tel:` link holds it: digits and a leading +."""
        return "tel:" + re.sub(r"[^0-9+]", "", number)


def check_booking(site: Site, rules: RuleSet) -> None:
    """A booking link must name a massage outcome of the rule set (or 'all'): a link for
    a referral would offer a booking where the tool says not to book."""
    massages = {o.id for o in rules.outcomes if o.kind == "massage"}
    for key in site.booking:
        if key != "all" and key not in massages:
            raise UsageError(
                _("the site file's booking link {key} is not a massage outcome ({known})").format(
                    key=repr(key)[:60], known=", ".join(sorted(massages | {"all"}))
                )
            )


def read_site(path: str | None, rules: RuleSet) -> Site:
    """The site file at `path` (none: the defaults), checked against the rule set."""
    if path is None:
        return Site()
    from triage.rulesets.files import Source
    from triage.rulesets.parse import parse_document
    from triage.rulesets.reading import ReadFailed, read_text

    try:
        text = read_text(Path(path))
    except ReadFailed as failed:
        message = _("cannot read the site file {path}: {reason}")
        raise UsageError(message.format(path=failed.path, reason=failed.reason)) from None
    located, problems = parse_document(Source(path, text))
    if problems:
        raise UsageError(f"{problems[0].where()}: {problems[0].message}")
    try:
        site = Site.model_validate(located.data or {})
    except ValidationError as error:
        first = error.errors()[0]
        file, line, column = located.locate(list(first["loc"]))
        where = f"{file}:{line}:{column}" if line else path
        raise UsageError(f"{where}: {first['msg']}") from None
    check_booking(site, rules)
    return site

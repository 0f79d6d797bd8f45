"""A form's body, read within bounds and parsed strictly, or a `BadRequest`.

Starlette's own form parser replaces invalid UTF-8 with U+FFFD and keeps the last of
two fields of one name: both would change an answer silently. Forms here are small
(`application/x-www-form-urlencoded`, a few fields), so the body is read up to
`MAX_BODY` bytes and parsed with the standard library, strictly.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import ClientDisconnect, Request

from triage.i18n import _

MAX_BODY = 16 * 1024  # bytes: a text answer of 1,000 characters, percent-encoded, fits
MAX_FIELDS = 64
MULTIPLE = frozenset({"answer"})  # the only field a form may repeat (a list's boxes)


class BadRequest(Exception):
    """A request no page of ours sends: shown as a page of its own, with a 4xx status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Form:
    fields: dict[str, list[str]]

    def one(self, name: str) -> str | None:
        values = self.fields.get(name, [])
        return values[0] if values else None

    def all(self, name: str) -> list[str]:
        return list(self.fields.get(name, []))


async def read_form(request: Request) -> Form:
    """The request's form: bounded, valid UTF-8, no field given twice (but a list's)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise BadRequest(_("This page only accepts the form it sends."), 415)
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise BadRequest(_("What was sent is too large for this form."), 413)
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                raise BadRequest(_("What was sent is too large for this form."), 413)
    except ClientDisconnect:  # the body ended before its length: nobody is left to answer
        raise BadRequest(_("The form was cut off before its end.")) from None
    return parse(bytes(body))


def parse(body: bytes) -> Form:
    try:
        pairs = parse_qsl(
            body.decode("ascii"),
            keep_blank_values=True,
            strict_parsing=bool(body),
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError):
        raise BadRequest(
            _("The form could not be read: it is not well-formed UTF-8 form data.")
        ) from None
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        values = fields.setdefault(name, [])
        if value in values or (values and name not in MULTIPLE):
            raise BadRequest(
                _("The form holds the field {name} twice.").format(name=repr(name)[:40])
            )
        values.append(value)
    return Form(fields)

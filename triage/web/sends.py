""" "Send to the clinic": the form under a result, its checks, and its confirmation.

Offered on a massage or a referral result (worded there for a call back after the
doctor), never on an emergency, and on a kiosk only when the clinic enables it. With
the consent box ticked, the screening is stored in the clinic's history (channel
`web`, audience client) with the contact, and a short reference is shown; without it
nothing is stored. A POST is refused (403) without this walk's signed token or from
another origin, and past the rate limit (429), before anything is read or stored.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response

from triage import i18n
from triage.errors import StorageError
from triage.history.contacts import Contact, reference
from triage.history.stores import History, open_history
from triage.i18n import _
from triage.screening.concluding import conclude
from triage.screening.stepping import Asked, Finished, replay, where
from triage.web import sending
from triage.web.forms import BadRequest, Form, read_form
from triage.web.pages import render
from triage.web.routes import (
    Service,
    begin,
    context,
    gone,
    offered,
    problem,
    progress_of,
    see,
)
from triage.web.walks import Progress

FIELDS = frozenset({"csrf", "name", "reach", "preferred", "consent"})
MAX_NAME = 100
MAX_PREFERRED = 100
PHONE = re.compile(r"\+?[0-9][0-9 ().-]{4,30}")
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")
SAME_ORIGIN = {"Referrer-Policy": "same-origin"}  # else a browser sends `Origin: null`


@dataclass(frozen=True)
class Sendable:
    """A finished walk that may be sent: its result, and whether it was sent already."""

    progress: Progress
    token: str
    finished: Finished


def _sendable(request: Request) -> tuple[Service, Sendable | Response]:
    token, progress = progress_of(request)
    service = begin(request, progress)
    if progress is None or token is None:
        return service, gone(service)
    place = where(replay(service.loaded.rules, progress.given), service.loaded, i18n.language())
    if isinstance(place, Asked):
        return service, see(f"/step/{len(progress.given) + 1}")
    if not offered(service, place):
        return service, problem(_("There is no such page."), 404, service)
    return service, Sendable(progress, token, place)


async def send_page(request: Request) -> Response:
    service, found = _sendable(request)
    if not isinstance(found, Sendable):
        return found
    if found.progress.sent:
        return see("/sent")
    return _form(service, found, {}, None)


async def send(request: Request) -> Response:
    """The form, checked in this order: its origin, its token, the walk, the rate."""
    token, progress = progress_of(request)
    service = begin(request, progress)
    form = await read_form(request)
    if progress is None or token is None:
        return gone(service)
    if not sending.origin_allowed(service.settings, request.scope.get("headers", [])):
        raise BadRequest(_("This form was not sent from this questionnaire's site."), 403)
    if not sending.token_valid(service.secret, token, form.one("csrf")):
        raise BadRequest(_("This form was not sent by this questionnaire's page."), 403)
    if set(form.fields) - FIELDS:
        raise BadRequest(_("This page only accepts the form it sends."), 400)
    service, found = _sendable(request)
    if not isinstance(found, Sendable):
        if found.status_code == 303:  # a walk not finished: nothing to send yet
            raise BadRequest(_("This page answers a question that has not been asked."), 409)
        return found
    address = request.client.host if request.client else ""
    client = sending.client_key(service.secret, address)
    if not service.walks.knock(client, sending.LIMIT, sending.WINDOW):
        raise BadRequest(
            _("Too many screenings were sent from here in a short time: call the clinic."), 429
        )
    if found.progress.sent:  # sent already (a second tab, a resubmission): once is enough
        return see("/sent")
    contact, errors = _read(form)
    if contact is None:
        return _form(service, found, _values(form), errors)
    return _store(service, found, contact)


def _store(service: Service, found: Sendable, contact: Contact) -> Response:
    ref = reference()
    ended = conclude(found.finished.document, "web", caller_ref=ref, dated=False)
    try:
        assert service.history is not None, "offered only with a history"
        with open_history(service.history) as store:
            store.save(ended.screening(), replace(contact, reference=ref))
            _purge_expired(store, service.settings.keep_days, ended.moment)
    except StorageError:
        return problem(
            _("Your screening could not be sent: nothing was stored. Please call the clinic."),
            503,
            service,
        )
    service.walks.relabel(found.token, replace(found.progress, sent=ref))
    return see("/sent")


def _purge_expired(store: History, keep_days: int, now: datetime) -> None:
    """Delete the sent screenings past their days, once this one is safely stored. A
    web role that may not delete (the README's least-privilege PostgreSQL setup) leaves
    it to the desk, whose `history list --new` purges the same way."""
    with contextlib.suppress(StorageError):
        store.purge_contacts_older_than(keep_days, now)


async def sent_page(request: Request) -> Response:
    service, found = _sendable(request)
    if not isinstance(found, Sendable):
        return found
    if not found.progress.sent:
        return see("/send")
    return render(
        "sent.html",
        **context(
            service,
            reference=found.progress.sent,
            referral=found.finished.kind == "referral",
            kept_for=_kept_for(service),
            csrf=found.progress.csrf,
            here="/sent",
        ),
    )


def _form(
    service: Service, found: Sendable, values: dict[str, str], errors: list[tuple[str, str]] | None
) -> Response:
    response = render(
        "send.html",
        422 if errors else 200,
        **context(
            service,
            values=values,
            errors=errors or [],
            error=bool(errors),
            referral=found.finished.kind == "referral",
            kept_for=_kept_for(service),
            token=sending.token(service.secret, found.token),
            referrer="same-origin",
            here="/send",
        ),
    )
    response.headers.update(SAME_ORIGIN)
    return response


def _kept_for(service: Service) -> str:
    days = service.settings.keep_days
    return i18n.ngettext("{n} day", "{n} days", days).format(n=days)


def _values(form: Form) -> dict[str, str]:
    return {name: form.one(name) or "" for name in ("name", "reach", "preferred", "consent")}


def _plain(text: str, longest: int) -> str | None:
    """The text without its outer spaces, or None when too long or with control characters."""
    text = " ".join(text.split())
    if len(text) > longest or any(unicodedata.category(c) in ("Cc", "Cf") for c in text):
        return None
    return text


def _read(form: Form) -> tuple[Contact | None, list[tuple[str, str]]]:
    """The contact, or the errors to show beside each field (and nothing stored)."""
    errors: list[tuple[str, str]] = []
    name = _plain(form.one("name") or "", MAX_NAME)
    if not name:
        errors.append(("name", _("Enter your name (at most {n} characters).").format(n=MAX_NAME)))
    reach = _plain(form.one("reach") or "", 254)
    if not reach or not (PHONE.fullmatch(reach) or EMAIL.fullmatch(reach)):
        errors.append(
            ("reach", _("Enter a phone number, like 06 12 34 56 78, or an e-mail address."))
        )
    preferred = _plain(form.one("preferred") or "", MAX_PREFERRED)
    if preferred is None:
        errors.append(
            ("preferred", _("Enter a time of at most {n} characters.").format(n=MAX_PREFERRED))
        )
    if form.one("consent") != "yes":
        errors.append(
            ("consent", _("Tick the box to agree, or nothing is sent: your answers stay here."))
        )
    if errors or not name or not reach:
        return None, errors
    return Contact(name=name, reach=reach, preferred=preferred or ""), []

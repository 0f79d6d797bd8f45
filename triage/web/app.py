"""The web application: its routes, its headers, and a clear page for every failure.

`create` builds it from checked `Settings` (the command, or a test); `from_environ`
is the factory each uvicorn worker calls when there are several.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send

from triage import i18n
from triage.errors import ExitStatus, Unverified
from triage.history.address import parse
from triage.history.stores import default_address
from triage.i18n import _
from triage.rulesets.files import default_rules_path
from triage.screening.failures import failure_of, http_status
from triage.screening.loading import load_verified
from triage.web import routes, sending, sends
from triage.web.forms import BadRequest
from triage.web.pages import HERE
from triage.web.settings import Settings
from triage.web.settings import from_environ as settings_from_environ
from triage.web.site import read_site
from triage.web.walks import Walks

MAX_HEADERS = 64  # a browser sends about 15
MAX_HEADER_BYTES = 16 * 1024
STYLESHEET = (HERE / "static" / "triage.css").read_bytes()


def create(settings: Settings, environ: dict[str, str] | None = None) -> Guarded:
    """The application for these settings; the rule set is loaded and verified now."""
    path = Path(settings.rules) if settings.rules else None
    try:
        loaded = load_verified(path, environ or {})
    except Unverified:  # its message offers --allow-unverified, which serve never takes
        message = _(
            "the rule set {path} fails verification, and a questionnaire on the web never runs "
            "one that does: run 'triage rules verify {path}' for details"
        )
        raise Unverified(message.format(path=path or default_rules_path())) from None
    environ = environ or {}
    service = routes.Service(
        settings,
        loaded,
        read_site(settings.site, loaded.rules),
        Walks(Path(settings.state)),
        sending.secret(settings, environ),
        parse(settings.db, typed=False) if settings.db else default_address(environ),
    )
    app = Starlette(
        routes=[
            Route("/", routes.start_page, methods=["GET"]),
            Route("/start", routes.start, methods=["POST"]),
            Route("/step/{n:int}", routes.question_page, methods=["GET"]),
            Route("/step/{n:int}", routes.answer_page, methods=["POST"]),
            Route("/result", routes.result_page, methods=["GET"]),
            Route("/restart", routes.restart, methods=["POST"]),
            Route("/kiosk/reset", routes.kiosk_reset, methods=["GET"]),
            Route("/send", sends.send_page, methods=["GET"]),
            Route("/send", sends.send, methods=["POST"]),
            Route("/sent", sends.sent_page, methods=["GET"]),
            Route("/healthz", routes.healthz, methods=["GET"]),
            Route("/static/triage.css", stylesheet, methods=["GET"]),
        ],
        exception_handlers={
            BadRequest: _bad_request,
            404: _not_found,
            405: _not_allowed,
            Exception: _bug,
        },
    )
    app.state.service = service
    app.router.redirect_slashes = False  # /result/ is no page: one address for each page
    return Guarded(app, settings)


def from_environ() -> Guarded:
    """The factory uvicorn's workers call: the settings the command put in the environment."""
    return create(settings_from_environ(os.environ), dict(os.environ))


async def stylesheet(request: Request) -> Response:
    return Response(
        STYLESHEET,
        media_type="text/css",
        headers={"Cache-Control": "public, max-age=3600"},
    )


def _service(request: Request) -> routes.Service | None:
    return getattr(request.app.state, "service", None)


async def _bad_request(request: Request, error: Exception) -> Response:
    status = error.status if isinstance(error, BadRequest) else 400
    return routes.problem(str(error), status, _service(request))


async def _not_found(request: Request, error: Exception) -> Response:
    return routes.problem(_("There is no such page."), 404, _service(request))


async def _not_allowed(request: Request, error: Exception) -> Response:
    return routes.problem(_("This page cannot be used that way."), 405, _service(request))


async def _bug(request: Request, error: Exception) -> Response:
    failure = failure_of(error)  # e.g. a rule set's dead end under a tampered store: 400
    if failure is not None and failure.status != ExitStatus.ERROR:
        return routes.problem(failure.message, http_status(failure.status), _service(request))
    return routes.problem(
        _("Something went wrong on our side. Please try again, or call the clinic."),
        500,
        _service(request),
    )


class Guarded:
    """Headers on every response, and a `Host:` check, around the application.

    A strict Content-Security-Policy (no script at all, nothing from elsewhere, framing
    only by the origins given), no MIME sniffing, no referrer, no caching of any page
    (pages hold answers), HSTS over HTTPS. A page may set one of them itself: the send
    form sends its referrer to its own origin only, else the browser's POST would carry
    `Origin: null`, and the Origin check could not tell it from another site's.
    """

    def __init__(self, app: Starlette, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        ancestors = " ".join(settings.frame_ancestors) or "'none'"
        self.headers = [
            (
                b"content-security-policy",
                (
                    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                    f"base-uri 'none'; frame-ancestors {ancestors}"
                ).encode(),
            ),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
            (
                b"permissions-policy",
                b"camera=(), microphone=(), geolocation=()",
            ),
        ]
        if not settings.frame_ancestors:
            self.headers.append((b"x-frame-options", b"DENY"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https" or self.settings.https
        cacheable = scope.get("path") == "/static/triage.css"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if not (k.lower() == b"cache-control" and not cacheable)
                ]
                own = {k.lower() for k, _v in headers}
                headers += [(k, v) for k, v in self.headers if k not in own]
                if not cacheable:
                    headers.append((b"cache-control", b"no-store"))
                if https:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message = {**message, "headers": headers}
            await send(message)

        headers = scope.get("headers", [])
        if (
            len(headers) > MAX_HEADERS
            or sum(len(k) + len(v) for k, v in headers) > MAX_HEADER_BYTES
        ):
            i18n.use("en")
            response = routes.problem(_("The request's headers are too large."), 431)
            await response(scope, receive, send_with_headers)
            return
        if not self._host_allowed(scope):
            i18n.use("en")
            response = routes.problem(_("This address is not served here."), 400)
            await response(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

    def _host_allowed(self, scope: Scope) -> bool:
        hosts = [v for k, v in scope.get("headers", []) if k == b"host"]
        if len(hosts) != 1:
            return False
        try:
            host = hosts[0].decode("ascii").lower()
        except UnicodeDecodeError:
            return False
        return host in self.settings.allowed_hosts

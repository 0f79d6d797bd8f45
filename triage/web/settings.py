"""What `triage serve` was asked for, checked once, and handed to every worker.

A worker process is started by uvicorn, not by the command: the settings travel to
it as JSON in one environment variable (no answer ever does), and a worker reads
them back with `from_environ`.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from triage.errors import UsageError
from triage.i18n import _

ENVIRONMENT_KEY = "TRIAGE_WEB_SETTINGS"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to serve the questionnaire; plain values only."""

    state: str  # a private folder (0700) holding the walks in progress, shared by workers
    host: str = "127.0.0.1"
    port: int = 8000
    lang: str = "en"  # when the browser asks for no language the tool speaks
    rules: str | None = None
    site: str | None = None
    public_url: str | None = None
    frame_ancestors: tuple[str, ...] = ()
    allowed_hosts: tuple[str, ...] = field(default=())
    kiosk: int = 0  # seconds without input before a kiosk page returns to the start; 0: no kiosk
    send: bool = True  # "Send to the clinic" offered (off on a kiosk unless the clinic enables it)
    secret_file: str | None = None  # the HMAC secret of the send form's token (else in `state`)
    db: str | None = None  # the screening history sent screenings go to (else TRIAGE_DB...)
    keep_days: int = 30  # days a sent screening and its contact are kept

    def to_environ(self) -> str:
        return json.dumps(asdict(self))

    @property
    def https(self) -> bool:
        return bool(self.public_url and self.public_url.startswith("https://"))

    @property
    def address(self) -> str:
        """The address to open: the public one when given, else the one bound."""
        if self.public_url:
            return self.public_url
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"


def from_environ(environ: Mapping[str, str]) -> Settings:
    data = json.loads(environ[ENVIRONMENT_KEY])
    data["frame_ancestors"] = tuple(data["frame_ancestors"])
    data["allowed_hosts"] = tuple(data["allowed_hosts"])
    return Settings(**data)


def loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def public_url(url: str) -> tuple[str, str]:
    """The public address, checked: http(s), a host, no user, query or fragment.

    Returns it normalised (ending in /) and the host a browser sends in `Host:`.
    """
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.query
        or parts.fragment
        or parts.path not in ("", "/")
    ):
        raise UsageError(
            _(
                "--public-url takes an address such as https://triage.example.org/, got {url}"
            ).format(url=repr(url)[:100])
        )
    host = parts.netloc.lower()
    return f"{parts.scheme}://{host}/", host


def frame_ancestors(value: str | None) -> tuple[str, ...]:
    """The sites allowed to embed the pages, each an https:// origin (none: no embedding)."""
    if not value:
        return ()
    found = []
    for origin in value.replace(",", " ").split():
        parts = urlsplit(origin)
        if (
            parts.scheme != "https"
            or not parts.hostname
            or parts.path not in ("", "/")
            or (parts.query or parts.fragment or parts.username)
        ):
            raise UsageError(
                _("--frame-ancestors takes https:// origins, got {origin}").format(
                    origin=repr(origin)[:100]
                )
            )
        found.append(f"https://{parts.netloc.lower()}")
    return tuple(found)


def allowed_hosts(host: str, port: int, public: str | None) -> tuple[str, ...]:
    """The `Host:` values accepted: the public URL's host, or the loopback names bound.

    Serving on another address without --public-url is refused: a Host check needs
    to know the name the clinic's visitors use.
    """
    if public:
        return (public_url(public)[1],)
    if not loopback(host):
        raise UsageError(
            _(
                "serving on {host} needs --public-url (the address visitors open), "
                "so that requests for other names are refused"
            ).format(host=host)
        )
    return tuple(name for base in LOOPBACK_NAMES for name in (base, f"{base}:{port}"))

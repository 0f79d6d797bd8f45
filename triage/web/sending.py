"""What guards "Send to the clinic": a signed token, the Origin, and a rate per client.

The form's token is an HMAC-SHA256, under a secret every worker shares, of the time it
was made and of the walk it belongs to: a page of another walk, an old page (over 30
minutes) or a forged one is refused. The secret comes from TRIAGE_WEB_SECRET, else
from `--secret-file`, else from a random one the server writes in its private folder
at start-up (then a restart makes the open forms' tokens stale, and nothing more).

The rate limit counts sends per client address in the same SQLite file as the walks,
which every worker opens: it holds across workers, not across servers.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path

from triage.errors import UsageError
from triage.i18n import _
from triage.web.settings import Settings

ENVIRONMENT_SECRET = "TRIAGE_WEB_SECRET"
SECRET_FILE = "secret"
MIN_SECRET = 32  # characters
TOKEN_LIFETIME = 30 * 60  # seconds: as long as a walk
LIMIT = 5  # sends per client...
WINDOW = 15 * 60  # ...in this many seconds


def secret(settings: Settings, environ: Mapping[str, str]) -> bytes:
    """The shared secret: the environment's, the file given, or the server's own."""
    given = environ.get(ENVIRONMENT_SECRET, "")
    if not given and settings.secret_file:
        try:
            given = Path(settings.secret_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as error:
            raise UsageError(
                _("--secret-file {path} cannot be read: {why}").format(
                    path=settings.secret_file, why=getattr(error, "strerror", None) or error
                )
            ) from None
    if given:
        if len(given) < MIN_SECRET:
            raise UsageError(
                _("the send form's secret must be at least {n} characters long").format(
                    n=MIN_SECRET
                )
            )
        return given.encode("utf-8")
    return _own(Path(settings.state) / SECRET_FILE)


def _own(path: Path) -> bytes:
    """The server's own secret, made once (0600) by whichever process comes first."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes()
    made = secrets.token_hex(32).encode("ascii")
    with os.fdopen(fd, "wb") as file:
        file.write(made)
    return made


def _mac(key: bytes, walk: str, made: int) -> str:
    walk_key = hashlib.sha256(walk.encode("utf-8", "replace")).hexdigest()
    return hmac.new(key, f"send|{made}|{walk_key}".encode(), hashlib.sha256).hexdigest()


def token(key: bytes, walk: str, now: float | None = None) -> str:
    made = int(now if now is not None else time.time())
    return f"{made}.{_mac(key, walk, made)}"


def token_valid(key: bytes, walk: str, given: str | None, now: float | None = None) -> bool:
    made_text, _dot, mac = (given or "").partition(".")
    if not made_text.isdigit() or len(made_text) > 12 or len(mac) != 64:
        return False
    made = int(made_text)
    age = (now if now is not None else time.time()) - made
    return 0 <= age <= TOKEN_LIFETIME and hmac.compare_digest(mac, _mac(key, walk, made))


def origins(settings: Settings) -> frozenset[str]:
    """The origins a send may come from: the public URL's, else the loopback names'."""
    if settings.public_url:
        return frozenset({settings.public_url.rstrip("/")})
    return frozenset(f"http://{host}" for host in settings.allowed_hosts)


def origin_allowed(settings: Settings, headers: list[tuple[bytes, bytes]]) -> bool:
    found = [v for k, v in headers if k.lower() == b"origin"]
    if len(found) != 1:
        return False
    try:
        return found[0].decode("ascii").lower() in origins(settings)
    except UnicodeDecodeError:
        return False


def client_key(key: bytes, address: str) -> str:
    """A client's address as the rate limit keeps it: keyed, so the file holds no address."""
    return hmac.new(key, address.encode("utf-8", "replace"), hashlib.sha256).hexdigest()

"""Running the web shell under uvicorn: check everything first, then serve.

The rule set is loaded and verified, the site file read and the addresses checked
before a port is opened, so a rule set that fails verification is refused at
start-up with its exit status, as by every other command.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from triage.i18n import _
from triage.web import settings as checks
from triage.web.settings import ENVIRONMENT_KEY, Settings
from triage.web.walks import Walks


@dataclass(frozen=True)
class Asked:
    """The options as given to `triage serve`."""

    host: str
    port: int
    workers: int
    public_url: str | None
    forwarded_allow_ips: str
    frame_ancestors: str | None
    site: str | None
    rules: str | None
    lang: str
    kiosk: bool = False
    kiosk_timeout: int = 180
    kiosk_send: bool = False
    secret_file: str | None = None
    db: str | None = None
    keep_days: int = 30


def settings_for(asked: Asked, state: str) -> Settings:
    public = checks.public_url(asked.public_url)[0] if asked.public_url else None
    return Settings(
        state=state,
        host=asked.host,
        port=asked.port,
        lang=asked.lang,
        rules=asked.rules,
        site=asked.site,
        public_url=public,
        frame_ancestors=checks.frame_ancestors(asked.frame_ancestors),
        allowed_hosts=checks.allowed_hosts(asked.host, asked.port, public),
        kiosk=asked.kiosk_timeout if asked.kiosk else 0,
        send=asked.kiosk_send or not asked.kiosk,
        secret_file=asked.secret_file,
        db=asked.db,
        keep_days=asked.keep_days,
    )


def run(asked: Asked, environ: Mapping[str, str], say: Callable[[str], object]) -> None:
    """Check, then serve until stopped; the walks in progress are deleted on the way out."""
    import uvicorn

    from triage.web.app import create

    state = tempfile.mkdtemp(prefix="triage-web-")  # 0700: the walks in progress
    # uvicorn stops on SIGTERM, then sends it again to this process: end cleanly (exit 0),
    # through the `finally` below, rather than be killed before it deletes the walks.
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        settings = settings_for(asked, state)
        app = create(settings, dict(environ))  # loads and verifies the rule set, reads the site
        Walks(Path(state)).prepare()
        say(
            _("Serving the questionnaire on {address} (Ctrl-C stops)").format(
                address=settings.address
            )
        )
        if settings.public_url:
            say(_("Listening on {host}:{port}").format(host=asked.host, port=asked.port))
        common: dict[str, Any] = {
            "host": asked.host,
            "port": asked.port,
            "proxy_headers": True,
            "forwarded_allow_ips": asked.forwarded_allow_ips,
            "server_header": False,
            "access_log": False,  # a request line could tell which questions were asked
            "log_level": "warning",
            "limit_concurrency": 1000,
            "timeout_keep_alive": 5,
        }
        if asked.workers == 1:
            uvicorn.run(app, **common)
        else:
            os.environ[ENVIRONMENT_KEY] = settings.to_environ()
            uvicorn.run(
                "triage.web.app:from_environ", factory=True, workers=asked.workers, **common
            )
    finally:
        shutil.rmtree(state, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous)


def _stopped(signum: int, frame: object) -> None:
    raise SystemExit(0)

"""The walks in progress, kept server-side under an unguessable token, for 30 minutes.

The browser holds only the token, in an HttpOnly cookie; the answers stay here, in
a SQLite file inside the server's private folder (0700, the file 0600) that every
worker shares. Only the token's SHA-256 is stored, so the file alone cannot be used
to take over a walk. A walk is deleted on "Start again", and 30 minutes after its
last answer by whichever request comes next (SQLite's `secure_delete` overwrites
what is deleted); the folder is removed when the server stops.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

_connections = threading.local()
LIFETIME = 30 * 60  # seconds after the last answer
PURGE_EVERY = 5.0  # seconds: expired walks are deleted at most this often, by any request
_purged: dict[str, float] = {}
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS walks (key TEXT PRIMARY KEY, expires REAL, data TEXT)",
    "CREATE TABLE IF NOT EXISTS sends (client TEXT, at REAL)",  # the send form's rate limit
)


@dataclass(frozen=True)
class Progress:
    """One person's walk: the language, the answers given, those undone by going back."""

    lang: str
    csrf: str
    given: tuple[tuple[str, object], ...] = ()
    previous: tuple[tuple[str, object], ...] = field(default=())
    sent: str | None = None  # the reference of this walk's screening, once sent to the clinic

    def to_json(self) -> str:
        return json.dumps(
            {
                "lang": self.lang,
                "csrf": self.csrf,
                "given": self.given,
                "previous": self.previous,
                "sent": self.sent,
            }
        )

    @staticmethod
    def from_json(text: str) -> Progress:
        data = json.loads(text)
        return Progress(
            data["lang"],
            data["csrf"],
            tuple((q, v) for q, v in data["given"]),
            tuple((q, v) for q, v in data["previous"]),
            data.get("sent"),
        )

    def with_lang(self, lang: str) -> Progress:
        return replace(self, lang=lang)


def _key(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True)
class Walks:
    """The store: one SQLite file, opened per request (workers are separate processes)."""

    folder: Path

    @property
    def path(self) -> Path:
        return self.folder / "walks.sqlite3"

    def prepare(self) -> None:
        """Create the file, private, before any worker opens it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        with closing(sqlite3.connect(self.path)) as db:
            db.execute("PRAGMA journal_mode=WAL")
            for statement in _SCHEMA:
                db.execute(statement)

    @contextmanager
    def _open(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection to the store, opened once (opening costs more than a
        query). Nothing is synced to disk: a walk is worth nothing after a crash."""
        key = (os.getpid(), str(self.path))
        db = getattr(_connections, "open", {}).get(key)
        if db is None:
            db = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            db.execute("PRAGMA secure_delete=ON")
            db.execute("PRAGMA synchronous=OFF")
            _connections.open = {**getattr(_connections, "open", {}), key: db}
        yield db

    def start(self, lang: str) -> tuple[str, Progress]:
        """A new walk and its token (the only copy of the token is the caller's)."""
        token = secrets.token_urlsafe(32)
        progress = Progress(lang, secrets.token_urlsafe(16))
        self.save(token, progress)
        return token, progress

    def save(self, token: str, progress: Progress) -> None:
        with self._open() as db:
            db.execute(
                "INSERT OR REPLACE INTO walks VALUES (?, ?, ?)",
                (_key(token), time.time() + LIFETIME, progress.to_json()),
            )

    def relabel(self, token: str, progress: Progress) -> None:
        """Change a walk without giving it more time (a language switch is no answer)."""
        with self._open() as db:
            db.execute("UPDATE walks SET data = ? WHERE key = ?", (progress.to_json(), _key(token)))

    def find(self, token: str | None) -> Progress | None:
        """The walk under this token, if it is still there; expired walks go first."""
        if not token or len(token) > 100:
            return None
        now = time.time()
        with self._open() as db:
            if now - _purged.get(str(self.path), 0.0) > PURGE_EVERY:
                db.execute("DELETE FROM walks WHERE expires < ?", (now,))
                _purged[str(self.path)] = now
            row = db.execute(
                "SELECT data, expires FROM walks WHERE key = ?", (_key(token),)
            ).fetchone()
            if row is not None and row[1] < now:
                db.execute("DELETE FROM walks WHERE key = ?", (_key(token),))
                return None
        return None if row is None else Progress.from_json(row[0])

    def forget(self, token: str | None) -> None:
        if token:
            with self._open() as db:
                db.execute("DELETE FROM walks WHERE key = ?", (_key(token),))

    def knock(self, client: str, limit: int, window: float) -> bool:
        """Count one send by `client`; whether it is within `limit` sends in `window` s.

        Every worker counts in this one file, inside one write transaction, so the
        limit holds across workers.
        """
        now = time.time()
        with self._open() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                db.execute("DELETE FROM sends WHERE at < ?", (now - window,))
                (count,) = db.execute(
                    "SELECT count(*) FROM sends WHERE client = ?", (client,)
                ).fetchone()
                if count < limit:
                    db.execute("INSERT INTO sends VALUES (?, ?)", (client, now))
            finally:
                db.execute("COMMIT")
        return bool(count < limit)

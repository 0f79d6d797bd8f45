"""A throwaway PostgreSQL server for the history tests: the real thing, never a mock.

`initdb` into a temporary folder, listening only on a Unix socket in that folder (no
TCP port, nothing reachable from outside), run as the `postgres` user when the tests
run as root (PostgreSQL refuses to run as root), stopped at the end of the session.
Debian's `postgresql` package provides the binaries (`.ci/run` installs it); where
they are absent, the tests that need them are skipped with that reason.

Authentication: every role is trusted on the socket except `secret`, which must give
its password (SCRAM), so the tests can check that a password never leaks.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SECRET_ROLE = "secret"
SECRET_PASSWORD = "Pw-9f1c-tr1age-S3cret"


def binaries() -> Path | None:
    """The folder of `initdb` and `pg_ctl`: on PATH, or where Debian puts them."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


class Server:
    """One PostgreSQL cluster in a temporary folder; `url(db)` addresses a database."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="pg-", dir="/tmp"))  # short: socket path
        self.data = self.folder / "data"
        self.names = itertools.count(1)
        if ROOT:
            shutil.chown(self.folder, "postgres", "postgres")
            os.chmod(self.folder, 0o755)

    def _as_server(self, *argv: str) -> None:
        command = [str(self.bin / argv[0]), *argv[1:]]
        if ROOT:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> Server:
        if not self.data.exists():
            self._as_server(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8",
                "--locale=C",
            )
            hba = f"local all {SECRET_ROLE} scram-sha-256\nlocal all all trust\n"
            (self.data / "pg_hba.conf").write_text(hba)
        settings = (
            f"-k {self.folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=100"
        )
        log = self.folder / "server.log"
        self._as_server(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            settings,
            "-l",
            str(log),
            "-w",
            "-t",
            "60",
            "start",
        )
        self.admin(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
            f"'{SECRET_ROLE}') THEN CREATE ROLE {SECRET_ROLE} LOGIN PASSWORD "
            f"'{SECRET_PASSWORD}'; END IF; END $$"
        )
        return self

    def stop(self) -> None:
        self._as_server("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # stopped already
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, database: str, user: str = "postgres", password: str | None = None) -> str:
        who = f"{user}:{password}" if password else user
        return f"postgresql://{who}@/{database}?host={self.folder}"

    def admin(self, sql: str, database: str = "postgres") -> list[tuple[object, ...]]:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            cursor = conn.execute(sql)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def new_database(self) -> str:
        name = f"history_{os.getpid()}_{next(self.names)}"
        self.admin(f"CREATE DATABASE {name}")
        self.admin(f"GRANT ALL ON SCHEMA public TO {SECRET_ROLE}", database=name)
        return name

"""Where the history is: an SQLite file (a path), or a PostgreSQL database (an address).

`TRIAGE_DB` and `--db` take either. A `postgresql://` address is passed to libpq as it
is, so `sslmode`, `connect_timeout`, `service` and the other libpq settings pass
through; the password never does anywhere else: it is refused inside `--db` (a command
line is visible to the computer's other users) and left out of every name shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from triage.i18n import _

SCHEMES = ("postgresql://", "postgres://")


class AddressError(ValueError):
    """An address that cannot be used as it is written (see `parse`)."""


@dataclass(frozen=True)
class Address:
    """A history's place: `path` for SQLite, or `url` for PostgreSQL (never both)."""

    path: Path | None = None
    url: str | None = None

    @property
    def postgres(self) -> bool:
        return self.url is not None

    def __str__(self) -> str:
        """The name shown to a person: a PostgreSQL address without its password."""
        return without_password(self.url) if self.url is not None else str(self.path)


def is_url(text: str) -> bool:
    return text.lower().startswith(SCHEMES)


def has_password(url: str) -> bool:
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    return parts.password is not None or any(key == "password" for key, _v in query)


def without_password(url: str) -> str:
    """The address with any password (in its user part or its settings) taken out."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            user, at, host = netloc.rpartition("@")
            netloc = user.partition(":")[0] + at + host
        kept = "&".join(
            item for item in parts.query.split("&") if item.partition("=")[0] != "password"
        )
        return urlunsplit((parts.scheme, netloc, parts.path, kept, ""))
    except ValueError:
        return parts_free(url)


def parts_free(url: str) -> str:
    """The scheme alone, for an address too broken to take apart."""
    return url.split("//", 1)[0] + "//..."


def parse(text: str, *, typed: bool) -> Address:
    """A path or a PostgreSQL address; `typed`: it comes from the command line, where a
    password is refused (`AddressError`)."""
    if not is_url(text):
        try:
            return Address(path=Path(text).expanduser())
        except RuntimeError:  # ~user of no known user: the name as written
            return Address(path=Path(text))
    try:
        urlsplit(text).port  # noqa: B018  (a port that is not a number raises here)
    except ValueError as error:
        reason = _("{address} is not a PostgreSQL address: {why}")
        raise AddressError(reason.format(address=parts_free(text), why=error)) from None
    if typed and has_password(text):
        raise AddressError(
            _(
                "a password in --db is visible to every user of this computer: put the "
                "address with its password in TRIAGE_DB, or the password in ~/.pgpass, a "
                "service file or PGPASSWORD"
            )
        )
    return Address(url=text)

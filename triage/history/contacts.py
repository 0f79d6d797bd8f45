"""How to reach a person who sent their screening to the clinic from the web page.

Kept with the screening itself, in its `contact` column (JSON), and deleted with it;
the receptionist marks it handled in its `handled_at` and `handled_by` columns (schema
version 3, see `schema`). Both back-ends store and read it the same way. A contact is
personal data: it is kept only `keep_days` days after it was sent
(`purge_contacts_older_than`), and erased with its screening on request (`purge_id`).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from triage.history.screening import Channel

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U/V: read out on the phone


@dataclass(frozen=True)
class Contact:
    """A name, a phone number or e-mail, and an optional time to call back."""

    name: str
    reach: str
    preferred: str = ""
    channel: Channel = "web"  # as its screening's (only the web page asks for a contact)
    reference: str = ""


def reference() -> str:
    """A short reference the person can quote, e.g. K7PM-3QXA (30^8: about 6.5e11)."""
    letters = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def contact_text(contact: Contact) -> str:
    """The contact as stored in its column."""
    return json.dumps(asdict(contact), sort_keys=True, ensure_ascii=False)


@dataclass(frozen=True)
class Waiting:
    """A screening sent from the web, with its contact, for the receptionist's queue."""

    id: int
    created_at: str
    outcome: str
    reference: str
    name: str
    reach: str
    preferred: str
    handled_at: str | None = None
    handled_by: str | None = None


def waiting_of(row: Sequence[Any]) -> Waiting:
    """A row of `schema.WAITING` as the queue shows it; a contact another program
    changed into nonsense shows as empty fields rather than ending the queue."""
    id_, created_at, outcome, text, handled_at, handled_by = row
    try:
        found = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        found = {}
    if not isinstance(found, dict):
        found = {}

    def field(name: str) -> str:
        value = found.get(name, "")
        return value if isinstance(value, str) else ""

    return Waiting(
        int(id_),
        str(created_at),
        str(outcome),
        field("reference"),
        field("name"),
        field("reach"),
        field("preferred"),
        handled_at,
        handled_by,
    )

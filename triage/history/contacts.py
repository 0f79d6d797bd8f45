"""How to reach a person who sent their screening to the clinic from the web page.

Kept in a table of its own beside the screenings (schema version 3), one row per sent
screening and deleted with it (`ON DELETE CASCADE`), so the screenings themselves do
not change. A contact is personal data: it is kept only `keep_days` days after it was
sent (`purge_expired`), and erased with its screening on request.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from triage.history.failures import reporting
from triage.history.schema import COLUMNS, to_row
from triage.history.screening import Screening, utc_stamp
from triage.history.store import Store

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no 0/O, 1/I/L, U/V: read out on the phone
CHANNELS = ("web",)


@dataclass(frozen=True)
class Contact:
    """A name, a phone number or e-mail, and an optional time to call back."""

    name: str
    reach: str
    preferred: str = ""
    channel: str = "web"


def reference() -> str:
    """A short reference the person can quote, e.g. K7PM-3QXA (30^8: about 6.5e11)."""
    letters = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{letters[:4]}-{letters[4:]}"


def save_sent(store: Store, screening: Screening, contact: Contact, ref: str) -> int:
    """Store a screening and its contact, under `ref`, in one transaction; the new id."""
    with reporting(store.path, "write"), store._write() as conn:
        row = to_row(screening)
        cursor = conn.execute(
            f"INSERT INTO screenings ({COLUMNS.removeprefix('id, ')}) "
            f"VALUES ({', '.join('?' * len(row))})",
            row,
        )
        screening_id = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO contacts (screening_id, reference, channel, name, reach, preferred, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                screening_id,
                ref,
                contact.channel,
                contact.name,
                contact.reach,
                contact.preferred,
                screening.created_at,
            ),
        )
    return screening_id


def purge_expired(store: Store, keep_days: int, now: datetime | None = None) -> int:
    """Delete the sent screenings (and their contacts) older than `keep_days` days."""
    limit = utc_stamp((now or datetime.now(timezone.utc)) - timedelta(days=keep_days))
    with reporting(store.path, "write"), store._write() as conn:
        deleted = conn.execute(
            "DELETE FROM screenings WHERE id IN "
            "(SELECT screening_id FROM contacts WHERE created_at < ?)",
            (limit,),
        ).rowcount
    return int(deleted)

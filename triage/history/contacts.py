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


_WAITING = (
    "SELECT s.id, s.created_at, s.outcome, c.reference, c.name, c.reach, c.preferred, "
    "c.handled_at, c.handled_by FROM screenings s JOIN contacts c ON c.screening_id = s.id"
)


def waiting(store: Store) -> list[Waiting]:
    """The sent screenings nobody has handled yet, newest first."""
    with reporting(store.path, "read"):
        rows = store._conn.execute(
            _WAITING + " WHERE c.handled_at IS NULL ORDER BY s.created_at DESC, s.id DESC"
        ).fetchall()
    return [Waiting(*row) for row in rows]


def count_waiting(store: Store) -> int:
    with reporting(store.path, "read"):
        found = store._conn.execute("SELECT count(*) FROM contacts WHERE handled_at IS NULL")
        return int(found.fetchone()[0])


def _row_id(screening_id: int) -> bool:
    return 0 < screening_id < 2**63  # no SQLite row id is outside this range


def contact_of(store: Store, screening_id: int) -> Waiting | None:
    if not _row_id(screening_id):
        return None
    with reporting(store.path, "read"):
        row = store._conn.execute(_WAITING + " WHERE s.id = ?", (screening_id,)).fetchone()
    return Waiting(*row) if row else None


def mark_done(store: Store, screening_id: int, by: str, now: datetime | None = None) -> bool:
    """Mark a sent screening handled, by whom and when; whether there was one to mark."""
    if not _row_id(screening_id):
        return False
    when = utc_stamp(now or datetime.now(timezone.utc))
    with reporting(store.path, "write"), store._write() as conn:
        changed = conn.execute(
            "UPDATE contacts SET handled_at = ?, handled_by = ? WHERE screening_id = ?",
            (when, by, screening_id),
        ).rowcount
    return bool(changed)


def erase(store: Store, screening_id: int) -> bool:
    """Delete one screening (and its contact, if any) for good; whether it was there."""
    if not _row_id(screening_id):
        return False
    with reporting(store.path, "write"), store._write() as conn:
        deleted = conn.execute("DELETE FROM screenings WHERE id = ?", (screening_id,)).rowcount
    store.copies_left()
    return bool(deleted)

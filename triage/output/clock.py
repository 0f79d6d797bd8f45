"""A moment as a person reads it: the local date and time with the offset from UTC.

The history stores UTC; the note and `history list` show the time of the desk's own
clock, with its offset, so "14:35 +01:00" can never be mistaken for UTC.
"""

from __future__ import annotations

from datetime import datetime


def local_time(moment: datetime) -> str:
    """'2026-12-07 15:35 +01:00': the moment in this computer's time zone (naive: UTC)."""
    if moment.tzinfo is None:
        from datetime import timezone

        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone()
    offset = local.strftime("%z") or "+0000"
    return f"{local:%Y-%m-%d %H:%M} {offset[:3]}:{offset[3:5]}"


def local_time_of(stored: str) -> str:
    """A stored ISO time (UTC) in local time; a text that is not one, as it is."""
    text = stored[:-1] + "+00:00" if stored.endswith("Z") else stored  # Python 3.10 reads no Z
    try:
        return local_time(datetime.fromisoformat(text))
    except ValueError:
        return stored

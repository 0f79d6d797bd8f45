"""The end of a screening, the same in every shell: its booking note, the document as it
is printed and stored, and the screening the history keeps.

A call's document holds its booking note (what `call --format json` prints is what is
stored); a client's is printed as the walk reached it. The note says when (the desk's
local time) and who screened, where the shell knows them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from triage.output.booking_note import booking_note
from triage.output.clock import local_time
from triage.screening.records import screening_of

if TYPE_CHECKING:
    from triage.history.screening import Channel, Screening
    from triage.output.result import ResultDocument


@dataclass(frozen=True)
class Concluded:
    """A finished screening: what is shown, pasted and stored, and where it was taken."""

    document: ResultDocument  # as printed and as stored (a call's with its booking note)
    note: str
    channel: Channel
    caller_ref: str | None
    moment: datetime

    def screening(self) -> Screening:
        """The screening as the history stores it (not yet saved)."""
        return screening_of(self.document, self.channel, self.note, self.caller_ref, self.moment)


def conclude(
    doc: ResultDocument,
    channel: Channel,
    *,
    caller_ref: str | None = None,
    by: str | None = None,
    now: datetime | None = None,
    dated: bool = True,
) -> Concluded:
    """The end of a screening taken on `channel` now (or at `now`).

    `dated`: the note says the local date and time; a web server's clock is not the
    desk's, so the web's note is undated (the history keeps the moment in UTC).
    """
    moment = now or datetime.now(timezone.utc)
    note = booking_note(doc, local_time(moment) if dated else "", caller_ref, by)
    shown = replace(doc, booking_note=note) if doc.audience == "reception" else doc
    return Concluded(shown, note, channel, caller_ref, moment)

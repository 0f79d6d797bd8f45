"""A completed screening as the history stores it, for every shell that saves one.

The history keeps plain values and the result's JSON; it never reads the output's
types, so this is where the result document's fields become a `Screening`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime

    from triage.history.screening import Channel, Screening
    from triage.output.result import ResultDocument


def screening_of(
    doc: ResultDocument,
    channel: Channel,
    note: str,
    caller_ref: str | None = None,
    now: datetime | None = None,
) -> Screening:
    """A new (unsaved) screening of a result: what was answered, concluded and shown, and
    where (`channel`); its audience (the `mode`) is the one the document was worded for."""
    from triage.history.screening import Screening
    from triage.output.result import jsonable

    return Screening.new(
        mode=doc.audience,
        channel=channel,
        outcome=doc.outcome,
        flags=doc.flags,
        cautions=doc.cautions,
        answers=jsonable(doc.answers),
        rules=(doc.rules.id, doc.rules.version, doc.rules.sha256),
        document=doc.to_json(),
        language=doc.language,
        note=note,
        caller_ref=caller_ref,
        now=now,
    )

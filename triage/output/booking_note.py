"""The booking note: a few plain lines a receptionist pastes into the booking system."""

from __future__ import annotations

from triage.i18n import _
from triage.output.formats import pair
from triage.output.result import ResultDocument
from triage.output.typography import typeset


def booking_note(doc: ResultDocument, when: str = "", caller_ref: str | None = None) -> str:
    """A few plain lines to paste into the booking system; they read well on their own."""
    lines = [_("TRIAGE NOTE") + (f" - {when}" if when else "")]
    booking = doc.booking
    if booking and not doc.flags:
        lines.append(
            _("Book: {appointment} ({minutes} min)").format(
                appointment=booking.appointment, minutes=booking.minutes
            )
        )
    else:
        lines.append(_("Book: no massage for now"))
    lines.append(_("Recommendation: {title}").format(title=doc.title))
    if doc.flags:
        labels = ", ".join(f.label for f in doc.flag_details)
        lines.append(_("RED FLAG: {flags}").format(flags=labels))
    lines.append(_("Reasons: {reasons}").format(reasons=" / ".join(doc.reasons)))
    for item in doc.note_answers:
        lines.append(pair(item.name[:1].upper() + item.name[1:], item.answer))
    cautions = ", ".join(c.title for c in doc.caution_details) or _("none")
    lines.append(_("Cautions: {cautions}").format(cautions=cautions))
    lines.append(_("Advice given: {advice}").format(advice=doc.advice))
    if caller_ref:
        lines.append(_("Caller ref: {ref}").format(ref=caller_ref))
    rules = doc.rules
    lines.append(
        _("Rules: {id} {version} (sha256 {sha})").format(
            id=rules.id, version=rules.version, sha=rules.sha256[:12]
        )
    )
    if doc.unverified:
        lines.append(_("WARNING: this rule set failed verification"))
    return typeset("\n".join(lines), doc.language) + "\n"

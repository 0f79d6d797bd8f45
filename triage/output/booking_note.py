"""The booking note: a few plain lines a receptionist pastes into the booking system.

Compact on purpose (about 600 characters for a typical therapeutic booking): when and
by whom, what to book, the recommendation, why in a few words (the answers behind the
reasons, on one line, rather than each reason's sentence), the cautions and the details
typed for the therapist, and what was screened and answered "none". What a therapist
does not need (the rule set's sha256, the script's version) stays in the history and the
JSON, not in the paste.
"""

from __future__ import annotations

from triage.i18n import _
from triage.output.result import ResultDocument
from triage.output.typography import pair, typeset


def booking_note(
    doc: ResultDocument, when: str = "", caller_ref: str | None = None, by: str | None = None
) -> str:
    """A few plain lines to paste into the booking system; they read well on their own
    (the in-doubt marker included, when the rule set's in-doubt decision applied).
    `when` is the local date and time, `by` who screened."""
    lines = [_("TRIAGE NOTE") + (f" - {when}" if when else "")]
    if by:
        lines.append(_("Screened by: {name}").format(name=by))  # made safe where typed
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
    if doc.in_doubt:
        lines.append(_("IN DOUBT: the assessment decides"))
    if doc.flags:
        labels = ", ".join(f.label for f in doc.flag_details)
        lines.append(_("RED FLAG: {flags}").format(flags=labels))
    why = _why(doc)
    if why:
        lines.append(_("Why: {answers}").format(answers=why))
    for item in doc.note_answers:
        if all(d.question != item.question for d in doc.details):
            lines.append(pair(_capital(item.name), item.answer))
    cautions = ", ".join(c.title for c in doc.caution_details) or _("none")
    lines.append(_("Cautions: {cautions}").format(cautions=cautions))
    lines.extend(pair(_capital(d.name), d.answer) for d in doc.details)
    if doc.screened_none:
        names = ", ".join(item.name for item in doc.screened_none)
        lines.append(_("Asked, answered none: {questions}").format(questions=names))
    if caller_ref:
        lines.append(_("Caller ref: {ref}").format(ref=caller_ref))  # made safe where typed
    if doc.unverified:
        lines.append(_("WARNING: this rule set failed verification"))
    return typeset("\n".join(lines), doc.language) + "\n"


def _why(doc: ResultDocument) -> str:
    """The answers behind the reasons, each once, on one line: "Same spot (yes); ...".

    Answers the note shows on their own line anyway (the note's answers, the red-flag
    questions under RED FLAG) are not repeated.
    """
    shown = {item.question for item in doc.note_answers}
    if doc.flags:
        shown |= {flag.question for flag in doc.flag_details}
    seen: dict[str, str] = {}
    for item in doc.trace:
        for answer in item.named_answers:
            if answer.question not in shown and answer.question not in seen:
                # TRANSLATORS: one answer behind a reason on the booking note: "Same spot (yes)".
                seen[answer.question] = _("{name} ({answer})").format(
                    name=answer.name, answer=answer.answer
                )
    return "; ".join(seen.values())


def _capital(name: str) -> str:
    return name[:1].upper() + name[1:]

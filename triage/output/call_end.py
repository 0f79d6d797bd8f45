"""The end of a call, laid out for the receptionist: what to say, what to do, the note.

**Say to the caller** (the words read aloud, in the second person, and the safety-net
in one line) comes first; then **To do** (the outcome's urgency in words, book or do
not, the outcome's steps, each caution's instruction), kept apart so an instruction is
never read aloud by mistake and the receptionist's verdict stays in view; then the
booking note, which ends the output. Say and To do wrap at word boundaries to the
terminal's width; the note is printed exactly as it is pasted (never wrapped, never
indented), so a line copied from the screen is the line in the history.
"""

from __future__ import annotations

from typing import Literal

from triage.i18n import _
from triage.output.result import ResultDocument
from triage.output.typography import pair, typeset
from triage.output.wrapping import wrap as wrap_words

Style = Literal["", "heading", "alarm"]


def call_lines(
    doc: ResultDocument, note: str, width: int | None, saved: str = ""
) -> list[tuple[str, Style]]:
    """Each line of the end of a call, with how it may be styled (the words carry the
    meaning: an urgency is said in words, colour only helps). Texts are set in the
    language's typography before they are wrapped, so no line starts with a lone mark.
    `saved` (e.g. "Saved as screening 42.") comes just before the note."""

    def wrap(
        text: str, width: int | None, indent: str = "", hanging: str | None = None
    ) -> list[str]:
        return wrap_words(typeset(text, doc.language), width, indent, hanging)

    out: list[tuple[str, Style]] = [("", "")]
    out += [(line, "heading") for line in wrap(_("Say to the caller:"), width)]
    out += [(line, "") for line in wrap(doc.say, width)]
    if doc.contacts:  # where to call, said with the rest
        where = pair(_("Where to call"), " / ".join(c.text for c in doc.contacts))
        out += [(line, "") for line in wrap(where, width, "", "  ")]
    safety = pair(_("Safety-net (say it too)"), doc.verdict.safety_net)
    out += [(line, "") for line in wrap(safety, width, "", "  ")]
    out.append(("", ""))
    urgency: Style = "alarm" if doc.flags else "heading"
    heading = _("To do - {headline}").format(headline=doc.verdict.headline)
    out += [(line, urgency) for line in wrap(heading, width, "", "  ")]
    if doc.flags:
        labels = ", ".join(f.label for f in doc.flag_details)
        out += [(line, "alarm") for line in wrap(pair(_("Signs"), labels), width, "- ", "  ")]
    for step in doc.to_do:
        out += [(line, "") for line in wrap(step, width, "- ", "  ")]
    out.append(("", ""))
    if saved:
        out += [(line, "heading") for line in wrap(saved, width)]
    out += [(line, "") for line in note.rstrip("\n").split("\n")]  # as pasted: never wrapped
    return out


def to_markdown(doc: ResultDocument, note: str) -> str:
    """The end of a call as Markdown: Say, then To do, then the note as a text block."""
    lines = ["", "## " + _("Say to the caller"), "", doc.say, ""]
    lines += ["**" + _("Safety-net (say it too):") + "** " + doc.verdict.safety_net, ""]
    lines += ["## " + _("To do - {headline}").format(headline=doc.verdict.headline), ""]
    lines += [f"- {step}" for step in doc.to_do]
    lines += ["", "```text", note.rstrip("\n")]
    return "\n".join(lines) + "\n```\n"

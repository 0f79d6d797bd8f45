"""The end of a call, laid out for the receptionist: what to do, what to say, the note.

**To do** (book, or do not; the outcome's steps; each caution's instruction) is kept
apart from **Say** (the words read to the caller, in the second person, and the
safety-net: what to do if things get worse), so the receptionist never reads an
instruction aloud by mistake. Then the booking note, plain, to paste. Every line is
wrapped at word boundaries to the terminal's width; the note's own lines are kept
whole when they fit.
"""

from __future__ import annotations

from typing import Literal

from triage.i18n import _
from triage.output.result import ResultDocument
from triage.output.typography import pair, typeset
from triage.output.wrapping import wrap as wrap_words

Style = Literal["", "heading", "alarm"]


def call_lines(doc: ResultDocument, note: str, width: int | None) -> list[tuple[str, Style]]:
    """Each line of the end of a call, with how it may be styled (the words carry the
    meaning: a red flag is said in words, colour only helps). Texts are set in the
    language's typography before they are wrapped, so no line starts with a lone mark."""

    def wrap(
        text: str, width: int | None, indent: str = "", hanging: str | None = None
    ) -> list[str]:
        return wrap_words(typeset(text, doc.language), width, indent, hanging)

    out: list[tuple[str, Style]] = [("", "")]
    if doc.flags:
        labels = ", ".join(f.label for f in doc.flag_details)
        alarm = pair(_("RED FLAG - medical advice first"), labels)
        out += [(line, "alarm") for line in wrap(alarm, width, "", "  ")]
        out.append(("", ""))
    out += [(line, "heading") for line in wrap(_("To do:"), width)]
    for step in doc.to_do:
        out += [(line, "") for line in wrap(step, width, "- ", "  ")]
    out.append(("", ""))
    out += [(line, "heading") for line in wrap(_("Say to the caller:"), width)]
    out += [(line, "") for line in wrap(doc.say, width)]
    if doc.contacts:  # where to call, said with the rest
        where = pair(_("Where to call"), " / ".join(c.text for c in doc.contacts))
        out += [(line, "") for line in wrap(where, width, "", "  ")]
    out += [(line, "heading") for line in wrap(_("Safety-net (say it too):"), width)]
    out += [(line, "") for line in wrap(doc.safety_net, width)]
    out.append(("", ""))
    out += [(line, "") for line in wrap(note.rstrip("\n"), width, "", "  ")]
    return out


def to_markdown(doc: ResultDocument, note: str) -> str:
    """The end of a call as Markdown: the two parts as sections, the note as a text block."""
    lines = ["", "## " + _("To do"), ""]
    lines += [f"- {step}" for step in doc.to_do]
    lines += ["", "## " + _("Say to the caller"), "", doc.say, ""]
    lines += ["**" + _("Safety-net (say it too):") + "**", "", doc.safety_net, ""]
    lines += ["```text", note.rstrip("\n")]
    return "\n".join(lines) + "\n```\n"

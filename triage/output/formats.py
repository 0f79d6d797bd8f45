"""The result document laid out for people and programs: JSON, plain text, Markdown, a panel.

Every format reads the same sections in the same order, so none can say something
the others do not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from triage.i18n import _
from triage.output.result import ResultDocument
from triage.output.typography import degrade, pair, typeset
from triage.output.verdict import rule, verdict_texts
from triage.output.wrapping import wrap

if TYPE_CHECKING:
    from rich.console import RenderableType


def to_json(doc: ResultDocument) -> str:
    """The document as JSON text (the keys and types of docs/result.schema.json)."""
    return json.dumps(doc.to_json(), indent=2, ensure_ascii=False)


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[str]
    listed: bool = False  # shown as a bulleted list
    alarm: bool = False  # a red flag: said in words, and in red where colour exists


def sections(doc: ResultDocument) -> list[Section]:
    """The result's sections, in reading order, set in the language's typography."""
    return [
        Section(_set(doc, s.heading), [_set(doc, line) for line in s.lines], s.listed, s.alarm)
        for s in _sections(doc)
    ]


def _set(doc: ResultDocument, text: str) -> str:
    """A text as the reader sees it: the typography of the document's language."""
    return typeset(text, doc.language)


def _sections(doc: ResultDocument) -> list[Section]:
    found: list[Section] = []
    if doc.unverified:
        heading = _("WARNING - this rule set failed verification; do not rely on this result")
        found.append(Section(heading, list(doc.unverified), True, True))
    if doc.flags:
        # Said in words; the urgency itself is the verdict's, at the end.
        labels = [f.label for f in doc.flag_details]
        found.append(Section(_("WARNING SIGNS"), labels, True, True))
    if doc.ignored_flags:
        heading = _(
            "WARNING - answers not used, to questions not asked, would raise a red flag: "
            "check them before any massage"
        )
        found.append(Section(heading, [f.label for f in doc.ignored_flags], True, True))
    why = []
    for item in doc.trace:
        # Questions by their short names, as a person knows them, never by their ids.
        answers = "; ".join(pair(a.name, a.answer) for a in item.named_answers)
        reason = item.reason
        why.append(
            _("{reason} (answers: {answers})").format(reason=reason, answers=answers)
            if answers
            else reason
        )
    found.append(Section(_("Why"), why, True))
    found.append(Section(_("What to do"), [doc.advice]))
    if doc.contacts:
        found.append(Section(_("Where to call"), [c.text for c in doc.contacts], True))
    if any(c.advice for c in doc.caution_details):
        cautions = [pair(c.title, c.advice) for c in doc.caution_details]
        found.append(Section(_("Cautions for the therapist"), cautions, True))
    elif doc.caution_details:  # no massage now: the cautions, with no advice about one
        found.append(Section(_("Cautions noted"), [c.title for c in doc.caution_details], True))
    if doc.details:
        details = [pair(d.name, d.answer) for d in doc.details]
        found.append(Section(_("Details for the therapist"), details, True))
    found.append(Section(_("If things get worse"), [doc.if_worse]))
    return found


def _footer(doc: ResultDocument) -> str:
    text = _("Rule set {id} {version}.").format(id=doc.rules.id, version=doc.rules.version)
    said = _("This tool does not diagnose: in doubt, a health professional decides.")
    return _set(doc, text + " " + said)


def _title(doc: ResultDocument) -> str:
    return _set(doc, _("Recommendation: {title}").format(title=doc.title))


def to_plain(doc: ResultDocument, width: int | None = None) -> str:
    """Plain text: no colour, no boxes; reads well in a log and through a screen reader.

    With a `width` (a terminal's), every line is wrapped at word boundaries to fit it.
    """
    title = _title(doc)
    lines = [*wrap(title, width), "=" * min(len(title), 60, width or 60)]
    for section in sections(doc):
        lines.append("")
        lines.extend(wrap(_set(doc, _("{heading}:").format(heading=section.heading)), width))
        for line in section.lines:
            if section.listed:
                lines.extend(wrap(line, width, "- ", "  "))
            else:
                lines.extend(wrap(line, width))
    lines.append("")
    lines.extend(wrap(_footer(doc), width))
    lines.extend(["", rule(doc)])
    for text in verdict_texts(doc):
        lines.extend(wrap(text, width))
    return "\n".join(lines) + "\n"


def to_markdown(doc: ResultDocument) -> str:
    lines = ["# " + _title(doc)]
    for section in sections(doc):
        lines.extend(["", f"## {section.heading}", ""])
        lines.extend(("- " if section.listed else "") + line for line in section.lines)
    lines.append("")
    lines.append(f"*{_footer(doc)}*")
    lines.extend(["", "---", ""])
    texts = verdict_texts(doc)
    lines.append(f"**{texts[0]}**  ")
    lines.extend(f"{text}  " for text in texts[1:])
    return "\n".join(lines).rstrip() + "\n"


def to_rich(
    doc: ResultDocument, ascii_only: bool = False, width: int | None = None
) -> RenderableType:
    """A Rich panel for a colour terminal; the words carry the meaning, colour only helps.

    Given the console's `width`, lines are broken here, at spaces only: Rich would also
    break at a no-break space, and start a French line with a lone ":" or "?".
    """
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    alarm = bool(doc.flags)
    colour = "red" if alarm else "green"
    inside = width - 6 if width else None  # the borders and the padding of the panel

    def shown(text: str, indent: str = "") -> str:
        return _broken(degrade(text) if ascii_only else text, inside, indent)

    # The title is also the panel's first line: a border title is cut on a narrow terminal.
    heading = shown(_title(doc))
    parts: list[RenderableType] = [Text(heading, style=f"bold {colour}"), Text("")]
    for section in sections(doc):
        parts.append(Text(shown(section.heading), style="bold red" if section.alarm else "bold"))
        bullet = ("- " if ascii_only else "• ") if section.listed else ""
        parts.extend(Text(shown(bullet + line, " " * len(bullet))) for line in section.lines)
        parts.append(Text(""))
    parts.append(Text(shown(_footer(doc)), style="dim"))
    # Rich itself draws the box in ASCII when the terminal's encoding needs it.
    panel = Panel(Group(*parts), border_style=colour, padding=(1, 2), safe_box=True)
    # The verdict after the panel, unboxed and whole at the bottom of the screen.
    texts = verdict_texts(doc)
    block: list[RenderableType] = [Text(""), Text(rule(doc, ascii_only), style=colour)]
    block.append(Text(_broken(texts[0], width, ""), style=f"bold {colour}"))
    block.extend(Text(_broken(text, width, "")) for text in texts[1:])
    return Group(panel, *block)


def _broken(text: str, width: int | None, indent: str) -> str:
    """The text in lines of at most `width`, broken at plain spaces only (never inside a
    word, at a hyphen or at a no-break space); a longer word stays whole on its line."""
    if not width or width < 10:
        return text
    return "\n".join(
        "\n".join(wrap(line, width, "", indent) or [line]) for line in text.split("\n")
    )

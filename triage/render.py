"""Turning a `Result` into what people and programs read: a document, text, Markdown, JSON.

`document` is the single source of every format: the text and Markdown renderings
only lay out what it holds, so no format can say something the others do not.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from triage import __version__
from triage.answers import display
from triage.engine import Result
from triage.i18n import _
from triage.model import Audience, RuleSet

if TYPE_CHECKING:
    from rich.console import RenderableType

    from triage.shell import Loaded


def document(
    result: Result, loaded: Loaded, lang: str = "en", audience: Audience = "client"
) -> dict[str, Any]:
    """The result as plain data: ids stay language-neutral, texts are in `lang`."""
    rules = loaded.rules

    scores = {score.id: score for score in rules.scores}

    def words(key: str, value: Any) -> str:
        if key.startswith("score:"):  # a score's total, from a decision that compares it
            return f"{value:g}"
        return display(rules.question(key), value, lang)

    def answer_words(pairs: tuple[tuple[str, Any], ...]) -> dict[str, str]:
        return {_name(key): words(key, v) for key, v in pairs}

    def _name(key: str) -> str:
        score = scores.get(key.removeprefix("score:"))
        return score.title.get(lang, audience) if key.startswith("score:") and score else key

    outcome = result.outcome
    return {
        "outcome": outcome.id,
        "title": outcome.title.get(lang, audience),
        "severity": outcome.severity,
        "advice": outcome.advice.get(lang, audience),
        "if_worse": outcome.if_worse.get(lang, audience),
        "reasons": [fired.reason.get(lang, audience) for fired in result.reasons],
        "trace": [
            {
                "reason": fired.reason.get(lang, audience),
                "answers": {q: _jsonable(v) for q, v in fired.evidence if ":" not in q},
                "scores": {
                    q.removeprefix("score:"): v for q, v in fired.evidence if q.startswith("score:")
                },
                "answers_in_words": answer_words(fired.evidence),
            }
            for fired in result.reasons
        ],
        "overruled": list(result.overruled),
        "flags": [flag.id for flag in result.flags],
        "flag_details": [
            {
                "id": f.id,
                "question": f.question,
                "at_least": f.outcome,
                "label": _flag_label(rules, f.question, f.id, lang, audience),
            }
            for f in result.flags
        ],
        "cautions": [caution.id for caution, _fired in result.cautions],
        "caution_details": [
            {
                "id": caution.id,
                "title": caution.title.get(lang, audience),
                "advice": caution.advice.get(lang, audience),
            }
            for caution, _fired in result.cautions
        ],
        "answers": {q: _jsonable(v) for q, v in result.answers},
        "answers_in_words": answer_words(result.answers),
        "scores": dict(result.scores),
        "ignored_answers": list(result.ignored),
        "booking": {
            "appointment": outcome.booking.appointment.get(lang, audience),
            "minutes": outcome.booking.minutes,
        }
        if outcome.booking
        else None,
        "note_answers": [
            {
                "question": q,
                "name": rules.question(q).name(lang),
                "answer": display(rules.question(q), dict(result.answers)[q], lang),
            }
            for q in rules.note.answers
            if q in dict(result.answers)
        ],
        "language": lang,
        "audience": audience,
        "rules": {"id": rules.id, "version": rules.version, "sha256": loaded.sha256},
        "unverified": list(loaded.violations),
        "tool": {"name": "massage-triage", "version": __version__},
    }


def _flag_label(rules: RuleSet, question_id: str, key: str, lang: str, audience: Audience) -> str:
    question = rules.question(question_id)
    for choice in getattr(question, "choices", ()):
        if choice.key == key:
            return str(choice.label.get(lang, audience))
    return question.text.get(lang, audience)


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False)


@dataclass(frozen=True)
class Section:
    heading: str
    lines: list[str]
    listed: bool = False  # shown as a bulleted list
    alarm: bool = False  # a red flag: said in words, and in red where colour exists


def sections(doc: dict[str, Any]) -> list[Section]:
    """The result's sections, in reading order."""
    found: list[Section] = []
    if doc["unverified"]:
        heading = _("WARNING - this rule set failed verification; do not rely on this result")
        found.append(Section(heading, doc["unverified"], True, True))
    if doc["flags"]:
        labels = [f["label"] for f in doc["flag_details"]]
        found.append(Section(_("RED FLAG - medical advice first"), labels, True, True))
    why = []
    for item in doc["trace"]:
        answers = "; ".join(_pair(q, v) for q, v in item["answers_in_words"].items())
        reason = item["reason"]
        why.append(
            _("{reason} (answers: {answers})").format(reason=reason, answers=answers)
            if answers
            else reason
        )
    found.append(Section(_("Why"), why, True))
    found.append(Section(_("What to do"), [doc["advice"]]))
    if doc["caution_details"]:
        cautions = [_pair(c["title"], c["advice"]) for c in doc["caution_details"]]
        found.append(Section(_("Cautions for the therapist"), cautions, True))
    found.append(Section(_("If things get worse"), [doc["if_worse"]]))
    return found


def _pair(label: str, text: str) -> str:
    """'label: text', with the language's spacing around the colon."""
    # TRANSLATORS: a label and its text; French puts a space before the colon.
    return _("{label}: {text}").format(label=label, text=text)


def _footer(doc: dict[str, Any]) -> str:
    rules = doc["rules"]
    text = _("Rule set {id} {version}.").format(id=rules["id"], version=rules["version"])
    return text + " " + _("This tool does not diagnose: in doubt, a health professional decides.")


def booking_note(doc: dict[str, Any], when: str = "", caller_ref: str | None = None) -> str:
    """A few plain lines to paste into the booking system; they read well on their own."""
    lines = [_("TRIAGE NOTE") + (f" - {when}" if when else "")]
    booking = doc["booking"]
    if booking and not doc["flags"]:
        lines.append(
            _("Book: {appointment} ({minutes} min)").format(
                appointment=booking["appointment"], minutes=booking["minutes"]
            )
        )
    else:
        lines.append(_("Book: no massage for now"))
    lines.append(_("Recommendation: {title}").format(title=doc["title"]))
    if doc["flags"]:
        labels = ", ".join(f["label"] for f in doc["flag_details"])
        lines.append(_("RED FLAG: {flags}").format(flags=labels))
    lines.append(_("Reasons: {reasons}").format(reasons=" / ".join(doc["reasons"])))
    for item in doc["note_answers"]:
        lines.append(_pair(item["name"][:1].upper() + item["name"][1:], item["answer"]))
    cautions = ", ".join(c["title"] for c in doc["caution_details"]) or _("none")
    lines.append(_("Cautions: {cautions}").format(cautions=cautions))
    lines.append(_("Advice given: {advice}").format(advice=doc["advice"]))
    if caller_ref:
        lines.append(_("Caller ref: {ref}").format(ref=caller_ref))
    rules = doc["rules"]
    lines.append(
        _("Rules: {id} {version} (sha256 {sha})").format(
            id=rules["id"], version=rules["version"], sha=rules["sha256"][:12]
        )
    )
    if doc["unverified"]:
        lines.append(_("WARNING: this rule set failed verification"))
    return "\n".join(lines) + "\n"


def to_plain(doc: dict[str, Any]) -> str:
    """Plain text: no colour, no boxes; reads well in a log and through a screen reader."""
    title = _("Recommendation: {title}").format(title=doc["title"])
    lines = [title, "=" * min(len(title), 60)]
    for section in sections(doc):
        lines.append("")
        lines.append(_("{heading}:").format(heading=section.heading))
        lines.extend(("- " if section.listed else "") + line for line in section.lines)
    lines.append("")
    lines.append(_footer(doc))
    return "\n".join(lines) + "\n"


def to_markdown(doc: dict[str, Any]) -> str:
    lines = ["# " + _("Recommendation: {title}").format(title=doc["title"])]
    for section in sections(doc):
        lines.extend(["", f"## {section.heading}", ""])
        lines.extend(("- " if section.listed else "") + line for line in section.lines)
    lines.append("")
    lines.append(f"*{_footer(doc)}*")
    return "\n".join(lines) + "\n"


def to_rich(doc: dict[str, Any], ascii_only: bool = False) -> RenderableType:
    """A Rich panel for a colour terminal; the words carry the meaning, colour only helps."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    alarm = bool(doc["flags"])
    colour = "red" if alarm else "green"
    # The title is also the panel's first line: a border title is cut on a narrow terminal.
    heading = _("Recommendation: {title}").format(title=doc["title"])
    parts: list[RenderableType] = [Text(heading, style=f"bold {colour}"), Text("")]
    for section in sections(doc):
        parts.append(Text(section.heading, style="bold red" if section.alarm else "bold"))
        bullet = ("- " if ascii_only else "• ") if section.listed else ""
        parts.extend(Text(bullet + line) for line in section.lines)
        parts.append(Text(""))
    parts.append(Text(_footer(doc), style="dim"))
    # Rich itself draws the box in ASCII when the terminal's encoding needs it.
    return Panel(Group(*parts), border_style=colour, padding=(1, 2), safe_box=True)

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

    def answer_words(pairs: tuple[tuple[str, Any], ...]) -> dict[str, str]:
        return {q: display(rules.question(q), v, lang) for q, v in pairs}

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
                "answers": {q: _jsonable(v) for q, v in fired.evidence},
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
        "ignored_answers": list(result.ignored),
        "language": lang,
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
        answers = "; ".join(f"{q}: {v}" for q, v in item["answers_in_words"].items())
        why.append(item["reason"] + (f" ({_('answers')}: {answers})" if answers else ""))
    found.append(Section(_("Why"), why, True))
    found.append(Section(_("What to do"), [doc["advice"]]))
    if doc["caution_details"]:
        cautions = [f"{c['title']}: {c['advice']}" for c in doc["caution_details"]]
        found.append(Section(_("Cautions for the therapist"), cautions, True))
    found.append(Section(_("If things get worse"), [doc["if_worse"]]))
    return found


def _footer(doc: dict[str, Any]) -> str:
    rules = doc["rules"]
    text = _("Rule set {id} {version}.").format(id=rules["id"], version=rules["version"])
    return text + " " + _("This tool does not diagnose: in doubt, a health professional decides.")


def to_plain(doc: dict[str, Any]) -> str:
    """Plain text: no colour, no boxes; reads well in a log and through a screen reader."""
    title = _("Recommendation: {title}").format(title=doc["title"])
    lines = [title, "=" * min(len(title), 60)]
    for section in sections(doc):
        lines.append("")
        lines.append(f"{section.heading}:")
        lines.extend(("- " if section.listed else "") + line for line in section.lines)
    lines.append("")
    lines.append(_footer(doc))
    return "\n".join(lines) + "\n"


def to_markdown(doc: dict[str, Any]) -> str:
    lines = [f"# {_('Recommendation: {title}').format(title=doc['title'])}"]
    for section in sections(doc):
        lines.extend(["", f"## {section.heading}", ""])
        lines.extend(("- " if section.listed else "") + line for line in section.lines)
    lines.append("")
    lines.append(f"*{_footer(doc)}*")
    return "\n".join(lines) + "\n"


def to_rich(doc: dict[str, Any]) -> RenderableType:
    """A Rich panel for a colour terminal; the words carry the meaning, colour only helps."""
    from rich.console import Group
    from rich.markup import escape
    from rich.panel import Panel
    from rich.text import Text

    alarm = bool(doc["flags"])
    colour = "red" if alarm else "green"
    parts: list[RenderableType] = []
    for section in sections(doc):
        parts.append(Text(section.heading, style="bold red" if section.alarm else "bold"))
        parts.extend(Text(("• " if section.listed else "") + line) for line in section.lines)
        parts.append(Text(""))
    parts.append(Text(_footer(doc), style="dim"))
    title = _("Recommendation: {title}").format(title=escape(doc["title"]))
    return Panel(
        Group(*parts), title=f"[bold {colour}]{title}[/]", border_style=colour, padding=(1, 2)
    )

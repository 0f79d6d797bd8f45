"""An answers document (`assess --answers FILE`): a bare mapping, or a saved result.

A document means one thing. Either it is a mapping of question ids to answers, or it
is a saved JSON result (it has `result_version`, or `answers:` alone), whose answers
are under `answers:` and whose other keys are a result's; never both, so an answer
written beside `answers:` (`red_flags: fever`) is refused at its place, not dropped.
A saved result also recorded what it concluded: `disagreement` says when its answers
now give another outcome or other flags under the very same rule set (same sha256).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from triage.deciding.numerals import refuse_misspelt
from triage.errors import AnswerError
from triage.i18n import _
from triage.output.result import ResultDocument, SavedResult
from triage.rulesets.files import Source
from triage.rulesets.parse import Located, parse_document

RESULT_KEYS = frozenset(item.name for item in fields(ResultDocument))
# The JSON type of each key a result always holds, from its annotation: a key beside
# `answers:` that does not hold it (`cautions: pregnancy`) is an answer, not a result's.
_SHAPES: dict[str, type | tuple[type, ...]] = {"tuple": list, "str": str, "Mapping": dict}
SHAPE = {
    item.name: _SHAPES[str(item.type).split("[", 1)[0]]
    for item in fields(ResultDocument)
    if str(item.type).split("[", 1)[0] in _SHAPES
}


@dataclass(frozen=True)
class Recorded:
    """What a saved result says it concluded, and under which rule text."""

    outcome: object
    flags: object
    sha256: object


@dataclass(frozen=True)
class AnswersDocument:
    answers: dict[str, Any]
    recorded: Recorded | None = None  # a saved result's own conclusion


def read_answers(text: str, name: str) -> AnswersDocument:
    """The answers of a document, or `AnswerError` locating what makes it ambiguous."""
    located, problems = parse_document(Source(name, text))
    if problems:
        first = problems[0]
        raise AnswerError(f"{first.where()}: {first.message}")
    data = {} if located.data is None else located.data
    if not _mapping(data):
        raise AnswerError(
            _("{name}: answers must be a mapping of question ids to values").format(name=name)
        )
    if "result_version" not in data and not _mapping(data.get("answers")):
        refuse_misspelt(located, ())
        return AnswersDocument(data)
    return _saved(located, data, name)


def _mapping(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(key, str) for key in value)


def _saved(located: Located, data: dict[str, Any], name: str) -> AnswersDocument:
    """A saved result: its answers, checked to be the only ones, and what it recorded."""
    if not _mapping(data.get("answers")):
        file, line, column = located.where.get(("answers",), located.where.get((), (name, 0, 0)))
        raise AnswerError(
            _(
                "{file}:{line}:{column}: a saved result holds its answers as a mapping under "
                "'answers:'"
            ).format(file=file, line=line, column=column)
        )
    # Without `result_version`, only `answers:` itself (a result trimmed to its answers).
    allowed = RESULT_KEYS if "result_version" in data else {"answers"}
    for key, value in data.items():
        if key not in allowed or not isinstance(value, SHAPE.get(key, object)):
            file, line, column = located.where.get((key,), (name, 0, 0))
            raise AnswerError(
                _(
                    "{file}:{line}:{column}: {key!r} beside a saved result: a document is "
                    "either answers or a saved result (its answers under 'answers:'), not "
                    "both; put the answer under 'answers:', or remove it"
                ).format(file=file, line=line, column=column, key=key[:60])
            )
    refuse_misspelt(located, ("answers",))
    answers = data["answers"]  # the same mapping, its numbers now as written
    rules = data.get("rules")
    sha256 = rules.get("sha256") if isinstance(rules, dict) else None
    return AnswersDocument(answers, Recorded(data.get("outcome"), data.get("flags"), sha256))


def disagreement(recorded: Recorded | None, doc: ResultDocument) -> SavedResult | None:
    """What a saved result recorded, when its answers now give another outcome or other
    flags under the same rule text; None when it agrees, or was made by other rules."""
    if recorded is None or recorded.sha256 != doc.rules.sha256:
        return None
    flags = recorded.flags if isinstance(recorded.flags, list) else None
    same_flags = flags is not None and [str(f) for f in flags] == list(doc.flags)
    if recorded.outcome == doc.outcome and same_flags:
        return None
    return SavedResult(
        outcome=str(recorded.outcome)[:60],
        flags=tuple(str(f)[:60] for f in flags or ()),
    )

"""Rule-set YAML into plain data that remembers where every value came from.

Pure: it takes the texts and their names, never opens a file (see `files`). YAML is
built from the safe parser's events within limits (see `compose`), so each value keeps
the line and column it came from; pydantic errors and the cross-reference checks are
then reported at the file, line and column of the offending key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from triage.errors import Problem
from triage.i18n import _
from triage.rulesets.compose import build_numbers
from triage.rulesets.files import Source

Path_ = tuple[str | int, ...]
LIST_KEYS = ("questions", "scores", "outcomes", "decisions", "cautions")


@dataclass
class Located:
    """Plain data from YAML, with the (file, line, column) of every path inside it."""

    data: Any
    where: dict[Path_, tuple[str, int, int]] = field(default_factory=dict)
    # Every number's text as written, and where: `010` is 8 to YAML, 10 to a person.
    numerals: dict[Path_, tuple[str, tuple[str, int, int]]] = field(default_factory=dict)

    def existing(self, path: Sequence[str | int]) -> Path_:
        """The deepest part of `path` that exists in the data.

        Pydantic error locations contain extra parts (union tags, model names), so
        parts that do not exist in the data are skipped rather than ending the walk.
        """
        best: Path_ = ()
        node = self.data
        for part in path:
            in_dict = isinstance(node, dict) and part in node
            in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
            if in_dict or in_list:
                node = node[part]
                best = (*best, part)
        return best

    def locate(self, path: Sequence[str | int]) -> tuple[str, int, int]:
        """File, line and column of the deepest existing part of `path`."""
        return self.where.get(self.existing(path), self.where.get((), ("", 0, 0)))


def dotted(path: Sequence[str | int]) -> str:
    """A path as a reader would write it: questions[3].when.all[0].question."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _syntax_problem(source: Source, exc: yaml.YAMLError) -> Problem:
    """A YAML syntax error at its file, line and column."""
    hint = _("check the indentation and quoting")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = exc.problem or exc.context or ""
        message = _("not valid YAML: {problem}").format(problem=problem)
        if "'\\t'" in problem:  # the Python parser's words for a tab: say it plainly
            message = _("not valid YAML: a tab character where YAML allows only spaces")
            hint = _("indent and separate with spaces")
        elif "got '?'" in problem:  # `{text: Pain?}`: in braces, '?' starts a key
            hint = _("inside { } or [ ], put a text with '?' in quotes: \"Pain?\"")
        return Problem(message, hint, source.name, line, column, code="yaml-syntax")
    position = getattr(exc, "position", None)  # a ReaderError: a character YAML refuses
    if isinstance(position, int):
        line = source.text.count("\n", 0, position) + 1
        column = position - (source.text.rfind("\n", 0, position) + 1) + 1
        message = _("not valid YAML: a character YAML does not allow (U+{code:04X})").format(
            code=ord(source.text[position]) if position < len(source.text) else 0
        )
        return Problem(message, _("remove it"), source.name, line, column, code="yaml-syntax")
    message = _("not valid YAML: {problem}").format(problem=exc)
    return Problem(message, hint, source.name, code="yaml-syntax")


def parse_document(source: Source) -> tuple[Located, list[Problem]]:
    """Any YAML (or JSON) document, safely and within limits, as located data.

    No document at all (an empty file, only comments) is `Located(None)` and no problem.
    """
    try:
        data, found, where, numerals, problems = build_numbers(source.name, source.text)
    except yaml.YAMLError as exc:
        return Located(None), [_syntax_problem(source, exc)]
    return Located(data if found else None, where, numerals), problems


def parse_yaml(source: Source) -> tuple[Located, list[Problem]]:
    """A rule-set or cases file: a mapping of keys (see `parse_document`)."""
    located, problems = parse_document(source)
    if located.data is None and not problems and not located.where:
        problems.append(Problem(_("the file is empty"), "", source.name, code="empty-file"))
    elif not isinstance(located.data, dict) and (located.data is not None or not problems):
        position = located.where.get((), (source.name, 0, 0))
        problems.append(
            Problem(
                _("a rule-set file must be a mapping of keys"),
                _("start with 'id:'"),
                *position,
                code="not-a-mapping",
            )
        )
    return located, problems


def merge(parts: Sequence[Located]) -> tuple[Located, list[Problem]]:
    """Merge the files of a folder: list keys are concatenated, other keys appear once."""
    merged: dict[str, Any] = {}
    where: dict[Path_, tuple[str, int, int]] = {}
    problems: list[Problem] = []
    for part in parts:
        if not isinstance(part.data, dict):
            continue
        if () not in where:
            where[()] = part.where[()]
        for key, value in part.data.items():
            offset = 0
            if key in LIST_KEYS and isinstance(value, list):
                existing = merged.setdefault(key, [])
                if not isinstance(existing, list):
                    continue
                offset = len(existing)
                existing.extend(value)
            elif key in merged:
                file, line, column = part.where[(key,)]
                first = where[(key,)]
                problems.append(
                    Problem(
                        _("the key {key!r} is already set in {file}:{line}").format(
                            key=key, file=first[0], line=first[1]
                        ),
                        _("set it in one file only"),
                        file,
                        line,
                        column,
                        code="key-in-two-files",
                    )
                )
                continue
            else:
                merged[key] = value
            for path, position in part.where.items():
                if path and path[0] == key:
                    if offset and len(path) > 1 and isinstance(path[1], int):
                        path = (key, path[1] + offset, *path[2:])
                    where.setdefault(path, position)
    return Located(merged, where), problems

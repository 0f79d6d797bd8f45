"""Rule-set YAML into plain data that remembers where every value came from.

Pure: it takes the texts and their names, never opens a file (see `sources`). YAML is
composed with PyYAML's safe loader into nodes, so each value keeps the line and column
it came from; pydantic errors and the cross-reference checks are then reported at the
file, line and column of the offending key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from triage.errors import Problem, ProblemCode
from triage.i18n import _
from triage.rulesets.files import Source

Path_ = tuple[str | int, ...]
LIST_KEYS = ("questions", "scores", "outcomes", "decisions", "cautions")

try:  # the C parser is several times faster, and just as safe
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


@dataclass
class Located:
    """Plain data from YAML, with the (file, line, column) of every path inside it."""

    data: Any
    where: dict[Path_, tuple[str, int, int]] = field(default_factory=dict)

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


class _Reader:
    """Builds plain data from a YAML node tree, recording where each value sits."""

    def __init__(self, name: str, loader: Any) -> None:
        self.name = name
        self.loader = loader
        self.where: dict[Path_, tuple[str, int, int]] = {}
        self.problems: list[Problem] = []

    def mark(self, path: Path_, node: yaml.Node) -> None:
        self.where[path] = (self.name, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.mark(path, node)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, (*path, "<key>"))
                if not isinstance(key, str | int | bool):
                    message = _("a mapping key must be a plain word")
                    self._problem(key_node, message, "", "key-not-a-word")
                    continue
                if key in result:
                    self._problem(
                        key_node,
                        _("the key {key!r} appears twice in the same mapping").format(key=key),
                        _("keep one of them"),
                        "duplicate-key",
                    )
                    continue
                result[key] = self.build(value_node, (*path, key))
                self.mark((*path, key), key_node)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _problem(self, node: yaml.Node, message: str, hint: str, code: ProblemCode) -> None:
        mark = node.start_mark
        where = (self.name, mark.line + 1, mark.column + 1)
        self.problems.append(Problem(message, hint, *where, code=code))


def parse_yaml(source: Source) -> tuple[Located, list[Problem]]:
    """Parse one YAML text safely into located data (anchors and aliases are allowed)."""
    loader = _SafeLoader(source.text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        message = _("not valid YAML: {problem}").format(problem=exc.problem or exc.context)
        hint = _("check the indentation and quoting")
        return Located(None), [
            Problem(message, hint, source.name, line, column, code="yaml-syntax")
        ]
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a position
        message = _("not valid YAML: {problem}").format(problem=exc)
        return Located(None), [Problem(message, "", source.name, code="yaml-syntax")]
    finally:
        loader.dispose()
    if node is None:
        return Located(None), [Problem(_("the file is empty"), "", source.name, code="empty-file")]
    reader = _Reader(source.name, loader)
    data = reader.build(node, ())
    located = Located(data, reader.where)
    if not isinstance(data, dict):
        where = located.where[()]
        reader.problems.append(
            Problem(
                _("a rule-set file must be a mapping of keys"),
                _("start with 'id:'"),
                *where,
                code="not-a-mapping",
            )
        )
    return located, reader.problems


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

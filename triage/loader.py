"""Turning rule-set text into a validated `RuleSet`, or every problem with its location.

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
from pydantic import ValidationError

from triage.errors import Problem, RulesError
from triage.i18n import _
from triage.model import QUESTION_TYPES, RuleSet
from triage.sources import Source

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
                    self._problem(key_node, _("a mapping key must be a plain word"), "")
                    continue
                if key in result:
                    self._problem(
                        key_node,
                        _("the key {key!r} appears twice in the same mapping").format(key=key),
                        _("keep one of them"),
                    )
                    continue
                result[key] = self.build(value_node, (*path, key))
                self.mark((*path, key), key_node)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        return self.loader.construct_object(node, deep=True)

    def _problem(self, node: yaml.Node, message: str, hint: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(message, hint, self.name, mark.line + 1, mark.column + 1))


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
        return Located(None), [Problem(message, hint, source.name, line, column)]
    except yaml.YAMLError as exc:  # pragma: no cover - errors without a position
        message = _("not valid YAML: {problem}").format(problem=exc)
        return Located(None), [Problem(message, "", source.name)]
    finally:
        loader.dispose()
    if node is None:
        return Located(None), [Problem(_("the file is empty"), "", source.name)]
    reader = _Reader(source.name, loader)
    data = reader.build(node, ())
    located = Located(data, reader.where)
    if not isinstance(data, dict):
        where = located.where[()]
        reader.problems.append(
            Problem(_("a rule-set file must be a mapping of keys"), _("start with 'id:'"), *where)
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


def _pydantic_problems(error: ValidationError, located: Located) -> list[Problem]:
    problems = []
    seen = set()
    for item in error.errors(include_url=False):
        loc = item["loc"]
        loc = (*loc, "type") if item["type"] == "union_tag_invalid" else loc
        path = located.existing(loc)
        file, line, column = located.where.get(path, located.where[()])
        message, hint = _explain(item, path)
        if (file, line, column, message) in seen:
            continue
        seen.add((file, line, column, message))
        problems.append(Problem(message, hint, file, line, column))
    return problems


def _explain(item: Any, path: Path_) -> tuple[str, str]:
    """A message naming the key as the author wrote it, and how to fix it."""
    kind = item["type"]
    last = item["loc"][-1] if item["loc"] else ""
    where = dotted(path)
    if kind == "extra_forbidden":
        return (
            _("unknown key {key!r}").format(key=where),
            _("remove it, or check its spelling in docs/rules.md"),
        )
    if kind == "missing":
        if where:
            return _("missing key {key!r} in {where}").format(key=last, where=where), _("add it")
        return _("missing key {key!r}").format(key=last), _("add it")
    message = str(item["msg"]).removeprefix("Value error, ")
    hint = ""
    types = ", ".join(QUESTION_TYPES)
    if kind == "union_tag_invalid":
        question = dotted(path[:-1] if path and path[-1] == "type" else path)
        return (
            _("{question}: unknown question type {type!r}").format(
                question=question, type=item["ctx"]["tag"]
            ),
            _("use one of: {choices}").format(choices=types),
        )
    if kind == "union_tag_not_found":
        return (
            _("missing key 'type' in {where}").format(where=where),
            _("add it: one of {choices}").format(choices=types),
        )
    if kind == "string_pattern_mismatch" and "[key]" in item["loc"]:
        code = last_key(item["loc"])
        text = dotted(path[:-1] if path and path[-1] == code else path)
        message = _("{text}: {code!r} is not a language code (use 'en', 'fr', ...)")
        return message.format(text=text, code=code), ""
    if kind == "string_pattern_mismatch" and item["ctx"]["pattern"] == r"\S":
        code = last
        text = dotted(path[:-1] if path and path[-1] == code else path)
        return (
            _("{text}: the {code!r} text is empty").format(text=text, code=code),
            _("write the text, or remove the language"),
        )
    if kind == "string_pattern_mismatch":
        hint = _("ids are lower-case words joined by '_', e.g. 'lower_back'")
    return (f"{where}: {message}" if where else message), hint


def last_key(loc: Sequence[str | int]) -> str | int:
    """The key a `[key]` error is about: the part just before it."""
    return loc[list(loc).index("[key]") - 1]


def load_rules(sources: Sequence[Source]) -> RuleSet:
    """Parse, merge, validate and cross-check a rule set; `RulesError` lists every problem."""
    from triage.checks import check

    rules, located, problems = parse_rules(sources)
    if rules is not None:
        problems.extend(check(rules, located))
    if any(p.level == "error" for p in problems) or rules is None:
        raise RulesError(problems)
    return rules


def parse_rules(
    sources: Sequence[Source],
) -> tuple[RuleSet | None, Located, list[Problem]]:
    """Parse and validate the shape only; the problems found so far come back with it."""
    problems: list[Problem] = []
    parts = []
    for source in sources:
        located, found = parse_yaml(source)
        problems.extend(found)
        parts.append(located)
    if not sources:
        problems.append(
            Problem(_("no rule-set file found"), _("give a .yaml file or a folder of them"))
        )
    if not parts or any(not isinstance(part.data, dict) for part in parts):
        return None, Located(None), problems
    # Duplicate keys (the first one kept) and keys set in two files do not stop the
    # checks: the author sees every other problem in the same run.
    located, found = merge(parts) if len(parts) != 1 else (parts[0], [])
    problems.extend(found)
    try:
        rules = RuleSet.model_validate(located.data)
    except ValidationError as error:
        problems = problems + _pydantic_problems(error, located)
        if any(item["type"] != "extra_forbidden" for item in error.errors()):
            return None, located, problems
        # Only unknown keys: report them, and check the rest as if they were not there,
        # so an author sees every other problem in the same run.
        try:
            rules = RuleSet.model_validate(_without(located, error))
        except ValidationError:  # pragma: no cover - removing keys cannot add errors
            return None, located, problems
    return rules, located, problems


def _without(located: Located, error: ValidationError) -> Any:
    """A copy of the data without the keys pydantic reported as unknown."""
    import copy

    data = copy.deepcopy(located.data)
    for item in error.errors():
        *parents, key = located.existing(item["loc"])
        node = data
        for part in parents:
            node = node[part]
        node.pop(key, None)
    return data


def fingerprint(sources: Sequence[Source]) -> str:
    """SHA-256 of the rule text; for one file it equals `sha256sum` of that file."""
    import hashlib

    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.text.encode("utf-8"))
    return digest.hexdigest()

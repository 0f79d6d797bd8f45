"""YAML events into plain data with the position of every value, within fixed limits.

PyYAML's own composer expands aliases without bound (an "alias bomb" of a few lines
grows to gigabytes), recurses once per level of nesting, and its constructors fail
with exceptions that carry no position (`!!timestamp 2026-13-45`, a 5,000-digit
integer, `!!bool maybe`). So the document is built here from the parser's events
(always PyYAML's Python parser, see `SafeLoader`), in one pass, without recursion,
and every value that cannot be taken becomes a `Problem` at its file, line and column.
The limits:

- nesting at most `MAX_DEPTH` lists and mappings deep;
- at most `MAX_NODES` values, each use of an alias counting its whole value again,
  and no alias inside its own anchor;
- a value at most `MAX_SCALAR` characters, an integer at most `MAX_DIGITS` digits;
- only plain YAML types: strings, numbers, booleans, null, lists and mappings (a
  date is kept as the text written, a decimal number as an exact `Decimal`); no
  other tag, no merge key (`<<`);
- no control character in a text (a terminal would obey it), besides tab and newline,
  and no escape for half a character (`"\ud800"`).

A duplicate key is a problem too, and the first value is kept, so the author sees
every other problem in the same run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from triage.errors import Problem, ProblemCode
from triage.i18n import _

MAX_DEPTH = 64
MAX_NODES = 200_000
MAX_SCALAR = 65_536
MAX_DIGITS = 300

Path_ = tuple[str | int, ...]
Where = tuple[str, int, int]
TAG = "tag:yaml.org,2002:"
_PLAIN = {f"{TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTIONS = {f"{TAG}seq", f"{TAG}map"}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# One parser everywhere: PyYAML's own, in Python. libyaml (its C parser, present or not
# depending on how PyYAML was built) accepts what the Python parser refuses (a tab after
# a value, `?` ending a plain text in braces) and refuses what it accepts (`%YAML 1.3`),
# so the same file (same sha256) would work on one machine and not on another.
SafeLoader = yaml.SafeLoader
SURROGATE = re.compile(r"[\ud800-\udfff]")  # from an escape such as "\ud800": not a character


# A float as YAML writes one, besides .inf, .nan and base 60 (1:30.5): kept as the exact
# decimal written, so 0.1 is one tenth and 1.0e+308 is not rounded (see `numbers`).
_EXACT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?", re.ASCII)

_BAD = object()  # a value refused (its problem is reported): None in the data


class Stop(Exception):
    """A limit was passed: building stops at once, with the problem located."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass
class _Frame:
    """A list or a mapping being built."""

    path: Path_
    value: dict[Any, Any] | list[Any]
    mark: Any
    anchor: str | None
    first_entry: int
    nodes: int = 1
    key: Any = None  # in a mapping: the key waiting for its value
    has_key: bool = False
    discard: bool = False  # a value nobody will keep (after a duplicate or bad key)


@dataclass
class _Anchor:
    value: Any
    path: Path_
    entries: tuple[int, int]  # slice of the builder's entries made under it
    nodes: int


@dataclass
class Builder:
    """Builds one document from a loader's events; see the module's docstring."""

    name: str
    loader: Any
    where: dict[Path_, Where] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    entries: list[tuple[Path_, Where]] = field(default_factory=list)
    anchors: dict[str, _Anchor | None] = field(default_factory=dict)  # None: still open
    stack: list[_Frame] = field(default_factory=list)
    numerals: dict[Path_, tuple[str, Where]] = field(default_factory=dict)  # see `_scalar`
    nodes: int = 0
    result: Any = None
    done: bool = False

    # ------------------------------------------------------------- positions

    def _at(self, mark: Any) -> Where:
        return (self.name, mark.line + 1, mark.column + 1) if mark else (self.name, 0, 0)

    def _mark(self, path: Path_, where: Where) -> None:
        self.where[path] = where
        self.entries.append((path, where))

    def problem(
        self, mark: Any, message: str, hint: str = "", code: ProblemCode = "yaml-not-allowed"
    ) -> None:
        self.problems.append(Problem(message, hint, *self._at(mark), code=code))

    def _count(self, n: int, mark: Any) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            message = _("more than {n} values in one file (each use of an alias counts again)")
            raise Stop(
                Problem(
                    message.format(n=MAX_NODES),
                    _("use fewer aliases"),
                    *self._at(mark),
                    code="yaml-limit",
                )
            )

    # ------------------------------------------------------------- the tree

    def _child_path(self) -> Path_:
        """Where the next value goes, as a path from the top of the document."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.value, list):
            return (*top.path, len(top.value))
        if not top.has_key:
            return (*top.path, "<key>")
        return (*top.path, "<discarded>" if top.discard else top.key)

    def _mark_new(self, path: Path_, mark: Any) -> None:
        """A value's own position: the document's top, or an item of a list.

        A mapping's value is located at its key instead (see `_place`).
        """
        if not self.stack or isinstance(self.stack[-1].value, list):
            self._mark(path, self._at(mark))

    def _place(self, value: Any, mark: Any) -> None:
        """Put a finished value where it belongs: the document, a list, a key, a value."""
        if not self.stack:
            self.result, self.done = value, True
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(None if value is _BAD else value)
        elif not top.has_key:
            top.key, top.has_key, top.discard = value, True, True
            if value is _BAD:
                pass  # already reported
            elif not isinstance(value, str | int | bool):
                self.problem(mark, _("a mapping key must be a plain word"), "", "key-not-a-word")
            elif value in top.value:
                message = _("the key {key!r} appears twice in the same mapping")
                hint = _("keep one of them")
                self.problem(mark, message.format(key=value), hint, "duplicate-key")
            else:
                top.discard = False
                self._mark((*top.path, value), self._at(mark))
        else:
            if not top.discard:
                top.value[top.key] = None if value is _BAD else value
            top.key, top.has_key, top.discard = None, False, False

    def _open(self, event: Any, value: dict[Any, Any] | list[Any]) -> None:
        if len(self.stack) >= MAX_DEPTH:
            message = _("nested more than {n} levels deep").format(n=MAX_DEPTH)
            where = self._at(event.start_mark)
            raise Stop(Problem(message, _("flatten the structure"), *where, code="yaml-limit"))
        self._count(1, event.start_mark)
        path = self._child_path()
        self._mark_new(path, event.start_mark)
        if event.anchor:
            self.anchors[event.anchor] = None
        tag = event.tag
        if tag not in (None, "!", *_COLLECTIONS):
            self._refuse_tag(event.start_mark, tag)
        self.stack.append(_Frame(path, value, event.start_mark, event.anchor, len(self.entries)))

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            span = (frame.first_entry, len(self.entries))
            self.anchors[frame.anchor] = _Anchor(frame.value, frame.path, span, frame.nodes)
        if self.stack:
            self.stack[-1].nodes += frame.nodes
        self._place(frame.value, frame.mark)

    def _scalar(self, event: Any) -> None:
        self._count(1, event.start_mark)
        path = self._child_path()
        self._mark_new(path, event.start_mark)
        value = self._construct(event)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            # A number as it was written (`010`, `0x0A`, `1_0`): answers documents refuse
            # every spelling but plain decimal, as the command line does.
            self.numerals[path] = (event.value, self._at(event.start_mark))
        if self.stack:
            self.stack[-1].nodes += 1
        if event.anchor:
            span = (len(self.entries), len(self.entries))
            self.anchors[event.anchor] = _Anchor(value, path, span, 1)
        self._place(value, event.start_mark)

    def _alias(self, event: Any) -> None:
        name = event.anchor
        where = self._at(event.start_mark)
        if name not in self.anchors:
            message = _("the alias *{name} names no anchor defined before it").format(name=name)
            hint = _("define the anchor first")
            raise Stop(Problem(message, hint, *where, code="yaml-not-allowed"))
        anchor = self.anchors[name]
        if anchor is None:
            message = _("the alias *{name} is inside its own anchor (a loop)").format(name=name)
            raise Stop(Problem(message, _("remove the alias"), *where, code="yaml-not-allowed"))
        self._count(anchor.nodes, event.start_mark)
        if self.stack:
            self.stack[-1].nodes += anchor.nodes
        path = self._child_path()
        self._mark_new(path, event.start_mark)
        if path[-1:] != ("<key>",):
            start, end = anchor.entries
            depth = len(anchor.path)
            for old, position in self.entries[start:end]:
                self._mark((*path, *old[depth:]), position)
                if old in self.numerals:
                    self.numerals[(*path, *old[depth:])] = self.numerals[old]
            if anchor.path in self.numerals:  # an anchored number itself
                self.numerals[path] = self.numerals[anchor.path]
        self._place(anchor.value, event.start_mark)

    # ------------------------------------------------------------- values

    def _refuse_tag(self, mark: Any, tag: str) -> None:
        if tag == f"{TAG}merge":
            self.problem(mark, _("merge keys (<<) are not supported"), _("write the keys out"))
            return
        self.problem(
            mark,
            _("the tag {tag!r} is not allowed here").format(tag=tag.replace(TAG, "!!")),
            _("use plain values: text, numbers, yes/no, lists and mappings"),
        )

    def _construct(self, event: Any) -> Any:
        value = event.value
        if len(value) > MAX_SCALAR:
            message = _("a value longer than {n} characters").format(n=MAX_SCALAR)
            self.problem(event.start_mark, message, _("shorten it"), "yaml-limit")
            return _BAD
        control = CONTROL.search(value)
        if control:
            message = _("a control character (U+{code:04X}) in a text; a terminal would obey it")
            code = ord(control.group())
            self.problem(event.start_mark, message.format(code=code), _("remove it"))
            return _BAD
        surrogate = SURROGATE.search(value)
        if surrogate:
            message = _("an escape for half a character (U+{code:04X}) in a text")
            code = ord(surrogate.group())
            self.problem(event.start_mark, message.format(code=code), _("remove it"))
            return _BAD
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(yaml.ScalarNode, value, event.implicit)
        if tag not in _PLAIN:
            self._refuse_tag(event.start_mark, tag)
            return _BAD
        if tag in (f"{TAG}str", f"{TAG}timestamp"):  # a date stays the text written
            return value
        if tag == f"{TAG}float" and _EXACT.fullmatch(value):
            return Decimal(value.replace("_", ""))  # exact: never rounded to a binary float
        if tag == f"{TAG}int" and sum(c.isdigit() for c in value) > MAX_DIGITS:
            message = _("a number with more than {n} digits").format(n=MAX_DIGITS)
            self.problem(event.start_mark, message, _("shorten it"), "yaml-limit")
            return _BAD
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, KeyError, AttributeError, OverflowError):
            message = _("{value!r} is not a valid {kind}").format(
                value=value[:40], kind=tag.replace(TAG, "!!")
            )
            self.problem(event.start_mark, message)
            return _BAD

    # ------------------------------------------------------------- events

    def feed(self, event: Any) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.SequenceStartEvent):
            self._open(event, [])
        elif isinstance(event, yaml.MappingStartEvent):
            self._open(event, {})
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            self._close()


def build(name: str, text: str) -> tuple[Any, bool, dict[Path_, Where], list[Problem]]:
    """(data, found a document, positions, problems) for one YAML text (see `build_numbers`)."""
    data, found, where, _numerals, problems = build_numbers(name, text)
    return data, found, where, problems


def build_numbers(
    name: str, text: str
) -> tuple[Any, bool, dict[Path_, Where], dict[Path_, tuple[str, Where]], list[Problem]]:
    """(data, found a document, positions, numbers as written, problems) for one YAML text.

    Syntax errors raise PyYAML's errors (the caller locates them); limits and values
    that cannot be taken come back as problems.
    """
    loader: Any = SafeLoader(text)  # its stubs leave the event methods untyped
    builder = Builder(name, loader)
    documents = 0
    try:
        while not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    builder.problem(
                        event.start_mark,
                        _("more than one YAML document in the file"),
                        _("remove the '---' line, or split the file"),
                    )
                    break
            builder.feed(event)
    except Stop as stop:
        builder.problems.append(stop.problem)
        return None, True, builder.where, builder.numerals, builder.problems
    finally:
        loader.dispose()
    return builder.result, builder.done, builder.where, builder.numerals, builder.problems

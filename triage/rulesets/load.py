"""Turning rule-set text into a validated `RuleSet`, or every problem with its location.

Pure: it takes the texts and their names, never opens a file (see `files`). Pydantic
errors and the cross-reference checks are reported at the file, line and column of
the offending key.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from pydantic import ValidationError

from triage.errors import Problem, ProblemCode, RulesError
from triage.i18n import _
from triage.rulesets.checks import check
from triage.rulesets.files import Source
from triage.rulesets.model import QUESTION_TYPES, RuleSet
from triage.rulesets.parse import Located, Path_, dotted, merge, parse_yaml
from triage.rulesets.salvage import salvage


def _pydantic_problems(error: ValidationError, located: Located) -> list[Problem]:
    problems = []
    seen = set()
    for item in error.errors(include_url=False):
        loc = item["loc"]
        loc = (*loc, "type") if item["type"] == "union_tag_invalid" else loc
        path = located.existing(loc)
        file, line, column = located.where.get(path, located.where[()])
        message, hint, code = _explain(item, path)
        if (file, line, column, message) in seen:
            continue
        seen.add((file, line, column, message))
        problems.append(Problem(message, hint, file, line, column, code=code))
    return problems


def _explain(item: Any, path: Path_) -> tuple[str, str, ProblemCode]:
    """A message naming the key as the author wrote it, how to fix it, and its kind."""
    kind = item["type"]
    last = item["loc"][-1] if item["loc"] else ""
    where = dotted(path)
    if kind == "extra_forbidden":
        return (
            _("unknown key {key!r}").format(key=where),
            _("remove it, or check its spelling in docs/rules.md"),
            "unknown-key",
        )
    if kind == "missing" and last == "kind" and path[:1] == ("outcomes",):
        return (
            _("missing key 'kind' in {where}: does it book a massage?").format(where=where),
            _(
                "'kind: massage' when it books a massage, 'kind: referral' when it sends "
                "the person elsewhere"
            ),
            "missing-key",
        )
    if kind == "finite_number":  # .nan or .inf: a question could never be answered
        message = _("{where}: must be a finite number, not .nan nor .inf").format(where=where)
        return message, _("write a number"), "invalid-value"
    if kind == "missing":
        if where:
            message = _("missing key {key!r} in {where}").format(key=last, where=where)
            return message, _("add it"), "missing-key"
        return _("missing key {key!r}").format(key=last), _("add it"), "missing-key"
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
            "unknown-question-type",
        )
    if kind == "union_tag_not_found":
        return (
            _("missing key 'type' in {where}").format(where=where),
            _("add it: one of {choices}").format(choices=types),
            "missing-question-type",
        )
    if kind == "string_pattern_mismatch" and "[key]" in item["loc"]:
        code = last_key(item["loc"])
        text = dotted(path[:-1] if path and path[-1] == code else path)
        message = _("{text}: {code!r} is not a language code (use 'en', 'fr', ...)")
        return message.format(text=text, code=code), "", "bad-language-code"
    if kind == "string_pattern_mismatch" and item["ctx"]["pattern"] == r"\S":
        code = last
        text = dotted(path[:-1] if path and path[-1] == code else path)
        return (
            _("{text}: the {code!r} text is empty").format(text=text, code=code),
            _("write the text, or remove the language"),
            "empty-text",
        )
    problem: ProblemCode = "invalid-value"
    if kind == "string_pattern_mismatch":
        hint = _("ids are lower-case words joined by '_', e.g. 'lower_back'")
        problem = "bad-language-code" if path[:1] == ("languages",) else "bad-id"
    return (f"{where}: {message}" if where else message), hint, problem


def last_key(loc: Sequence[str | int]) -> str | int:
    """The key a `[key]` error is about: the part just before it."""
    return loc[list(loc).index("[key]") - 1]


def load_rules(sources: Sequence[Source]) -> RuleSet:
    """Parse, merge, validate and cross-check a rule set; `RulesError` lists every problem."""
    rules, located, problems = parse_rules(sources)
    if rules is not None:
        problems.extend(check(rules, located))
    if any(p.level == "error" for p in problems) or rules is None:
        raise RulesError(problems)
    return rules


def parse_rules(
    sources: Sequence[Source],
) -> tuple[RuleSet | None, Located, list[Problem]]:
    """Parse and validate the shape; the problems found so far come back with it.

    When the shape is valid, the rule set comes back and the caller runs `check`;
    when it is not, the rule set is None and the problems include the cross-reference
    problems of its valid pieces (see `salvage`), so nothing waits for a second run.
    """
    problems: list[Problem] = []
    parts = []
    for source in sources:
        located, found = parse_yaml(source)
        problems.extend(found)
        parts.append(located)
    if not sources:
        problems.append(
            Problem(
                _("no rule-set file found"),
                _("give a .yaml file or a folder of them"),
                code="no-rule-files",
            )
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
        unknown = [e for e in error.errors() if e["type"] == "extra_forbidden"]
        data = _without(located, unknown)
        if len(unknown) == len(error.errors()):
            # Only unknown keys: report them, and check the rest as if they were not there.
            return RuleSet.model_validate(data), located, problems
        # Errors in some pieces: the cross-references of the valid pieces are checked
        # now, so an author sees every problem in one run, not the shape's first.
        shape = [e for e in error.errors() if e["type"] != "extra_forbidden"]
        kept = salvage(Located(data, located.where), shape)
        if kept is not None:
            problems.extend(check(*kept))
        return None, located, problems
    return rules, located, problems


def _without(located: Located, errors: list[Any]) -> Any:
    """A copy of the data without the keys pydantic reported as unknown."""
    import copy

    data = copy.deepcopy(located.data)
    for item in errors:
        *parents, key = located.existing(item["loc"])
        node = data
        for part in parents:
            node = node[part]
        node.pop(key, None)
    return data


def fingerprint(sources: Sequence[Source], folder: bool | None = None) -> str:
    """SHA-256 of the rule text, framed so that two different rule sets never share it.

    One file: the SHA-256 of its bytes, as `sha256sum` prints it. A folder (or any
    other number of files): the SHA-256 of a `sha256sum`-style listing, one line per
    file in reading order, `<sha256 of its bytes>  <name in the folder>`; the names
    are framed by the fixed-length digests before them and the newline after them
    (a newline or backslash in a name is escaped, as `sha256sum` does).
    """
    import hashlib

    def digest(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    if folder is None:
        folder = len(sources) != 1
    if not folder:
        return digest(sources[0].text)
    lines = []
    for source in sources:
        name = PurePath(source.name).name
        if "\\" in name or "\n" in name:
            escaped = name.replace("\\", "\\\\").replace("\n", "\\n")
            lines.append(f"\\{digest(source.text)}  {escaped}\n")
        else:
            lines.append(f"{digest(source.text)}  {name}\n")
    return digest("".join(lines))

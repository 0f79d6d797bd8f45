"""The valid parts of a rule set whose shape has errors, so every problem shows in one run.

Pydantic rejects the whole rule set for one bad outcome; the cross-reference checks
need a model. So each question, score, outcome, decision and caution that has an
error is set aside, the rest is validated piece by piece and assembled, and the
checks run on that. The ids of the pieces set aside stay known (`Broken`), so a
reference to a broken outcome is not also reported as unknown; positions are mapped
back to the file, so every problem keeps its own line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from triage.rulesets.model import IDENT, Caution, Decision, Outcome, Question, RuleSet, Score
from triage.rulesets.parse import LIST_KEYS, Located, Path_

ITEMS: dict[str, Any] = {
    "questions": Question,
    "scores": Score,
    "outcomes": Outcome,
    "decisions": Decision,
    "cautions": Caution,
}


@dataclass(frozen=True)
class Broken:
    """Ids of pieces set aside; a kind whose whole list is unusable is in `whole`."""

    ids: dict[str, set[str]] = field(default_factory=dict)
    whole: frozenset[str] = frozenset()

    def known(self, kind: str, ident: str) -> bool:
        """Whether a reference may name a piece that was set aside (so is not unknown).

        A piece set aside for a badly written id ('Pain', 'see-doctor') is the one
        meant by a reference that spells it as an id should be spelt.
        """
        if kind in self.whole:
            return True
        ids = self.ids.get(kind, set())
        if ident in ids:
            return True
        from rapidfuzz import fuzz

        badly_written = [i for i in ids if not re.match(IDENT, i)]
        return any(fuzz.ratio(_plain(ident), _plain(i)) >= 60 for i in badly_written)

    def names(self, kind: str) -> list[str]:
        """The ids set aside, for a "did you mean" among every id the author wrote."""
        return sorted(self.ids.get(kind, set()))


def _plain(ident: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", ident.strip().lower())


def salvage(located: Located, errors: Iterable[Any]) -> tuple[RuleSet, Located, Broken] | None:
    """The valid parts as a model, their located data, and what was set aside."""
    data = located.data
    if not isinstance(data, dict):
        return None
    bad_items: dict[str, set[int]] = {key: set() for key in LIST_KEYS}
    bad_keys: set[str] = set()
    for error in errors:
        loc = located.existing(error["loc"]) or tuple(error["loc"][:1])
        if not loc:
            return None
        key = str(loc[0])
        if key in bad_items and len(loc) > 1 and isinstance(loc[1], int):
            bad_items[key].add(loc[1])
        else:
            bad_keys.add(key)
    reduced: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    kept: dict[str, list[int]] = {}
    broken = Broken({k: set() for k in LIST_KEYS}, frozenset(bad_keys & set(LIST_KEYS)))
    for key in LIST_KEYS:
        raw = data.get(key, [])
        raw = raw if isinstance(raw, list) and key not in bad_keys else []
        kept[key], reduced[key], fields[key] = [], [], []
        adapter = TypeAdapter(ITEMS[key])
        for i, item in enumerate(raw):
            try:
                valid = None if i in bad_items[key] else adapter.validate_python(item)
            except ValidationError:
                valid = None
            if valid is None:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    broken.ids[key].add(item["id"])
                continue
            kept[key].append(i)
            reduced[key].append(item)
            fields[key].append(valid)
    for name in ("id", "version", "title", "description", "languages", "note"):
        if name in data and name not in bad_keys:
            reduced[name] = data[name]
    top = {k: v for k, v in reduced.items() if k not in LIST_KEYS}
    valid = RuleSet.model_validate({**STAND_INS, **top, **MINIMAL_LISTS})
    values = {name: getattr(valid, name) for name in RuleSet.model_fields if name not in ITEMS}
    if "title" not in top:
        values["title"] = None  # a stand-in: not a text whose translations to check
    rules = RuleSet.model_construct(**values, **fields)
    return rules, _moved(located, reduced, kept), broken


# What lets the top level validate on its own; never checked further.
STAND_INS = {"id": "x", "version": "", "title": "x"}
MINIMAL_LISTS = {
    "questions": [{"id": "x", "type": "yes_no", "text": "x"}],
    "outcomes": [
        {"id": "x", "kind": "referral", "severity": 0, "title": "x", "advice": "x", "if_worse": "x"}
    ],
    "decisions": [{"outcome": "x", "reason": "x"}],
}


def _moved(located: Located, reduced: dict[str, Any], kept: dict[str, list[int]]) -> Located:
    """The located data of the kept parts, each path renumbered to its place in `reduced`."""
    new_index = {(key, old): new for key, olds in kept.items() for new, old in enumerate(olds)}
    where: dict[Path_, tuple[str, int, int]] = {}
    for path, position in located.where.items():
        if len(path) > 1 and path[0] in kept and isinstance(path[1], int):
            moved = new_index.get((str(path[0]), path[1]))
            if moved is None:
                continue
            path = (path[0], moved, *path[2:])
        where[path] = position
    return Located(reduced, where)

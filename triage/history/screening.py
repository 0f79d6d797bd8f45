"""One completed screening as stored: what was answered, concluded and shown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from typing import Any

MODES = ("client", "reception")


def utc_stamp(moment: datetime) -> str:
    """ISO 8601 in UTC to the second, e.g. 2026-11-23T19:45:12Z: sorts as text."""
    if moment.tzinfo is None:
        raise ValueError("a screening time must carry its time zone")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Screening:
    """One completed screening, as stored: what was answered, concluded and shown."""

    id: int | None
    created_at: str
    mode: str
    outcome: str
    flags: list[str]
    cautions: list[str]
    answers: dict[str, Any]
    rules_id: str
    rules_version: str
    rules_sha256: str
    caller_ref: str | None
    note: str
    document: dict[str, Any]
    language: str = "en"

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")

    @classmethod
    def from_document(
        cls,
        doc: Mapping[str, Any],
        mode: str,
        note: str,
        caller_ref: str | None = None,
        now: datetime | None = None,
    ) -> Screening:
        """A new (unsaved) screening from a result document (`render.document`)."""
        rules = doc["rules"]
        return cls(
            id=None,
            created_at=utc_stamp(now or datetime.now(timezone.utc)),
            mode=mode,
            outcome=str(doc["outcome"]),
            flags=[str(f) for f in doc.get("flags", [])],
            cautions=[str(c) for c in doc.get("cautions", [])],
            answers=dict(doc.get("answers", {})),
            rules_id=str(rules["id"]),
            rules_version=str(rules["version"]),
            rules_sha256=str(rules["sha256"]),
            caller_ref=(caller_ref or "").strip() or None,
            note=note,
            document=dict(doc),
            language=str(doc.get("language") or "en"),
        )


FIELDS = tuple(f.name for f in fields(Screening))

"""One completed screening as stored: what was answered, concluded and shown."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Literal, get_args

if TYPE_CHECKING:  # not at run time: reading a history needs no pydantic
    from triage.rulesets.texts import Audience

MODES: tuple[Audience, ...] = ("client", "reception")  # the voice: every `Audience`

Channel = Literal["walk", "call", "assess", "web"]
"""Where a screening was taken: the terminal walk, a receptionist's call, answers given
at once (`assess`), or the web questionnaire. Stored beside the `mode` (the audience)."""
CHANNELS: tuple[Channel, ...] = get_args(Channel)


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
    mode: Audience
    channel: Channel
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
    uid: str | None = None  # the same in every store it is copied to (see `new_uid`)

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.channel not in CHANNELS:
            raise ValueError(f"channel must be one of {', '.join(CHANNELS)}, not {self.channel!r}")

    @classmethod
    def new(
        cls,
        *,
        mode: Audience,
        channel: Channel,
        outcome: str,
        flags: Sequence[str],
        cautions: Sequence[str],
        answers: Mapping[str, Any],
        rules: tuple[str, str, str],
        document: Mapping[str, Any],
        language: str,
        note: str,
        caller_ref: str | None = None,
        now: datetime | None = None,
    ) -> Screening:
        """A new (unsaved) screening; the shell gives what the result said as plain values
        (`rules` is the rule set's id, version and sha256; `document` its JSON form)."""
        rules_id, rules_version, rules_sha256 = rules
        return cls(
            id=None,
            created_at=utc_stamp(now or datetime.now(timezone.utc)),
            mode=mode,
            channel=channel,
            outcome=outcome,
            flags=list(flags),
            cautions=list(cautions),
            answers=dict(answers),
            rules_id=rules_id,
            rules_version=rules_version,
            rules_sha256=rules_sha256,
            caller_ref=caller_ref,  # made safe where it was typed
            note=note,
            document=dict(document),
            language=language or "en",
            uid=new_uid(),
        )


def new_uid() -> str:
    """A screening's id in every store it is copied to, made when it is made (so a save
    tried again never stores it twice); random, so it says nothing about the person."""
    return str(uuid.uuid4())


FIELDS = tuple(f.name for f in fields(Screening))

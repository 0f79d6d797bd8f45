"""The conditions of a rule set (`when:`): comparisons of an answer or a score, and
`all`/`any`/`not` of them; with the id patterns every part of the model uses.

Part of the model (`model` re-exports it); evaluating a condition is `conditions`'s job.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Annotated, Any

from pydantic import (
    Discriminator,
    Field,
    PlainSerializer,
    PlainValidator,
    Tag,
    WithJsonSchema,
    model_validator,
)

from triage.i18n import _
from triage.rulesets.numbers import exact, json_number
from triage.rulesets.texts import Strict

IDENT = r"^[a-z][a-z0-9_]*$"

Ident = Annotated[str, Field(pattern=IDENT)]
# A choice key may start with a digit (`16_to_17`), but holds a letter, so it is never
# mistaken for a choice's number at the prompt.
KEY = r"^(?:[a-z]|[0-9][0-9_]*[a-z])[a-z0-9_]*$"
Key = Annotated[str, Field(pattern=KEY)]
Exact = Annotated[
    Fraction,
    PlainValidator(exact),
    PlainSerializer(json_number, when_used="json"),
    WithJsonSchema({"type": "number"}),
]
"""A number of a rule set (a bound, a threshold, a weight): a `Fraction` read exactly from
the text written (see `numbers`), never a binary float."""


# ---------------------------------------------------------------- conditions


class Compare(Strict):
    """One comparison of an answer or a score: exactly one operator besides its subject."""

    question: Ident | None = None
    score: Ident | None = None
    is_: bool | int | Exact | str | None = Field(default=None, alias="is")
    in_: list[str] | None = Field(default=None, alias="in", min_length=1)
    includes: str | None = None
    includes_any: list[str] | None = Field(default=None, min_length=1)
    includes_all: list[str] | None = Field(default=None, min_length=1)
    answered: bool | None = None
    ge: Exact | None = Field(default=None, alias=">=")
    le: Exact | None = Field(default=None, alias="<=")
    gt: Exact | None = Field(default=None, alias=">")
    lt: Exact | None = Field(default=None, alias="<")

    @model_validator(mode="after")
    def _one_subject_one_operator(self) -> Compare:
        if (self.question is None) == (self.score is None):
            raise ValueError(_("a comparison names exactly one 'question' or one 'score'"))
        used = self.operators()
        if len(used) != 1:
            names = "is, in, includes, includes_any, includes_all, answered, >=, <=, >, <"
            if used:
                message = _("a comparison takes exactly one operator of {names} (found: {found})")
            else:
                message = _("a comparison takes exactly one operator of {names} (found: none)")
            raise ValueError(message.format(names=names, found=", ".join(used)))
        return self

    def _pairs(self) -> tuple[tuple[str, object], ...]:
        return (
            ("is", self.is_),
            ("in", self.in_),
            ("includes", self.includes),
            ("includes_any", self.includes_any),
            ("includes_all", self.includes_all),
            ("answered", self.answered),
            (">=", self.ge),
            ("<=", self.le),
            (">", self.gt),
            ("<", self.lt),
        )

    def operators(self) -> list[str]:
        return [op for op, value in self._pairs() if value is not None]

    @property
    def subject(self) -> str:
        """The question or score compared (the model guarantees exactly one)."""
        return self.question or self.score or ""

    @property
    def operator(self) -> str:
        return self.operators()[0]

    @property
    def operand(self) -> object:
        return dict(self._pairs())[self.operator]


class All(Strict):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    any: list[Condition] = Field(min_length=1)


class Not(Strict):
    not_: Condition = Field(alias="not")


def _condition_kind(data: Any) -> str:
    if isinstance(data, dict):
        for key in ("all", "any", "not"):
            if key in data:
                return key
    elif isinstance(data, All):
        return "all"
    elif isinstance(data, AnyOf):
        return "any"
    elif isinstance(data, Not):
        return "not"
    return "compare"


Condition = Annotated[
    Annotated[All, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")]
    | Annotated[Compare, Tag("compare")],
    Discriminator(_condition_kind),
]


All.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()

"""Texts in several languages, with a receptionist wording, and the base of every model."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import WithJsonSchema

from triage.i18n import _

Audience = Literal["client", "reception"]
LANG = r"^[a-z]{2,3}$"
LangCode = Annotated[str, Field(pattern=LANG)]
NonEmpty = Annotated[str, Field(pattern=r"\S", description="Not empty nor only spaces.")]


class Strict(BaseModel):
    """Base for every rule-set model: immutable, and unknown keys are errors."""

    # allow_inf_nan=False: a bound, weight or threshold of .nan or .inf is an error, located.
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, defer_build=True, allow_inf_nan=False
    )


_LOCALIZED_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "description": "English text, for a rule set in English only"},
        {
            "type": "object",
            "description": "Text per language code; 'reception' holds the receptionist wording",
            "properties": {
                "en": {"type": "string"},
                "reception": {
                    "anyOf": [
                        {"type": "string"},
                        {"type": "object", "additionalProperties": {"type": "string"}},
                    ]
                },
            },
            "required": ["en"],
            "additionalProperties": {"type": "string"},
        },
    ]
}


class _Text(Strict):
    """A text in several languages, with an optional receptionist (third-person) wording.

    In YAML a text is either a plain string (English) or a mapping of language codes,
    with an optional `reception` entry holding the wording read to a caller.
    """

    client: dict[LangCode, NonEmpty]
    reception: dict[LangCode, NonEmpty] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _from_yaml(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"client": {"en": data}}
        if isinstance(data, dict) and "client" not in data:
            client = {k: v for k, v in data.items() if k != "reception"}
            reception = data.get("reception", {})
            if isinstance(reception, str):
                reception = {"en": reception}
            return {"client": client, "reception": reception}
        return data

    @field_validator("client")
    @classmethod
    def _english_required(cls, value: dict[str, str]) -> dict[str, str]:
        if "en" not in value:
            raise ValueError(_("an English text ('en') is required"))
        return value

    def get(self, lang: str = "en", audience: Audience = "client") -> str:
        """The text for a language and audience, falling back to client wording, then English."""
        if audience == "reception" and self.reception:
            found = self.reception.get(lang)
            if found is not None:
                return found
            if lang not in self.client and "en" in self.reception:
                return self.reception["en"]
        return self.client.get(lang) or self.client["en"]

    def languages(self) -> set[str]:
        return set(self.client)


Text = Annotated[_Text, WithJsonSchema(_LOCALIZED_SCHEMA)]

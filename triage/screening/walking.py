"""A whole walk through a `Prompter`, for a shell that holds a person until the end (the
terminal); a web page steps one answer per request instead (`stepping`)."""

from __future__ import annotations

from triage.deciding import interview
from triage.deciding.interview import Prompter
from triage.deciding.loaded import Loaded
from triage.output.document import document
from triage.output.result import ResultDocument
from triage.rulesets.texts import Audience


def walk(loaded: Loaded, prompter: Prompter, lang: str, audience: Audience) -> ResultDocument:
    """Ask every question the walk reaches, then the result document, worded for `audience`."""
    result = interview.run(loaded.rules, prompter, lang, audience)
    return document(result, loaded, lang, audience)

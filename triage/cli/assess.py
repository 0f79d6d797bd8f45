"""`triage assess`: every answer given at once, a recommendation out, no questions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from triage import i18n
from triage.cli import completion
from triage.cli.cache import proven_cache
from triage.cli.emit import emit
from triage.cli.environment import Environment
from triage.cli.guard import guard
from triage.cli.options import (
    AllowUnverifiedOption,
    Format,
    FormatOption,
    LangOption,
    PlainOption,
    RulesOption,
    environment,
)
from triage.errors import AnswerError
from triage.i18n import _


def assess(
    ctx: typer.Context,
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            metavar="ID=VALUE",
            help=_("An answer as ID=VALUE (repeatable); several choices comma-separated."),
            show_default=False,
            autocompletion=completion.answers,
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help=_("A YAML or JSON file mapping question ids to answers; - reads stdin."),
            show_default=False,
        ),
    ] = None,
    rules: RulesOption = None,
    fmt: FormatOption = Format.text,
    plain: PlainOption = False,
    allow_unverified: AllowUnverifiedOption = False,
    lang: LangOption = None,
) -> None:
    """Answers in, a recommendation out (help: where it is registered)."""
    env = environment(ctx, plain)
    with guard(env):
        from triage.deciding import engine
        from triage.deciding.answers import from_items, parse_document, parse_pairs
        from triage.deciding.loaded import load
        from triage.output.document import document

        pairs = parse_pairs(answer or [])
        from_file: dict[str, object] = {}
        if answers is not None:
            name = "<stdin>" if answers == "-" else answers
            from_file = parse_document(_read_answers(env, answers), name)
        loaded = load(rules, allow_unverified, proven_cache(env))
        # --answer overrides the file; given twice, it must give the same answer.
        given = {**from_items(loaded.rules, from_file.items()), **from_items(loaded.rules, pairs)}
        lang = i18n.language()
        result = engine.assess(loaded.rules, given, lang)
        emit(env, document(result, loaded, lang), fmt)


def _read_answers(env: Environment, answers: str) -> str:
    """The answers document, read once and bounded, from a regular file or stdin."""
    from triage.rulesets.reading import ReadFailed, read_stream, read_text

    try:
        if answers == "-":
            return read_stream(env.stdin, "<stdin>")
        return read_text(Path(answers))
    except ReadFailed as failed:
        message = _("cannot read the answers file {path}: {reason}")
        raise AnswerError(message.format(path=failed.path, reason=failed.reason)) from None

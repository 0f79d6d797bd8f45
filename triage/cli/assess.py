"""`triage assess`: every answer given at once, a recommendation out, no questions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from triage import i18n
from triage.cli import completion
from triage.cli.cache import proven_cache
from triage.cli.emit import emit
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
        from triage.deciding.answers import from_mapping, parse_document, parse_pairs
        from triage.deciding.loaded import load
        from triage.output.document import document

        loaded = load(rules, allow_unverified, proven_cache(env))
        given: dict[str, object] = {}
        if answers is not None:
            text = env.stdin.read() if answers == "-" else _read_answers(Path(answers))
            given.update(parse_document(text, "<stdin>" if answers == "-" else answers))
        given.update(parse_pairs(answer or []))
        lang = i18n.language()
        result = engine.assess(loaded.rules, from_mapping(loaded.rules, given), lang)
        emit(env, document(result, loaded, lang), fmt)


def _read_answers(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        message = _("cannot read the answers file {path!r}: {reason}")
        raise AnswerError(message.format(path=str(path), reason=reason)) from None

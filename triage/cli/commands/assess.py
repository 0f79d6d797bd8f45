"""`triage assess`: every answer given at once, a recommendation out, no questions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from triage import i18n
from triage.cli.emit import emit
from triage.cli.environment import Environment
from triage.cli.guard import guard
from triage.cli.help import completion
from triage.cli.options import (
    AllowUnverifiedOption,
    Format,
    FormatOption,
    PlainOption,
    RulesOption,
    environment,
)
from triage.errors import AnswerError, printable
from triage.i18n import _

if TYPE_CHECKING:
    from triage.output.result import SavedResult


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
) -> None:
    """Answers in, a recommendation out (help: where it is registered)."""
    env = environment(ctx, plain)
    with guard(env):
        from triage.deciding import engine
        from triage.deciding.answers import from_items, parse_pairs
        from triage.output.answers_document import AnswersDocument, disagreement, read_answers
        from triage.output.document import document
        from triage.screening.loading import load_rules

        pairs = parse_pairs(answer or [])
        from_file = AnswersDocument({})
        if answers is not None:
            name = "<stdin>" if answers == "-" else answers
            from_file = read_answers(_read_answers(env, answers), name)
        loaded = load_rules(rules, env.environ, allow_unverified)
        # --answer overrides the file; given twice, it must give the same answer.
        given = {
            **from_items(loaded.rules, from_file.answers.items()),
            **from_items(loaded.rules, pairs),
        }
        lang = i18n.language()
        result = engine.assess(loaded.rules, given, lang)
        doc = document(result, loaded, lang)
        differs = disagreement(from_file.recorded, doc) if not pairs else None
        if differs is not None:
            doc = replace(doc, saved_disagreement=differs)
            _warn_disagreement(env, differs, doc.outcome, doc.flags)
        emit(env, doc, fmt)


def _warn_disagreement(
    env: Environment, saved: SavedResult, outcome: str, flags: tuple[str, ...]
) -> None:
    """One line on stderr: the saved result says one thing, its answers another."""
    message = _(
        "triage: warning: the saved result records {saved} (flags: {saved_flags}), but its "
        "answers give {outcome} (flags: {flags}) under the same rule set: it was edited, "
        "or made otherwise"
    ).format(
        saved=printable(saved.outcome),
        saved_flags=printable(", ".join(saved.flags)) or "-",
        outcome=outcome,
        flags=", ".join(flags) or "-",
    )
    env.stderr.write(message + "\n")


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

"""`triage rules ...`: the authoring toolkit, for clinics that write their own rules.

Each command wires its options to a core module (checks, verify, cases, outline,
graph, model) and prints what it returns.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from triage import i18n
from triage.cli.environment import Environment
from triage.cli.guard import fail, guard
from triage.cli.options import PathArgument, environment
from triage.deciding.prove import BUDGET
from triage.errors import ExitStatus, Problem, RulesError
from triage.i18n import _, ngettext

app = typer.Typer(
    help=_("Check, verify, test, show and draw a rule set; print its JSON Schema."),
    no_args_is_help=True,
)


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"


def _path(path: Path | None) -> Path:
    from triage.rulesets.files import default_rules_path

    return path or default_rules_path()


def _problems_found(found: bool) -> None:
    if found:
        raise typer.Exit(ExitStatus.PROBLEMS_FOUND)


@app.command(
    help=_(
        "Report every problem of a rule set, with file:line:column and a hint.\n\n"
        "Exit 0: no error (and, with --strict, no warning); 1: warnings with --strict;\n"
        "2: errors, the rule set cannot be used (as in every other command)."
    )
)
def check(
    ctx: typer.Context,
    path: PathArgument = None,
    strict: Annotated[bool, typer.Option("--strict", help=_("Treat warnings as errors."))] = False,
    fmt: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            help=_("json: one document listing every problem, for editors and CI."),
        ),
    ] = ShowFormat.text,
) -> None:
    env = environment(ctx)
    with guard(env):
        from triage.authoring.lint import review
        from triage.rulesets.files import read_sources

        where = _path(path)
        try:
            sources = read_sources(where)
        except RulesError as error:
            if fmt is ShowFormat.json:  # still one document, then the same exit status
                _write_json(env, _checked(where, error.problems))
                raise typer.Exit(error.status) from None
            raise
        _rules, problems = review(sources)
        errors = sum(p.level == "error" for p in problems)
        warnings = len(problems) - errors
        if fmt is ShowFormat.json:
            _write_json(env, _checked(where, problems))
        else:
            for problem in problems:
                env.stdout.write(f"{problem}\n")
            counts = (
                ngettext("{n} error", "{n} errors", errors).format(n=errors),
                ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings),
            )
            # TRANSLATORS: the file, then "2 errors" and "1 warning" (each counted apart).
            summary = _("{path}: {errors}, {warnings}").format(
                path=where, errors=counts[0], warnings=counts[1]
            )
            env.stdout.write(summary + "\n")
        if errors:  # the rule set cannot be used: said as every other command says it
            unusable = ngettext("the rule set has {n} error", "the rule set has {n} errors", errors)
            fail(env, unusable.format(n=errors), ExitStatus.RULES_INVALID)
        _problems_found(bool(strict and warnings))


def _checked(where: Path, problems: Sequence[Problem]) -> dict[str, object]:
    """What `rules check --format json` prints: the counts, then each problem."""
    errors = sum(p.level == "error" for p in problems)
    return {
        "path": str(where),
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [p.as_data() for p in problems],
    }


def _write_json(env: Environment, data: object) -> None:
    env.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


@app.command(
    help=_(
        "Prove the safety properties for every combination of answers, or show the shortest "
        "counter-example."
        "\n\n"
        "Every walk reaches one outcome; a raised red flag never ends in a massage and\n"
        "always reaches its outcome or a more severe one; no question is asked twice.\n"
        "Questions never asked and outcomes never reached are reported too."
    )
)
def verify(
    ctx: typer.Context,
    path: PathArgument = None,
    budget: Annotated[
        int,
        typer.Option(
            "--budget",
            min=1,
            help=_(
                "What the proof may spend, in the solver's resource units, the same on every "
                "machine (default: 3,000,000). A success is remembered, so a rule set proven "
                "with a larger budget is used without proving it again."
            ),
        ),
    ] = BUDGET,
) -> None:
    env = environment(ctx)
    with guard(env):
        from triage import __version__
        from triage.deciding.loaded import load
        from triage.deciding.prove import OutOfBudget, prove
        from triage.screening.cache import proven_cache

        where = _path(path)
        loaded = load(where, verify=False)
        try:
            report = prove(loaded.rules, budget=budget)
        except OutOfBudget:
            message = _(
                "{path}: the proof could not finish within its budget ({budget} units), so the "
                "rule set is not proven; try a larger one: triage rules verify --budget {larger} "
                "{path}"
            )
            larger = budget * 10
            fail(
                env, message.format(path=where, budget=budget, larger=larger), ExitStatus.UNVERIFIED
            )
        cache = proven_cache(env.environ)
        if report.ok and cache is not None:  # the walk and assess need not prove it again
            cache.remember(loaded.sha256, __version__, report.properties)
        write = env.stdout.write
        checked = _(
            "{path}: {questions} questions, {flags} red flags; "
            "every combination of answers checked by the solver"
        )
        write(checked.format(path=where, questions=report.questions, flags=report.flags) + "\n")
        reached = ", ".join(report.reached) or _("none")
        write(_("outcomes reached: {outcomes}").format(outcomes=reached) + "\n")
        for violation in report.violations:
            line = _("VIOLATION [{rule}] {message}")
            write(line.format(rule=violation.rule, message=violation.message) + "\n")
            rules_option = f" --rules {shlex.quote(str(where))}" if path else ""
            command = f"triage assess{rules_option} {violation.as_options()}"
            write("  " + _("counter-example: {command}").format(command=command) + "\n")
        for question in report.never_asked:
            message = _("question {id!r} is never asked, whatever the answers").format(id=question)
            write(_("warning: {message}").format(message=message) + "\n")
        for outcome in report.never_reached:
            message = _("outcome {id!r} is never the result, whatever the answers")
            write(_("warning: {message}").format(message=message.format(id=outcome)) + "\n")
        if report.ok:
            write(
                _(
                    "ok: every walk reaches one outcome; a raised red flag never ends in a "
                    "massage and always reaches its outcome or a more severe one; no question "
                    "is asked twice"
                )
                + "\n"
            )
        _problems_found(not report.ok)


@app.command(
    "test",
    help=_(
        "Run the scenario cases beside a rule set (NAME.cases.yaml, or *.cases.yaml in a folder)."
    ),
)
def test_cases(ctx: typer.Context, path: PathArgument = None) -> None:
    env = environment(ctx)
    with guard(env):
        from triage.authoring.cases import run_cases
        from triage.deciding.loaded import load
        from triage.rulesets.files import read_case_sources

        where = _path(path)
        rules = load(where, allow_unverified=True).rules
        sources = read_case_sources(where)
        if not sources:
            env.stdout.write(_("{path}: no scenario cases found beside it").format(path=where))
            env.stdout.write("\n")
            raise typer.Exit(ExitStatus.PROBLEMS_FOUND)
        results = run_cases(rules, sources)
        for result in results:
            if result.passed:
                continue
            failed_line = _("FAILED {name} ({source})")
            env.stdout.write(failed_line.format(name=result.case.name, source=result.source))
            answers = json.dumps(result.case.answers, default=str)  # a decimal as written
            env.stdout.write("\n  " + _("answers: {answers}").format(answers=answers) + "\n")
            for failure in result.failures:
                env.stdout.write(f"  {failure}\n")
            for line in result.trace:
                env.stdout.write("  " + _("trace: {line}").format(line=line) + "\n")
        failed = sum(not r.passed for r in results)
        passed = len(results) - failed
        counts = (
            ngettext("{n} passed", "{n} passed", passed).format(n=passed),
            ngettext("{n} failed", "{n} failed", failed).format(n=failed),
        )
        # TRANSLATORS: "3 passed" and "1 failed", each counted apart.
        env.stdout.write(_("{passed}, {failed}").format(passed=counts[0], failed=counts[1]) + "\n")
        _problems_found(bool(failed))


@app.command(
    help=_("The questions in order with their conditions: a tree, or JSON for integrators.")
)
def show(
    ctx: typer.Context,
    path: PathArgument = None,
    fmt: Annotated[
        ShowFormat,
        typer.Option("--format", "-f", help=_("text: a tree to read; json: the whole rule set.")),
    ] = ShowFormat.text,
) -> None:
    env = environment(ctx)
    with guard(env):
        from triage.authoring import outline
        from triage.deciding.loaded import load

        loaded = load(_path(path), verify=False)
        rules = loaded.rules
        if fmt is ShowFormat.json:
            _write_json(env, outline.as_data(rules, loaded.sha256, i18n.language()))
        else:
            tree = outline.tree(rules, i18n.language())
            env.console(env.stdout).print(tree, soft_wrap=False)


@app.command(help=_("The flow from questions to outcomes as a Mermaid or Graphviz (dot) diagram."))
def graph(
    ctx: typer.Context,
    path: PathArgument = None,
    fmt: Annotated[
        GraphFormat,
        typer.Option("--format", "-f", help=_("mermaid for Markdown pages, dot for Graphviz.")),
    ] = GraphFormat.mermaid,
) -> None:
    env = environment(ctx)
    with guard(env):
        from triage.authoring.graph import to_dot, to_mermaid
        from triage.deciding.loaded import load

        rules = load(_path(path), verify=False).rules
        env.stdout.write(to_mermaid(rules) if fmt is GraphFormat.mermaid else to_dot(rules))


@app.command(
    help=_(
        "Print the JSON Schema of the rule-set format, or with --result of a JSON result "
        "(both generated from the code)."
    )
)
def schema(
    ctx: typer.Context,
    result: Annotated[
        bool,
        typer.Option(
            "--result",
            help=_("The schema of a result (triage assess --format json), for integrators."),
        ),
    ] = False,
) -> None:
    env = environment(ctx)
    if result:
        from triage.output.result import json_schema
    else:
        from triage.rulesets.model import json_schema

    env.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")

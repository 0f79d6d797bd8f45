"""`triage rules ...`: the authoring toolkit, for clinics that write their own rules.

Each command wires its options to a core module (checks, verify, cases, outline,
graph, model) and prints what it returns.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from triage.env import Environment
from triage.errors import ExitStatus
from triage.shell import guard

app = typer.Typer(
    help="Check, verify, test, show and draw a rule set; print its JSON Schema.",
    no_args_is_help=True,
)

PathArgument = Annotated[
    Path | None,
    typer.Argument(
        help="A rule-set file or folder (default: the rule set shipped with the tool).",
        show_default=False,
    ),
]


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"


def _env(ctx: typer.Context) -> Environment:
    return ctx.obj if isinstance(ctx.obj, Environment) else Environment()


def _path(path: Path | None) -> Path:
    from triage.sources import default_rules_path

    return path or default_rules_path()


def _problems_found(found: bool) -> None:
    if found:
        raise typer.Exit(ExitStatus.PROBLEMS_FOUND)


@app.command()
def check(
    ctx: typer.Context,
    path: PathArgument = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Report every problem of a rule set, with file:line:column and a hint.

    Exit 0: no problem; 1: problems found; 2: the rule set cannot be read.
    """
    env = _env(ctx)
    with guard(env):
        from triage.checks import review
        from triage.sources import read_sources

        where = _path(path)
        _rules, problems = review(read_sources(where))
        for problem in problems:
            env.stdout.write(f"{problem}\n")
        errors = sum(p.level == "error" for p in problems)
        warnings = len(problems) - errors
        env.stdout.write(f"{where}: {errors} error(s), {warnings} warning(s)\n")
        failed = errors or (strict and warnings)
        _problems_found(bool(failed))


@app.command()
def verify(ctx: typer.Context, path: PathArgument = None) -> None:
    """Prove the safety properties over every path, or show the shortest counter-example.

    Every path reaches exactly one outcome; each red flag leads to its outcome or a
    more severe one; no question is asked twice; no path dead-ends.
    """
    env = _env(ctx)
    with guard(env):
        from triage.shell import load
        from triage.verify import verify as prove

        where = _path(path)
        report = prove(load(where, allow_unverified=True).rules)
        outcomes = ", ".join(f"{k}: {v}" for k, v in sorted(report.outcomes.items()))
        env.stdout.write(f"{where}: {report.paths} distinct paths explored ({outcomes})\n")
        for violation in report.violations:
            env.stdout.write(f"VIOLATION [{violation.rule}] {violation.message}\n")
            rules_option = f" --rules {where}" if path else ""
            env.stdout.write(f"  counter-example: triage assess{rules_option} ")
            env.stdout.write(f"{violation.as_options()}\n")
        if report.ok:
            env.stdout.write(
                "ok: every path reaches one outcome, every red flag is honoured, "
                "no question is asked twice\n"
            )
        _problems_found(not report.ok)


@app.command("test")
def test_cases(ctx: typer.Context, path: PathArgument = None) -> None:
    """Run the scenario cases beside a rule set (NAME.cases.yaml, or *.cases.yaml in a folder)."""
    env = _env(ctx)
    with guard(env):
        from triage.cases import run_cases
        from triage.shell import load
        from triage.sources import read_case_sources

        where = _path(path)
        rules = load(where, allow_unverified=True).rules
        sources = read_case_sources(where)
        if not sources:
            env.stdout.write(f"{where}: no scenario cases found beside it\n")
            raise typer.Exit(ExitStatus.PROBLEMS_FOUND)
        results = run_cases(rules, sources)
        for result in results:
            if result.passed:
                continue
            env.stdout.write(f"FAILED {result.case.name} ({result.source})\n")
            env.stdout.write(f"  answers: {json.dumps(result.case.answers)}\n")
            for failure in result.failures:
                env.stdout.write(f"  {failure}\n")
            for line in result.trace:
                env.stdout.write(f"  trace: {line}\n")
        failed = sum(not r.passed for r in results)
        env.stdout.write(f"{len(results) - failed} passed, {failed} failed\n")
        _problems_found(bool(failed))


@app.command()
def show(
    ctx: typer.Context,
    path: PathArgument = None,
    fmt: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
) -> None:
    """The questions in order with their conditions: a tree, or JSON for integrators."""
    env = _env(ctx)
    with guard(env):
        from triage import outline
        from triage.shell import load

        rules = load(_path(path), allow_unverified=True).rules
        if fmt is ShowFormat.json:
            env.stdout.write(json.dumps(outline.questions(rules), indent=2) + "\n")
        else:
            env.console(env.stdout).print(outline.tree(rules), soft_wrap=False)


@app.command()
def graph(
    ctx: typer.Context,
    path: PathArgument = None,
    fmt: Annotated[GraphFormat, typer.Option("--format", "-f")] = GraphFormat.mermaid,
) -> None:
    """The flow from questions to outcomes as a Mermaid or Graphviz (dot) diagram."""
    env = _env(ctx)
    with guard(env):
        from triage.graph import to_dot, to_mermaid
        from triage.shell import load

        rules = load(_path(path), allow_unverified=True).rules
        env.stdout.write(to_mermaid(rules) if fmt is GraphFormat.mermaid else to_dot(rules))


@app.command()
def schema(ctx: typer.Context) -> None:
    """Print the JSON Schema of the rule-set format (generated from the model)."""
    env = _env(ctx)
    from triage.model import json_schema

    env.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")

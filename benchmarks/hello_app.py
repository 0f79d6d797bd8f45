"""The baseline for start-up figures: a one-command Typer app with a --version option.

Run as `python -m hello_app --version` (or without --version, to run its command):
what any Typer CLI costs to start, so massage-triage's own start-up can be given as
a ratio to it.
"""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(add_completion=True, pretty_exceptions_enable=False)


def _version(value: bool) -> None:
    if value:
        typer.echo("hello 1.0.0")
        raise typer.Exit()


@app.command()
def hello(
    name: Annotated[str, typer.Option(help="Who to greet.")] = "world",
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Say hello."""
    typer.echo(f"Hello {name}")


if __name__ == "__main__":
    app()

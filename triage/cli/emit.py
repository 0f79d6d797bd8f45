"""Printing a result document on stdout, in the chosen format."""

from __future__ import annotations

from typing import TYPE_CHECKING

from triage.cli.environment import Environment
from triage.cli.options import Format
from triage.output.typography import fit

if TYPE_CHECKING:
    from triage.output.result import ResultDocument


def emit(env: Environment, doc: ResultDocument, fmt: Format) -> None:
    """Print a result document on stdout in the chosen format."""
    from triage.output import formats

    if fmt is Format.json:
        env.stdout.write(formats.to_json(doc) + "\n")
    elif fmt is Format.markdown:
        env.stdout.write(_shown(env, formats.to_markdown(doc)))
    elif env.plain(env.stdout):
        env.stdout.write(_shown(env, formats.to_plain(doc, env.columns(env.stdout))))
    else:
        console = env.console(env.stdout)
        ascii_only = not console.encoding.startswith("utf")
        console.print(formats.to_rich(doc, ascii_only=ascii_only, width=console.width))
    env.stdout.flush()


def emit_call(
    env: Environment, doc: ResultDocument, note: str, fmt: Format, saved: str = ""
) -> None:
    """The end of a call: what to say to the caller, what to do, then the booking note
    (after `saved`, the number it was stored under, when it was)."""
    from triage.output import call_end, formats

    if fmt is not Format.text and saved:
        env.stderr.write(_shown(env, saved) + "\n")
    if fmt is Format.json:
        env.stdout.write(formats.to_json(doc) + "\n")  # the call's document holds its note
    elif fmt is Format.markdown:
        env.stdout.write(formats.to_markdown(doc) + call_end.to_markdown(doc, note))
    else:
        import typer

        colour = not env.plain(env.stdout) and not env.no_color
        styles = {"heading": {"bold": True}, "alarm": {"bold": True, "fg": "red"}}
        lines = call_end.call_lines(doc, note, env.columns(env.stdout), saved)
        for line, style in lines:
            line = _shown(env, line)  # typeset by call_end, before wrapping
            shown = typer.style(line, **styles[style]) if colour and style else line  # type: ignore[arg-type]
            env.stdout.write(shown + "\n")
    env.stdout.flush()


def _shown(env: Environment, text: str) -> str:
    """Typeset text as standard output can show it (ASCII punctuation where it must)."""
    return fit(text, env.stdout)

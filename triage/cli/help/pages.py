"""Every command's help page, written when it is asked for, in the command line's language.

Typer would draw it with Rich from texts fixed when the commands were defined, with
Click's and Typer's own words in English, and cut long option names at 80 columns.
Here each command's context (`HelpContext`) renders the page itself: every text is
looked up in the catalog at that moment (so the language chosen by `--lang` or the
environment holds whichever module was imported first), the framework's own words
come from the same catalog, lines wrap at word boundaries to the terminal's width
(40 to 200 columns), French typography applies, and each page ends with examples.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from typing import Any

import typer
from typer.core import TyperGroup

from triage import i18n
from triage.cli.environment import Environment
from triage.cli.help.click_api import click
from triage.cli.help.examples import EXAMPLES
from triage.i18n import N_, _
from triage.output.typography import fit, typeset
from triage.output.wrapping import wrap

# The help of options that Click and Typer define themselves: in the catalog, so that
# `_()` finds them when the page is written.
FRAMEWORK_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

# Value names Typer derives from a type, said as a reader expects them.
_TYPE_NAMES = {"str": "TEXT", "int": "N", "float": "NUMBER", "path": "PATH", "date": "DATE"}


class HelpContext(typer.Context):
    """A command's context whose help and usage are this module's."""

    def get_help(self) -> str:
        return page(self)

    def get_usage(self) -> str:
        return for_stdout(self, _wrap_usage(usage(self), _width(self)))


def adopt(command: click.Command) -> None:
    """Give a command and every command under it this module's help pages."""
    command.context_class = HelpContext
    for child in getattr(command, "commands", {}).values():
        adopt(child)


def page(ctx: click.Context) -> str:
    """The whole help page of the context's command."""
    command = ctx.command
    width = _width(ctx)
    parts = [usage(ctx)]
    if command.help:
        parts.append(_paragraphs(_(inspect.cleandoc(command.help)), width))
    arguments = [_argument_row(p) for p in _visible(ctx) if p.param_type_name == "argument"]
    if arguments:
        parts.append(_section(_("Arguments"), arguments, width))
    options = [_option_row(ctx, p) for p in _visible(ctx) if p.param_type_name == "option"]
    if options:
        parts.append(_section(_("Options"), options, width))
    commands = list(_commands(ctx))
    if commands:
        parts.append(_section(_("Commands"), commands, width))
    examples = EXAMPLES.get(ctx.command_path, ())
    if examples:
        parts.append(_examples(examples, width))
    return for_stdout(ctx, "\n\n".join([_wrap_usage(parts[0], width), *parts[1:]]).rstrip())


def usage(ctx: click.Context) -> str:
    """`Usage: triage assess [OPTIONS]`, in words of the language."""
    command = ctx.command
    pieces = [_("Usage:"), ctx.command_path, _("[OPTIONS]")]
    pieces += [_argument_name(p) for p in _visible(ctx) if p.param_type_name == "argument"]
    if isinstance(command, TyperGroup):
        optional = getattr(command, "invoke_without_command", False)
        pieces.append(_("[COMMAND [ARGS]...]") if optional else _("COMMAND [ARGS]..."))
    return " ".join(pieces)


def for_stdout(ctx: click.Context, text: str) -> str:
    """The page as standard output can show it (ASCII punctuation where it must)."""
    return fit(text, _environment(ctx).stdout)


# ---------------------------------------------------------------- the parts


def _visible(ctx: click.Context) -> Iterator[Any]:
    return (p for p in ctx.command.get_params(ctx) if not getattr(p, "hidden", False))


def _argument_name(param: Any) -> str:
    name = param.metavar or param.name.upper()
    return _(name)


def _argument_row(param: Any) -> tuple[str, str]:
    return _argument_name(param), _(param.help) if param.help else ""


def _option_row(ctx: click.Context, param: Any) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=lambda o: (o.startswith("--"), o)))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    value = _value_name(ctx, param)
    if value:
        names += f" {value}"
    said = [_(inspect.cleandoc(param.help))] if param.help else []
    default = _default(param)
    if default:
        said.append(_("[default: {value}]").format(value=default))
    if param.required:
        said.append(_("[required]"))
    return names, "  ".join(said)


def _value_name(ctx: click.Context, param: Any) -> str:
    """What an option's value is: its metavar, its choices (`a|b`), or its type in words."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return ""
    if param.metavar:
        return _(param.metavar)
    shown_type = str(param.display_type(ctx)).strip("<>")
    if "|" in shown_type:
        return shown_type
    kind = shown_type.split()[0].lower() if shown_type else ""  # "int range" is an int
    return _TYPE_NAMES.get(kind, shown_type.upper())


def _default(param: Any) -> str:
    """The default worth saying: a value, not an unset option nor a flag that is off."""
    value = param.default
    if not param.show_default or value is None or getattr(param, "is_flag", False):
        return ""
    if isinstance(param.show_default, str):
        return param.show_default
    return str(getattr(value, "value", value))


def _commands(ctx: click.Context) -> Iterator[tuple[str, str]]:
    command = ctx.command
    if not isinstance(command, TyperGroup):
        return
    for name in command.list_commands(ctx):
        found = command.get_command(ctx, name)
        if found is None or found.hidden:
            continue
        text = _(inspect.cleandoc(found.help or ""))
        yield name, text.split("\n\n")[0]


def _examples(examples: tuple[tuple[str, str], ...], width: int) -> str:
    """What each example does, then its command line as typed."""
    lines = [_heading(_("Examples"))]
    for command, said in examples:
        lines.extend(_fill(_(said), width, "  "))
        lines.extend(_command_line(command, width))
    return "\n".join(lines)


def _command_line(command: str, width: int) -> list[str]:
    """`$ command`; too long for the width, it goes on after a backslash, never cut."""
    lines = wrap(command, width - 2, "    $ ", "        ")
    return [line + " \\" for line in lines[:-1]] + lines[-1:]


def _section(heading: str, rows: list[tuple[str, str]], width: int) -> str:
    """A heading, then one row per item: its name, and its text wrapped beside or below it.

    On a narrow terminal every text goes below its name, so that it keeps room to read.
    """
    column = min(max(len(name) for name, _text in rows) + 4, 30)
    if width < 60:
        column = 6
    lines = [_heading(heading)]
    for name, text in rows:
        beside = len(name) + 4 <= column
        first = "  " + name.ljust(column - 4) + "  " if beside else "  " + name
        wrapped = _fill(text, width, " " * column)
        if beside and wrapped:
            lines.append(first + wrapped[0].lstrip())
            lines.extend(wrapped[1:])
        else:
            lines.append(first)
            lines.extend(wrapped)
    return "\n".join(lines)


def _heading(name: str) -> str:
    return typeset(_("{heading}:").format(heading=name), i18n.language())


def _paragraphs(text: str, width: int) -> str:
    """A command's help: its paragraphs, each rewrapped to the width, indented."""
    return "\n\n".join(
        "\n".join(_fill(re.sub(r"[ \t\n]+", " ", paragraph).strip(), width, "  "))
        for paragraph in text.split("\n\n")
    )


def _wrap_usage(line: str, width: int) -> str:
    return "\n".join(_fill(line, width, "", "    "))


def _fill(text: str, width: int, indent: str, later: str | None = None) -> list[str]:
    """Prose, typeset, wrapped at spaces only: a word, an option name or a hyphenated word
    is never cut (command lines are not prose: they are printed as they are typed)."""
    if not text:
        return []
    return wrap(typeset(text, i18n.language()), width, indent, indent if later is None else later)


def _environment(ctx: click.Context) -> Environment:
    found = ctx.find_root().obj
    return found if isinstance(found, Environment) else Environment()


def _width(ctx: click.Context) -> int:
    """The width every line of the tool takes (`Environment.measure`), kept between 40
    and 200 columns for a page that can still be read."""
    env = _environment(ctx)
    return max(40, min(200, env.measure(env.stdout)))

"""Click's and Typer's usage errors, said in one line in the language of the command line.

Click builds its messages in English with f-strings ("No such option: --formt",
"Invalid value for '--format': ..."), so they cannot be looked up as they are: each
kind of error is said again here from what the exception carries (the option, the
parameter, the values), and the inner messages Typer and pydantic give for a bad
value are recognised by their shape. A message not known here is shown as Click
wrote it, never lost.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from triage.cli.help.click_api import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoSuchOption,
)
from triage.i18n import _, ngettext

Saying = Callable[[re.Match[str]], str]


def said(error: ClickException) -> str:
    """The error's message, in one line, in the language of this run."""
    if isinstance(error, NoSuchOption):
        return _no_such_option(error)
    if isinstance(error, MissingParameter):
        return _missing(error)
    if isinstance(error, BadParameter):
        return _bad_value(error)
    return _known(error.format_message())


def _no_such_option(error: NoSuchOption) -> str:
    message = _("no such option: {option}").format(option=error.option_name)
    if error.possibilities:
        close = ", ".join(sorted(error.possibilities))
        message += " " + _("(did you mean {options}?)").format(options=close)
    return message


def _missing(error: MissingParameter) -> str:
    hint = _hint(error)
    kind = error.param_type or (error.param.param_type_name if error.param else "")
    if kind == "argument":
        message = _("missing argument {name}").format(name=hint)
    else:
        message = _("missing option {name}").format(name=hint)
    choices = getattr(getattr(error.param, "type_descriptor", None), "choices", None)
    if choices:
        values = ", ".join(str(getattr(c, "value", c)) for c in choices)
        message += " " + _("(one of: {values})").format(values=values)
    return message


def _bad_value(error: BadParameter) -> str:
    inner = _known(error.message.removeprefix("Value error, "))
    hint = _hint(error)
    if not hint:
        return _("invalid value: {message}").format(message=inner)
    return _("invalid value for {name}: {message}").format(name=hint, message=inner)


def _hint(error: BadParameter) -> str:
    if error.param_hint is not None:
        given = error.param_hint
        return given if isinstance(given, str) else " / ".join(repr(x) for x in given)
    return error.param.get_error_hint() if error.param is not None else ""


def _known(message: str) -> str:
    """A message of Click, Typer or pydantic said again, or as it is when not known here."""
    message = " ".join(message.split())
    for pattern, saying in _SHAPES:
        found = pattern.fullmatch(message)
        if found:
            return saying(found)
    return message


def _extra(found: re.Match[str]) -> str:
    given = found["args"]
    return ngettext(
        "unexpected extra argument: {args}",
        "unexpected extra arguments: {args}",
        len(given.split()),
    ).format(args=given)


_SHAPES: tuple[tuple[re.Pattern[str], Saying], ...] = (
    (
        re.compile(r"No such command '(?P<name>.*)'\. Did you mean (?P<close>.*)\?"),
        lambda f: _("no such command {name!r} (did you mean {close}?)").format(
            name=f["name"], close=f["close"]
        ),
    ),
    (
        re.compile(r"No such command '(?P<name>.*)'\."),
        lambda f: _("no such command {name!r}").format(name=f["name"]),
    ),
    (re.compile(r"Missing command\."), lambda f: _("a command is missing")),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"), _extra),
    (
        re.compile(r"Option '(?P<name>.*)' requires an argument\."),
        lambda f: _("option {name!r} needs a value").format(name=f["name"]),
    ),
    (
        re.compile(r"Option '(?P<name>.*)' requires (?P<n>\d+) arguments\."),
        lambda f: _("option {name!r} needs {n} values").format(name=f["name"], n=f["n"]),
    ),
    (
        re.compile(r"Option '(?P<name>.*)' does not take a value\."),
        lambda f: _("option {name!r} takes no value").format(name=f["name"]),
    ),
    (
        re.compile(r"(?P<value>'.*') is not one of (?P<choices>.*)\."),
        lambda f: _("{value} is not one of {choices}").format(
            value=f["value"], choices=f["choices"]
        ),
    ),
    (
        re.compile(r"Input should be a valid integer.*"),
        lambda f: _("a whole number is expected"),
    ),
    (
        re.compile(r"Input should be a valid number.*"),
        lambda f: _("a number is expected"),
    ),
    (
        re.compile(r"Input should be greater than or equal to (?P<n>\S+)"),
        lambda f: _("the value must be {n} or more").format(n=f["n"]),
    ),
    (
        re.compile(r"Input should be less than or equal to (?P<n>\S+)"),
        lambda f: _("the value must be {n} or less").format(n=f["n"]),
    ),
)

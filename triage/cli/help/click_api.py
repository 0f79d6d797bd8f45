"""Click's errors as Typer ships them: the one module that reaches into Typer's private
`typer._click` (Typer vendors its own Click, so `click.exceptions` are other classes).

Typer is bounded above in `pyproject.toml`: a release that moves these fails here, in
one place, and the bound is raised once this module follows.
"""

from __future__ import annotations

from typer import _click as click
from typer._click.exceptions import (
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)

__all__ = [
    "BadParameter",
    "ClickException",
    "MissingParameter",
    "NoArgsIsHelpError",
    "NoSuchOption",
    "UsageError",
    "click",
]

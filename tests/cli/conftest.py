"""The command line's tests: a fake environment for the guard, the default rules' file, and
no program left waiting for an answer by a terminal test that failed half-way."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from triage.cli.environment import Environment
from triage.rulesets.files import default_rules_path


@pytest.fixture(scope="session")
def default_rules_file() -> Path:
    return default_rules_path()


@pytest.fixture
def fake_env() -> Callable[..., Environment]:
    """An Environment on StringIO streams, with explicit tty flags and environment."""

    def make(
        stdin: str = "",
        *,
        tty: bool = False,
        environ: dict[str, str] | None = None,
        width: int | None = 80,
    ) -> Environment:
        return Environment(
            stdin=io.StringIO(stdin),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
            stdin_isatty=tty,
            stdout_isatty=tty,
            stderr_isatty=tty,
            environ=dict(environ or {}),
            width=width,
        )

    return make


@pytest.fixture(autouse=True)
def _close_terminal_sessions() -> Iterator[None]:
    """A terminal test that fails half-way leaves no program waiting for an answer."""
    yield
    from terminal_session import close_all

    close_all()

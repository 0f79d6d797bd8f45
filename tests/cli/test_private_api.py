"""Typer's private API (`typer._click`) is reached from one module, whose docstring says
why; Typer is bounded above so that a release moving it cannot arrive unseen."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from paths import ROOT

PACKAGE = ROOT / "triage"


def private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
    return [name for name in found if name.startswith("typer._")]


def test_only_click_api_imports_typers_private_modules() -> None:
    users = {p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py") if private_imports(p)}
    assert users == {"triage/cli/help/click_api.py"}


def test_typer_is_bounded_above() -> None:
    pinned = re.search(r'"typer([^"]*)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pinned and "<" in pinned.group(1)

"""The terminal's tests: every test of a `test_pty_*` file runs in a real pseudo-terminal,
marked `pty` here (so `pytest -m "not pty"` skips them all, and no test of another file
is marked by mistake); on a system without one (Windows) they are not collected."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

collect_ignore_glob = ["test_pty*.py"] if sys.platform == "win32" else []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).name.startswith("test_pty"):
            item.add_marker(pytest.mark.pty)

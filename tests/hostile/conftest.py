"""Prints the hostile-input figures at the end of a test session that ran the corpus."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_terminal_summary(terminalreporter):  # type: ignore[no-untyped-def]
    from run import summary
    from test_hostile import FOUND

    if FOUND:
        terminalreporter.write_line(summary(FOUND))

    from http_run import summary as http_summary
    from test_hostile_http import FOUND_HTTP

    if FOUND_HTTP:
        terminalreporter.write_line(http_summary(FOUND_HTTP))

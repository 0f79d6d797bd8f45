"""The hostile HTTP corpus (see `http_corpus.py`), sent to a real `triage serve`.

Every request gets its listed status (a clear 4xx page, or the connection closed for
what is not HTTP), no traceback ever, and the server stays healthy; the figures
recorded in http_figures.json are this run's.
"""

from __future__ import annotations

import json
import sys

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="a real server on loopback"),
]

FOUND_HTTP: dict[str, dict[str, int]] = {}


def test_every_hostile_request_gets_a_clear_answer():
    from http_run import FIGURES, figures, run_all, summary

    outcomes, server_problems = run_all()
    FOUND_HTTP.update(figures(outcomes))
    unclean = [f"[{o.case.category}] {o.case.name!r}: {o.problem}" for o in outcomes if not o.clean]
    assert not unclean, f"{len(unclean)} not clean:\n" + "\n".join(unclean)
    assert not server_problems, "\n".join(server_problems)
    recorded = json.loads(FIGURES.read_text(encoding="utf-8"))
    assert recorded == FOUND_HTTP, (
        f"http_figures.json is out of date ({summary(FOUND_HTTP)}): "
        "run python tests/hostile/http_run.py --write"
    )

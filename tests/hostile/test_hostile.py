"""The hostile corpus (see `corpus.py`), every case through `python -m triage`, bounded.

One test runs every case (two at a time) and checks that each ended cleanly, that the
figures recorded in figures.json are those of this run, and leaves them for the
session's summary line ("hostile inputs: N tried, N clean").
"""

from __future__ import annotations

import json
import sys

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="FIFOs, /dev files and rlimits"),
]

FOUND: dict[str, dict[str, int]] = {}


def test_every_hostile_input_is_handled_cleanly():
    from run import FIGURES, figures, run_all, summary

    outcomes = run_all()
    FOUND.update(figures(outcomes))
    unclean = [f"[{o.case.category}] {o.case.name!r}: {o.problem}" for o in outcomes if not o.clean]
    assert not unclean, f"{len(unclean)} not clean:\n" + "\n".join(unclean)
    recorded = json.loads(FIGURES.read_text(encoding="utf-8"))
    assert recorded == FOUND, (
        f"figures.json is out of date ({summary(FOUND)}): run python tests/hostile/run.py --write"
    )

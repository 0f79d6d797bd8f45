"""The history tests' fixtures: a history file's place, an open store, a filled history,
and the desk's clock in Paris."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from histories import at, screening

from triage.history.store import Screening, Store


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "clinic" / "history.sqlite3"


@pytest.fixture
def store(db: Path):
    with Store.open(db) as opened:
        yield opened


@pytest.fixture
def filled(db: Path) -> list[Screening]:
    """Four screenings over four days, as stored (newest first)."""
    with Store.open(db) as store:
        store.save(screening(at(20, 9, 5), "relaxation", "B-1", mode="client"))
        store.save(screening(at(21, 10), "see_doctor", "B-2", flags=["fever", "recent_trauma"]))
        store.save(screening(at(22, 11), "therapeutic", None, cautions=["pregnancy"]))
        store.save(screening(at(23, 19, 45, 12), "relaxation", 'B-4, "quoted"\nline'))
        return store.list()


@pytest.fixture
def paris() -> Iterator[None]:
    """The desk's clock in Paris (UTC+1 in November), for local times."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/Paris"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()

"""The web pages' tests: a test client on a fresh `triage serve` application, whose walks
and history live in the test's own folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient
from web_client import client_for


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return client_for(tmp_path)

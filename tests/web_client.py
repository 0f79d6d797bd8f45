"""One way into the web pages for the tests: a walk driven as a browser drives it.

`walk` starts a walk, reads each page's question id from its form (the server,
never the test, chooses the next question) and posts the answer the scenario gives
for it, as the page's own form would encode it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx2 as httpx
from starlette.testclient import TestClient

from triage.authoring.cases import parse_cases
from triage.rulesets.files import default_rules_path, read_case_sources
from triage.rulesets.model import QuestionT, RuleSet
from triage.web.app import create
from triage.web.settings import Settings
from triage.web.walks import Walks

NONE = "-"
CASES = [case for source in read_case_sources(default_rules_path()) for case in parse_cases(source)]


# One private proof cache for the test run: each app verifies the rule set once.
PROOFS = tempfile.mkdtemp(prefix="triage-proofs-")


def app_for(state: Path, **settings: Any) -> Any:
    """The application, as `triage serve` builds it, over a fresh store in `state`."""
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    Walks(state).prepare()
    settings.setdefault("allowed_hosts", ("testserver",))
    settings.setdefault("db", str(state / "history.sqlite3"))
    return create(Settings(state=str(state), **settings), {"TRIAGE_CACHE": PROOFS})


def client_for(state: Path, **settings: Any) -> TestClient:
    return TestClient(app_for(state, **settings), follow_redirects=True)


def hidden(page: str, name: str) -> str:
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)">', page)
    assert found, f"no hidden {name} field in the page"
    return found.group(1)


def outcome(page: str) -> str | None:
    found = re.search(r'data-outcome="([a-z_0-9]+)"', page)
    return found.group(1) if found else None


def fields(question: QuestionT, value: object) -> list[tuple[str, str]]:
    """A scenario's answer as the question's form sends it."""
    if question.type == "multi_choice":
        keys = value if isinstance(value, list) else [] if value in (None, "none") else [value]
        return [("answer", str(k)) for k in keys] or [("answer", NONE)]
    if question.type == "yes_no":
        return [("answer", "yes" if value is True else "no")]
    return [("answer", "" if value is None else str(value))]


def answer(
    client: TestClient, page: httpx.Response, rules: RuleSet, value: object
) -> httpx.Response:
    """Post one answer on a question page, as its form would."""
    question = rules.question(hidden(page.text, "question"))
    data = [
        ("csrf", hidden(page.text, "csrf")),
        ("question", question.id),
        *fields(question, value),
    ]
    return client.post(
        str(page.url.path),
        content=httpx.QueryParams(data).__str__(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )


def walk(
    client: TestClient, rules: RuleSet, answers: Mapping[str, object], lang: str = "en"
) -> httpx.Response:
    """Start and answer every question the server asks from `answers`, to the result."""
    page = client.post("/start", data={"lang": lang})
    for _step in range(len(rules.questions) + 1):
        if page.url.path == "/result":
            return page
        assert page.status_code == 200, page.text
        question_id = hidden(page.text, "question")
        page = answer(client, page, rules, answers.get(question_id))
    raise AssertionError("the walk did not end")

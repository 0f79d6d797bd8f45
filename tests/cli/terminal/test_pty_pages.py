"""A long list in pages, read off the screen a person sees (pyte fed by a real pty).

At 24 rows and 40 or 80 columns, in English and French, for a client and a call: every
page of the emergency signs shows the question, its own items whole and the prompt on
one screen; "none of these" comes only on the last page; numbers ticked on a page count,
Enter shows the next page, back shows the page before.
"""

from __future__ import annotations

import json
import time
from typing import Any

import pexpect
import pyte
import pytest
import yaml
from cli_run import process
from terminal_session import PROMPT, ROOT, spawn

from triage.cli.terminal.prompter import STRAY_ENTER

RULES = yaml.safe_load((ROOT / "rules" / "default.yaml").read_text(encoding="utf-8"))
SIGNS: dict[str, Any] = RULES["questions"][0]
assert SIGNS["id"] == "emergency_signs"
ROWS = 24
MORE = {"en": "more on the next page", "fr": "suite à la page suivante"}
NONE = {"en": "None of these", "fr": "Aucun de ces signes"}


def words(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    return " ".join(text.split())


def screen(child: pexpect.spawn, columns: int) -> list[str]:
    """The rows in view now, as a person sees them."""
    shown = pyte.Screen(columns, ROWS)
    pyte.Stream(shown).feed(str(child.log.getvalue()))  # type: ignore[attr-defined]
    rows = [row.rstrip() for row in shown.display]
    while rows and not rows[-1]:  # the rows below the cursor, not written yet
        rows.pop()
    return rows


def question_text(lang: str, audience: str) -> str:
    text = SIGNS["text"]
    return words(text["reception"][lang] if audience == "call" else text[lang])


def label(choice: dict[str, Any], lang: str, audience: str) -> str:
    """A choice's words as shown: a call reads the receptionist's wording where it has one."""
    worded = choice["label"]
    if audience == "call" and "reception" in worded:
        return words(worded["reception"][lang])
    return words(worded[lang])


def at_prompt(child: pexpect.spawn) -> str:
    child.expect_exact(PROMPT)
    time.sleep(0.1)  # the prompt is the last thing written: the screen is whole
    return str(child.before)


def start(audience: str, lang: str, columns: int) -> pexpect.spawn:
    args = ["call", "--no-save"] if audience == "call" else []
    child = spawn(*args, "--format", "json", columns=columns, TRIAGE_LANG=lang)
    child.setwinsize(ROWS, columns)
    return child


@pytest.mark.parametrize("columns", [40, 80])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("audience", ["client", "call"])
def test_every_page_shows_the_question_its_items_and_the_prompt(
    audience: str, lang: str, columns: int
) -> None:
    child = start(audience, lang, columns)
    labels = [label(choice, lang, audience) for choice in SIGNS["choices"]]
    seen: list[str] = []
    for _page in range(len(labels) + 1):
        before = words(at_prompt(child))
        rows = screen(child, columns)
        view = words(" ".join(rows))
        assert question_text(lang, audience) in view, rows  # the question still in view
        assert words(rows[-1]).endswith(">"), rows  # and the prompt, last
        shown = [label for label in labels if label in before]
        assert shown and all(label in view for label in shown), rows  # each item whole
        seen += shown
        if MORE[lang] not in before:
            assert NONE[lang] in view
            break
        assert NONE[lang] not in before  # "none" only once every item has been seen
        time.sleep(STRAY_ENTER)
        child.sendline("")
    assert seen == labels  # every item, once, in order
    child.sendline("0")
    child.close(force=True)


def test_a_number_ticked_on_a_page_counts_and_none_waits_for_the_last_page() -> None:
    child = start("client", "en", 40)
    before = at_prompt(child)
    assert MORE["en"] in words(before)
    child.sendline("0")  # none of these, before the other pages were seen: not yet
    assert "press Enter for the next items" in words(at_prompt(child))
    child.sendline("2")  # the swollen calf, on this page
    page_two = words(at_prompt(child))
    assert "Items" in page_two and "Items 1 " not in page_two
    child.sendline("b")  # back: the first page again
    assert "Items 1 to" in words(at_prompt(child))
    child.sendline("2")
    while MORE["en"] in words(at_prompt(child)):
        child.sendline("")
    assert "Ticked on the pages before: 2" in screen_words(child)
    child.sendline("")  # just those
    child.expect(pexpect.EOF)
    out = str(child.log.getvalue())  # type: ignore[attr-defined]
    result = json.loads(out[out.index("{") : out.rindex("}") + 1])
    assert result["answers"]["emergency_signs"] == ["swollen_calf"]
    assert result["outcome"] == "emergency"


def screen_words(child: pexpect.spawn) -> str:
    return words(" ".join(screen(child, 40)))


def test_piped_answers_never_meet_a_page() -> None:
    """Into a pipe, nothing is paged: `printf` answers a long list in one line."""
    done = process("--format", "json", input="2\n", environ={"LINES": "10"}, columns=40)
    assert "next page" not in done.err
    assert json.loads(done.out)["answers"]["emergency_signs"] == ["swollen_calf"]

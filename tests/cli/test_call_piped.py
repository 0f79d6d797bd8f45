"""A call with its answers piped (not a terminal): the same call, its JSON, nothing stored
when told."""

from __future__ import annotations

import json
from pathlib import Path

from calls import (
    BOOK_RELAXATION,
    BOOK_THERAPEUTIC,
    OUTCOMES,
    YES_NO_HINT,
    C,
    headline,
    reception_advice,
    safety_net,
    say,
    therapeutic_note,
    to_do,
    undated,
)
from cli_run import process


def test_for_reception_accepts_no_save(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    typed = "0\n3\n0\n0\nn\n\n"
    done = process("--for", "reception", "--no-save", input=typed, environ={"TRIAGE_DB": str(db)})

    assert done.code == 0, done.err
    assert BOOK_RELAXATION in done.out.splitlines()
    assert not db.exists()


def test_piped_call_as_json_without_saving(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    typed = ["0", "3", "s", "1", "n", "0", "y", "1 2", "3", "n", "n", "n", "n", "24 weeks", ""]
    done = process(
        *("call", "--format", "json", "--no-save", "--caller-ref", "P-9"),
        input="".join(f"{line}\n" for line in typed),
        environ={"TRIAGE_DB": str(db)},
    )

    assert done.code == 0, done.err
    doc = json.loads(done.out)  # stdout is the JSON document and nothing else
    assert doc["outcome"] == "therapeutic"
    assert doc["audience"] == "reception"
    assert doc["advice"] == reception_advice("therapeutic")
    assert doc["say"] == say("therapeutic")
    assert doc["safety_net"] == OUTCOMES["therapeutic"]["if_worse"]["en"]  # in full
    assert doc["verdict"] == {
        "headline": headline("therapeutic"),
        "act": BOOK_THERAPEUTIC,
        "safety_net": safety_net("therapeutic"),  # in one line
    }
    assert doc["to_do"][:2] == [BOOK_THERAPEUTIC, to_do("therapeutic")]
    assert doc["details"] == [
        {"question": "cautions_details", "name": "Caution details", "answer": "24 weeks"}
    ]
    assert doc["booking"] == {
        "appointment": "Therapeutic massage, first session with assessment",
        "minutes": 75,
    }
    assert undated(doc["booking_note"].split("\n")[:-1]) == therapeutic_note("P-9")
    assert doc["booking_note"].endswith("\n")
    assert doc["answers"]["discomfort"] is True
    assert doc["answers"]["duration"] == "months"
    # The questions went to stderr, plain, with each piped answer shown after its prompt.
    assert f"[6 · up to 9 more] {C['discomfort']}" in done.err  # not wrapped: a pipe
    assert f"{YES_NO_HINT} > y" in done.err
    assert done.err.count("so far: ") == 1  # asked for once ("s"), never unasked
    assert "so far: Emergency signs: none of these | Age: 18 to 49\n" in done.err
    assert "\x1b[" not in done.err
    assert not db.exists(), "--no-save stored the call"

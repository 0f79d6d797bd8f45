"""The words a person reads, in a real terminal: a full call and a full walk, in English and
in French, at 40, 80 and 200 columns, plain (`--plain`) and rich (colour and boxes).

What every session must show:

- no line longer than the terminal (so the terminal never cuts one) and no word cut in
  the middle: every word printed is a word of the rule set, of the tool's catalogs, or
  one that was typed (French hyphenated words stay whole: "concerne-t-elle");
- a counter that never jumps: questions numbered 1, 2, 3... and the count of what can
  still be asked only going down, to "the last";
- for a call, the words to say and the safety-net, then the To do part apart from them,
  then a compact booking note (at most 600 characters) with the free-text details,
  printed as it is stored in the history (never wrapped: its lines are the only ones
  that may be wider than the terminal);
- for a walk, the free-text details in the result and in the history.
"""

from __future__ import annotations

import json
import re
import sqlite3
import string
from itertools import pairwise
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from babel.messages.pofile import read_po
from calls import wait_for_single_key_mode
from terminal_session import ANSI, PROMPT, ROOT, spawn, type_line

RULES = yaml.safe_load((ROOT / "rules" / "default.yaml").read_text(encoding="utf-8"))
OUTCOMES: dict[str, Any] = {o["id"]: o for o in RULES["outcomes"]}
BOX = re.compile(r"[\u2500-\u257f]")
WIDTHS = [40, 80, 200]
MODES = ["plain", "rich"]

# What each language's session types and expects (the tool's own words, from its catalog).
LANG: dict[str, dict[str, Any]] = {
    "en": {
        "yes": "y",
        "no": "n",
        "to_do": "To do - THERAPEUTIC MASSAGE",
        "say": "Say to the caller:",
        "net": "Safety-net (say it too):",
        "note": "TRIAGE NOTE",
        "details": "Details for the therapist",
        "call_progress": r"\[(\d+) · (?:up to (\d+) more|last)\]",
        "walk_progress": r"Question (\d+), (?:up to (\d+) more|the last)",
        "area": "left heel",
        "caution": "24 weeks; warfarin",
        "therapist": "desk work, firm pressure",
        "book": "Book: Therapeutic massage, first session with assessment (75 min)",
        "note_lines": [
            "Why: Same spot (yes)",
            "Other area: left heel",
            "Caution details: 24 weeks; warfarin",
            "For the therapist: desk work, firm pressure",
            "Asked, answered none: Emergency signs, Pregnancy warning signs, Red flags",
        ],
    },
    "fr": {
        "yes": "o",
        "no": "n",
        "to_do": "À faire - MASSAGE THÉRAPEUTIQUE",
        "say": "À dire à la personne :",
        "net": "Consignes en cas d'aggravation (à dire aussi) :",
        "note": "NOTE D'ORIENTATION",
        "details": "Précisions pour le thérapeute",
        "call_progress": r"\[(\d+) · (?:encore (\d+) au plus|dernière)\]",
        "walk_progress": r"Question (\d+), (?:encore (\d+) au plus|la dernière)",
        "area": "talon gauche",
        "caution": "24 semaines ; warfarine",
        "therapist": "bureau, pression ferme",
        "book": "À réserver : Massage thérapeutique, première séance avec bilan (75 min)",
        "note_lines": [
            "Pourquoi : Même endroit (oui)",
            "Autre zone : talon gauche",
            "Précisions : 24 semaines ; warfarine",
            "Pour le thérapeute : bureau, pression ferme",
            "Posé, réponse « aucun » : Signes d'urgence, Signaux d'alerte (grossesse), "
            "Signaux d'alerte",
        ],
    },
}


# ------------------------------------------------------------------ helpers


def normal(text: str) -> str:
    """Typographic apostrophes and dashes read as plain ones, for comparing words."""
    return text.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")


def words(text: str) -> str:
    """The text as words only: no escape sequences, boxes, bullets or line breaks."""
    text = BOX.sub(" ", ANSI.sub("", normal(text))).replace("•", " ")
    return " ".join(text.split())


def lines(text: str) -> list[str]:
    return ANSI.sub("", text).replace("\r\n", "\n").split("\n")


def token(word: str) -> str:
    """A word without the punctuation around it, in lower case ("(answers:" -> "answers")."""
    return normal(word).strip(string.punctuation + "«»“”·•…|").lower()


def vocabulary(*typed: str) -> set[str]:
    """Every word the tool may print: the rule set's texts, its catalogs, what was typed."""
    texts: list[str] = [*typed]

    def collect(node: object) -> None:
        if isinstance(node, str):
            texts.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                texts.append(str(key))
                collect(value)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(RULES)
    with (ROOT / "triage/locale/fr/LC_MESSAGES/triage.po").open("rb") as po:
        for message in read_po(po):
            for text in (message.id, message.string):
                texts.extend(text if isinstance(text, tuple) else [text])
    found = {token(word) for text in texts for word in normal(text).split()}
    return {word for part in found for word in (part, *re.split(r"[{}]", part)) if word}


def cut_words(out: str, known: set[str]) -> list[str]:
    """Words printed that exist nowhere: the pieces of a word cut in two."""
    return sorted(
        {
            word
            for line in lines(out)
            for word in BOX.sub(" ", line).split()
            if re.search(r"[^\W\d_]", token(word))
            and token(word) not in known
            and not re.fullmatch(r"[0-9a-f]{12}\)?", word)  # the rule text's sha256
        }
    )


def too_long(out: str, width: int, note: tuple[str, ...] = ()) -> list[str]:
    """Lines wider than the terminal (a prompt counts up to its "> ": what is typed after
    it is the person's). The note's lines (`note`) are printed as they are pasted, never
    wrapped: they are not counted."""
    found = []
    for line in lines(out):
        if line in note:
            continue
        shown = line.split(PROMPT, 1)[0] + PROMPT if PROMPT in line else line
        if len(shown.rstrip()) > width:
            found.append(line)
    return found


def counted(out: str, pattern: str) -> list[tuple[int, int]]:
    """Each question's (number, how many may still come), in the order shown; a list
    in pages shows its question on every page, counted once."""
    shown = [(int(n), int(more or 0)) for n, more in re.findall(pattern, words(out))]
    return [here for i, here in enumerate(shown) if i == 0 or shown[i - 1] != here]


def assert_never_jumps(progress: list[tuple[int, int]], questions: int) -> None:
    numbers = [n for n, _more in progress]
    mores = [more for _n, more in progress]
    assert numbers == list(range(1, questions + 1)), progress
    assert all(a > b for a, b in pairwise(mores)), progress
    assert mores[-1] == 0, progress  # "the last", when it is


def stored(db: Path) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        (row,) = conn.execute("SELECT * FROM screenings").fetchall()
        return dict(row)
    finally:
        conn.close()


def session(lang: str, mode: str, width: int, *args: str, db: Path) -> pexpect.spawn:
    options = ("--plain",) if mode == "plain" else ()
    return spawn(
        *args,
        *options,
        colour=mode == "rich",
        columns=width,
        TRIAGE_LANG=lang,
        TRIAGE_DB=str(db),
    )


def printed_note(out: str, heading: str) -> list[str]:
    """The booking note's lines exactly as printed, from its heading to the end."""
    shown = lines(out)
    start = next(i for i, line in enumerate(shown) if normal(line).startswith(heading))
    end = next((i for i in range(start, len(shown)) if not shown[i].strip()), len(shown))
    return shown[start:end]


def plain(line: str) -> str:
    return normal(line).replace("\xa0", " ").replace("\u202f", " ")


# ------------------------------------------------------------------ a full call


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_call(lang: str, mode: str, width: int, tmp_path: Path) -> None:
    words_of = LANG[lang]
    db = tmp_path / "history.sqlite3"
    child = session(lang, mode, width, "call", "--caller-ref", "B-1042", db=db)
    # (a line or a single key, what is typed): 18 to 49; pregnancy (no warning signs) and
    # blood thinners; areas 1, 2 and "somewhere else"; the pain keeps coming back to the
    # same spot.
    typed = [
        ("line", "0"),
        ("line", "3"),  # the age: a line, it may be said as a number
        ("line", "1 2"),
        ("key", words_of["no"]),
        ("line", "0"),
        ("key", words_of["yes"]),
        ("line", "1 2 9"),
        ("line", words_of["area"]),
        ("key", "3"),
        ("key", words_of["yes"]),
        ("key", words_of["no"]),
        ("key", words_of["no"]),
        ("key", words_of["no"]),
        ("line", words_of["caution"]),
        ("line", words_of["therapist"]),
    ]
    for how, text in typed:
        if how == "key":
            child.expect_exact(PROMPT)
            wait_for_single_key_mode(child, text)
            child.send(text)
        else:
            type_line(child, text)
    child.expect(pexpect.EOF)
    child.close()
    out = str(child.log.getvalue())  # type: ignore[attr-defined]

    assert child.exitstatus == 0, out
    assert "Traceback" not in out
    printed = printed_note(out, words_of["note"])
    assert not too_long(out, width, tuple(printed)), too_long(out, width, tuple(printed))
    known = vocabulary(
        words_of["area"], words_of["caution"], words_of["therapist"], "B-1042", "y n o"
    )
    assert not cut_words(out, known), cut_words(out, known)
    assert_never_jumps(counted(out, words_of["call_progress"]), 15)
    if mode == "rich":
        assert "\x1b[1m" in out  # headings and questions in bold
    else:
        assert "\x1b[" not in out

    # Say and the safety-net; then To do, apart from them; then the note.
    said = words(out)
    headings = [words(words_of[key]) for key in ("say", "net", "to_do", "note")]
    places = [said.index(heading) for heading in headings]
    assert places == sorted(places)
    spoken = said[places[0] + len(headings[0]) : places[1]].strip()
    net = said[places[1] + len(headings[1]) : places[2]].strip()
    steps = said[places[2] : places[3]]
    therapeutic = OUTCOMES["therapeutic"]
    assert words(words_of["book"]) in steps
    assert words(therapeutic["to_do"]["reception"][lang]) in steps
    assert spoken == words(therapeutic["say"][lang])  # only the words read aloud
    assert net == words(therapeutic["verdict"]["safety_net"][lang])  # one line, said too
    for caution in ("pregnancy", "blood_thinners"):
        rule = next(c for c in RULES["cautions"] if c["id"] == caution)
        # The details were typed: the instruction no longer asks for them.
        assert words(rule["once_noted"]["to_do"]["reception"][lang]) in steps
        assert words(rule["to_do"]["reception"][lang]) not in steps
        assert words(rule["once_noted"]["to_do"]["reception"][lang]) not in spoken

    # The note: compact, with the free-text details, printed exactly as the history keeps it.
    note = [plain(line) for line in printed]
    for line in words_of["note_lines"]:
        assert line in note, note
    row = stored(db)
    assert len(row["note"]) <= 600, row["note"]
    assert row["note"] == "\n".join(printed) + "\n"  # byte for byte
    answers = json.loads(row["answers"])
    assert answers["areas_other"] == words_of["area"]
    assert answers["cautions_details"] == words_of["caution"]
    assert answers["therapist_note"] == words_of["therapist"]


# ------------------------------------------------------------------ a full walk


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_full_walk(lang: str, mode: str, width: int, tmp_path: Path) -> None:
    words_of = LANG[lang]
    db = tmp_path / "history.sqlite3"
    child = session(lang, mode, width, "--save", db=db)
    typed = [
        "0",
        "3",  # 18 to 49
        "2",  # blood thinners
        "0",
        words_of["yes"],
        "1 9",
        words_of["area"],
        "3",
        words_of["yes"],
        "b",  # back to the same spot...
        "",  # ...and Enter keeps the earlier answer
        words_of["no"],
        words_of["no"],
        words_of["no"],
        words_of["caution"],
        words_of["therapist"],
    ]
    for text in typed:
        type_line(child, text)
    child.expect(pexpect.EOF)
    child.close()
    out = str(child.log.getvalue())  # type: ignore[attr-defined]

    assert child.exitstatus == 0, out
    assert "Traceback" not in out
    assert not too_long(out, width), too_long(out, width)
    known = vocabulary(words_of["area"], words_of["caution"], words_of["therapist"], "y n o b")
    assert not cut_words(out, known), cut_words(out, known)
    progress = counted(out, words_of["walk_progress"])
    # Going back shows question 9 again, as it was the first time; then on as before.
    assert progress[10:12] == progress[8:10], progress
    assert_never_jumps([*progress[:9], *progress[11:]], 14)
    earlier = {"en": "(your earlier answer: yes; Enter keeps it)", "fr": "(votre réponse"}
    assert earlier[lang] in words(out)
    if mode == "plain":
        assert "\x1b[" not in out and not BOX.search(out)
    else:
        assert BOX.search(out)  # the result's panel

    said = words(out)
    title = OUTCOMES["therapeutic"]["title"][lang]
    assert title in said
    details = said.split(words(words_of["details"]), 1)[1]
    assert words_of["area"] in details
    assert words(words_of["caution"]) in details
    assert words(words_of["therapist"]) in details
    row = stored(db)
    answers = json.loads(row["answers"])
    assert answers["same_spot"] is True  # kept by Enter after going back
    assert answers["areas_other"] == words_of["area"]
    assert answers["cautions_details"] == words_of["caution"]
    assert answers["therapist_note"] == words_of["therapist"]

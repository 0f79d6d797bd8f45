"""The hostile inputs of typing: what a person (or a confused terminal) types at the
questions, piped and at a real terminal (see `corpus` for the cases themselves).

- not UTF-8: a byte that is not UTF-8 in one line of a piped chunk is refused with
  a clear line, and every other answer of the chunk is still read; never U+FFFD.
- words at single keys: at a call's single-key questions, typed ahead at a
  terminal, a word ended with Enter is one answer, whole (`no`, `non`, `NO`, a
  label), a word that is no answer is refused there, keys typed ahead answer one
  question each.
- look-alikes: the Kelvin sign, fullwidth letters and digits, Cyrillic letters,
  superscripts, ligatures: refused, never read as the letter they resemble.
- escapes echoed: escape sequences in options, answers and typed keys never reach
  the terminal (an OSC 52 sets the clipboard), in English and in French.
- commands at free text: `back` and `help` typed as a note are the note.
"""

from __future__ import annotations

import json
from pathlib import Path

from corpus import CALM, Case, case

CALL = ("call", "--no-save", "--format", "json")
BACKGROUND = b"0\n3\n0\n0\n"  # no emergency sign, 18 to 49, no caution, no red flag


def _result(check: dict[str, object], refused: str | None = None):  # type: ignore[no-untyped-def]
    """A check: the JSON result holds these answers (and `refused` was said, if given),
    and nothing shows U+FFFD or an escape sequence."""

    def judge(_folder: Path, out: str, err: str) -> str | None:
        try:
            doc = json.loads(out)
        except ValueError:
            return "no JSON result"
        for key, value in check.items():
            found = doc["answers"].get(key) if key != "outcome" else doc["outcome"]
            if found != value:
                return f"{key} is {found!r}, not {value!r}"
        if refused is not None and refused not in err:
            return f"{refused!r} was not said"
        if refused is None and "Not understood" in err:
            return "an answer was refused"
        if "\ufffd" in out or "\x1b]" in out + err or "\x07" in out + err:
            return "U+FFFD or an escape sequence in the output"
        return None

    return judge


NOT_UTF8 = {
    "0xFF": b"\xff",
    "0xFE 0xFF": b"\xfe\xff",
    "Latin-1 e acute": b"caf\xe9",
    "a lead byte alone": b"\xc3",
    "a lead byte then ASCII": b"\xc3A",
    "an overlong slash": b"\xc0\xaf",
    "a surrogate": b"\xed\xa0\x80",
    "a 5-byte lead": b"\xf8\x88\x80\x80\x80",
    "beyond U+10FFFF": b"\xf4\x90\x80\x80",
    "a continuation alone": b"\x80",
    "a digit then 0xF8": b"3\xf8",
}


def not_utf8() -> list[Case]:
    found = []
    for name, bad in NOT_UTF8.items():
        for label, args in (("walk", ("--format", "json")), ("call", CALL)):
            typed = b"0\n3\n" + bad + b"\n0\n0\nn\n"  # the bad line at the age
            found.append(
                case(
                    "not UTF-8",
                    f"{name} at a choice ({label}, piped)",
                    *args,
                    expect=0,
                    stdin=typed,
                    check=_result({"age": "18_to_49", "outcome": "relaxation"}, "not UTF-8"),
                )
            )
    details = BACKGROUND.replace(b"0\n0\n", b"1\nn\n0\n") + b"n\n24 weeks \xe9\n24 weeks\n"
    found.append(
        case(
            "not UTF-8",
            "Latin-1 in a free-text note (call, piped)",
            *CALL,
            expect=0,
            stdin=details,
            check=_result({"cautions_details": "24 weeks"}, "not UTF-8"),
        )
    )
    found.append(
        case(
            "not UTF-8",
            "a bad byte on the last line",
            *CALL,
            expect=4,
            stdin=BACKGROUND + b"\xff\n",
        )
    )
    found.append(
        case(
            "not UTF-8",
            "0xFF at a single key (call, terminal)",
            *CALL,
            expect=0,
            input="pty",
            stdin=b"0\r3\r0\r0\r\xff\rn",
            check=_result({"discomfort": False}, "not UTF-8"),
        )
    )
    found.append(
        case(
            "not UTF-8",
            "Latin-1 in a list's line (call, terminal)",
            *CALL,
            expect=0,
            input="pty",
            stdin=b"0\r3\r\xe9\r0\r0\rn",
            check=_result({"cautions": []}, "not UTF-8"),
        )
    )
    return found


# (name, typed ahead at a call's terminal, language, answers then)
WORDS: list[tuple[str, str, str, dict[str, object]]] = [
    ("no", "0\r3\r0\r0\rno\r", "en", {"discomfort": False}),
    ("NO", "0\r3\r0\r0\rNO\r", "en", {"discomfort": False}),
    ("No", "0\r3\r0\r0\rNo\r", "en", {"discomfort": False}),
    ("a label's start", "0\r3\r0\r0\ryes\r1\rmore\rnnnn", "en", {"duration": "months"}),
    ("non", "0\r3\r0\r0\roui\r1\r3\rnon\rOui\rnon\rn", "fr", {"same_spot": False}),
    ("NON", "0\r3\r0\r0\rNON\r", "fr", {"discomfort": False}),
    ("a label", "0\r18 to 49\r0\r0\rn", "en", {"age": "18_to_49"}),
    ("a French label", "0\rde 18 a 49 ans\r0\r0\rn", "fr", {"age": "18_to_49"}),
    ("keys typed ahead", "0\r3\r0\r0\ry1\r3ynyn", "en", {"same_spot": True}),
    ("a key then a line", "0\r3\r1\rn0\rn\r24 weeks\r", "en", {"red_flags": []}),
    ("aucune at a list", "aucun\r3\raucune\rnon\rn", "fr", {"cautions": []}),
]
REFUSED: list[tuple[str, str, dict[str, object]]] = [
    ("nope", "0\r3\r0\r0\rnope\rn", {"discomfort": False}),
    ("yesno", "0\r3\r0\r0\ryesno\rn", {"discomfort": False}),
    ("nn", "0\r3\r0\r0\rnn\rn", {"discomfort": False}),
    ("Kelvin", "0\r3\r0\r0\r\u212a\rn", {"discomfort": False}),
    ("fullwidth n", "0\r3\r0\r0\r\uff4e\rn", {"discomfort": False}),
    ("Cyrillic o in no", "0\r3\r0\r0\rn\u043e\rn", {"discomfort": False}),
    ("fullwidth 3", "0\r\uff13\r3\r0\r0\rn", {"age": "18_to_49"}),
    ("superscript 3", "0\r\u00b3\r3\r0\r0\rn", {"age": "18_to_49"}),
]


def words_at_single_keys() -> list[Case]:
    found = [
        case(
            "words at single keys",
            f"{name} ({lang})",
            *CALL,
            expect=0,
            input="pty",
            stdin=typed.encode(),
            env={"TRIAGE_LANG": lang},
            check=_result(answers),
        )
        for name, typed, lang, answers in WORDS
    ]
    found += [
        case(
            "words at single keys",
            f"{name} is refused",
            *CALL,
            expect=0,
            input="pty",
            stdin=typed.encode(),
            check=_result(answers, "Not understood"),
        )
        for name, typed, answers in REFUSED
    ]
    return found


LOOKALIKES = {
    "Kelvin sign for k": "\u212a",
    "Angstrom sign": "\u212b",
    "fullwidth x": "\uff58",
    "fullwidth X": "\uff38",
    "Cyrillic x": "\u0445",
    "Greek chi": "\u03c7",
    "mathematical bold x": "\U0001d431",
    "superscript 1": "\u00b9",
    "circled 1": "\u2460",
    "fullwidth 1": "\uff11",
    "ligature": "\ufb01",
}


def look_alikes() -> list[Case]:
    """At the number rule set's choice (keys x and y) and list (keys a and b): each
    look-alike refused, then input ends (exit 4)."""
    found = []
    for name, char in LOOKALIKES.items():
        for where, typed in (("choice", f"3\n0\n{char}\n"), ("list", f"3\n{char}\n")):
            found.append(
                case(
                    "look-alikes",
                    f"{name} at a {where}",
                    "--rules",
                    "{number}",
                    expect=4,
                    stdin=typed.encode(),
                    check=_refused,
                )
            )
    found.append(
        case(
            "look-alikes",
            "Kelvin sign in --answer",
            "assess",
            "--rules",
            "{number}",
            "-a",
            "pain=1",
            "-a",
            "signs=none",
            "-a",
            "pick=\u212a",
            expect=3,
        )
    )
    return found


def _refused(_folder: Path, _out: str, err: str) -> str | None:
    return None if "Not understood" in err else "a look-alike was taken for a letter"


OSC52 = "\x1b]52;c;aGVsbG8=\x07"
CSI = "\x1b[2J\x1b[31m"


def escapes_echoed() -> list[Case]:
    found = []
    for lang in ("en", "fr"):
        for name, seq in (("OSC 52", OSC52), ("CSI", CSI), ("8-bit CSI", "\x9b2J")):
            for where, args, code in (
                ("an unknown option", (f"--formt{seq}",), 2),
                ("an unknown command", (f"asess{seq}",), 2),
                ("a --format value", ("assess", "--format", f"pdf{seq}"), 2),
                ("an --answer id", ("assess", "-a", f"x{seq}=1"), 3),
                ("an --answer value", ("assess", *CALM[:2], "-a", f"age=1{seq}"), 3),
                ("--lang", ("--lang", f"de{seq}", "assess", *CALM), 0),
            ):
                found.append(
                    case(
                        "escapes echoed",
                        f"{name} in {where} ({lang})",
                        *args,
                        expect=code,
                        env={"TRIAGE_LANG": lang},
                        check=_no_escape,
                    )
                )
    found.append(
        case(
            "escapes echoed",
            "OSC 52 typed at a single key (terminal)",
            *CALL,
            expect=0,
            input="pty",
            stdin=("0\r3\r0\r0\r" + OSC52 + "n").encode(),
            check=_result({"discomfort": False}),
        )
    )
    return found


def _no_escape(_folder: Path, out: str, err: str) -> str | None:
    for mark in ("\x1b", "\x07", "\x9b"):
        if mark in out + err:
            return f"{mark!r} was printed"
    return None


def commands_at_free_text() -> list[Case]:
    found = []
    for word in ("back", "help", "Back", "HELP", "retour", "aide"):
        typed = f"0\n3\n1\nn\n0\nn\n{word}\n".encode()
        found.append(
            case(
                "commands at free text",
                f"{word!r} as the note (piped)",
                *CALL,
                expect=0,
                stdin=typed,
                env={"TRIAGE_LANG": "fr" if word in ("retour", "aide") else "en"},
                check=_result({"cautions_details": word}),
            )
        )
    return found


def typing() -> list[Case]:
    return [
        *not_utf8(),
        *words_at_single_keys(),
        *look_alikes(),
        *escapes_echoed(),
        *commands_at_free_text(),
    ]

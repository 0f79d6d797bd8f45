"""The hostile inputs about what an answers document means, what a rule-set folder may be
named, and which rule set `--version` reports (see `corpus` for the cases themselves):
cases that need a folder made at run time or a check of the output, not a data file."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from corpus import CALM, CORPUS, DEFAULT, Case, Setup, case

NUMBER = CORPUS / "rules" / "number.yaml"

# ------------------------------------------------------------ unused answers that raise flags

# (answers the walk never reaches that the default rules flag: the question is skipped)
UNUSED = [
    ["-a", "pregnancy_warning_signs=yes"],  # asked only with cautions=pregnancy
    ["-a", "pregnancy_warning_signs=true"],
    ["-a", "areas=neck", "-a", "pregnancy_warning_signs=yes"],
]
BEFORE_AN_END = ["-a", "emergency_signs=swollen_calf", "-a", "red_flags=fever"]  # ends first


def _warns(fmt: str, ids: tuple[str, ...]) -> object:
    def check(_folder: Path, out: str, _err: str) -> str | None:
        if fmt == "json":
            found = tuple(flag["id"] for flag in json.loads(out)["ignored_flags"])
            return None if found == ids else f"ignored_flags {found}, not {ids}"
        warned = "WARNING - answers not used" in out.replace("\n", " ")
        return None if warned else "no visible warning"

    return check


def unused_flags() -> list[Case]:
    found = []
    for fmt in ("text", "markdown", "json"):
        for extra in UNUSED:
            found.append(
                case(
                    "unused flags",
                    f"{' '.join(extra)} --format {fmt}",
                    "assess",
                    *CALM,
                    *extra,
                    "--format",
                    fmt,
                    expect=0,
                    check=_warns(fmt, ("pregnancy_warning_signs",)),
                )
            )
        found.append(
            case(
                "unused flags",
                f"a red flag after an emergency ends the walk --format {fmt}",
                "assess",
                *BEFORE_AN_END,
                "--format",
                fmt,
                expect=0,
                check=_warns(fmt, ("fever",)),
            )
        )
    found.append(
        case(
            "unused flags",
            "in an answers file",
            "assess",
            "--answers",
            "{tmp}/a.yaml",
            "--format",
            "json",
            expect=0,
            setup=_answers_file(
                "emergency_signs: none\nage: 18_to_49\ncautions: none\nred_flags: none\n"
                "discomfort: no\npregnancy_warning_signs: yes\n"
            ),
            check=_warns("json", ("pregnancy_warning_signs",)),
        )
    )
    return found


def _answers_file(text: str) -> Setup:
    def setup(folder: Path) -> None:
        (folder / "a.yaml").write_text(text, encoding="utf-8")

    return setup


# ------------------------------------------------------------ saved results edited by hand

CALM_ANSWERS = {
    "emergency_signs": [],
    "age": "18_to_49",
    "cautions": [],
    "red_flags": [],
    "discomfort": False,
}
EDITS = {
    "outcome edited": {"outcome": "therapeutic"},
    "flags edited": {"flags": ["fever"]},
    "outcome and flags edited": {"outcome": "emergency", "flags": ["swollen_calf"]},
    "an unknown outcome": {"outcome": "x" * 500},
    "a flag with an escape sequence": {"flags": ["\\u001b]52;c;eA==\\u0007"]},
}


def _saved(edit: dict[str, object], sha256: str | None) -> Setup:
    def setup(folder: Path) -> None:
        import hashlib

        digest = sha256 or hashlib.sha256(DEFAULT.read_bytes()).hexdigest()
        saved = {
            "result_version": 1,
            "outcome": "relaxation",
            "flags": [],
            "answers": CALM_ANSWERS,
            "rules": {"id": "massage-triage-default", "version": "1", "sha256": digest},
        }
        text = json.dumps({**saved, **edit}).replace("\\\\u", "\\u")
        (folder / "saved.json").write_text(text, encoding="utf-8")

    return setup


def _warned(_folder: Path, _out: str, err: str) -> str | None:
    if "\x1b" in err:
        return "an escape sequence reached the terminal"
    return None if "triage: warning: the saved result records" in err else "no warning line"


def _quiet(_folder: Path, _out: str, err: str) -> str | None:
    return None if not err.strip() else f"unexpected: {err.strip()[:80]}"


def saved_results() -> list[Case]:
    found = []
    for name, edit in EDITS.items():
        refused = "escape" in name  # a control character in a text: refused at its place
        found.append(
            case(
                "saved results",
                name,
                "assess",
                "--rules",
                str(DEFAULT),
                "--answers",
                "{tmp}/saved.json",
                expect=3 if refused else 0,
                setup=_saved(edit, None),
                check=None if refused else _warned,
            )
        )
        found.append(
            case(
                "saved results",
                f"{name}, under another rule set",
                "assess",
                "--rules",
                str(DEFAULT),
                "--answers",
                "{tmp}/saved.json",
                expect=3 if refused else 0,
                setup=_saved(edit, "0" * 64),
                check=None if refused else _quiet,
            )
        )
    return found


# ------------------------------------------------------------ rule-set folders and --version


def _folder_with(name: bytes, text: bytes) -> Setup:
    def setup(folder: Path) -> None:
        rules = folder / "rules"
        rules.mkdir()
        shutil.copy(NUMBER, rules / "a.yaml")
        (rules / os.fsdecode(name)).write_bytes(text)

    return setup


NAMES = [
    b"b\xff.yaml",
    b"\xe9t\xe9.yaml",
    b"b\xc0\x80.yaml",
    b"\xed\xa0\x80.yaml",
    b"b\xff.yml",
]
USES = {
    "assess": ("assess", "--rules", "{tmp}/rules", "-a", "pain=1", "-a", "signs=a", "-a", "pick=x"),
    "check": ("rules", "check", "{tmp}/rules"),
    "verify": ("rules", "verify", "{tmp}/rules"),
    "show": ("rules", "show", "{tmp}/rules"),
    "walk": ("--rules", "{tmp}/rules"),
}


def folder_names() -> list[Case]:
    found = []
    for name in NAMES:
        for use, args in USES.items():
            found.append(
                case(
                    "folder names",
                    f"{use}: {name.decode('utf-8', 'backslashreplace')}",
                    *args,
                    expect=2,
                    setup=_folder_with(name, b"cautions: []\n"),
                )
            )
    found.append(
        case(
            "folder names",
            "a cases file named so",
            "rules",
            "test",
            "{tmp}/rules",
            expect={0, 1, 2},
            setup=_folder_with(b"x\xff.cases.yaml", b"cases: [\n"),
        )
    )
    return found


def _names(rules_id: str) -> object:
    def check(_folder: Path, out: str, _err: str) -> str | None:
        return None if f"rules: {rules_id} " in out else f"not {rules_id}: {out.strip()[-60:]}"

    return check


def versions() -> list[Case]:
    lines = [
        ("--rules", str(NUMBER), "--version"),
        ("--version", "--rules", str(NUMBER)),
        (f"--rules={NUMBER}", "--version"),
        ("--rules", str(DEFAULT), "--rules", str(NUMBER), "--version"),
        ("--lang", "fr", "--version", "--rules", str(NUMBER)),
    ]
    found = [
        case(
            "version",
            " ".join(Path(a).name for a in args),
            *args,
            expect=0,
            check=_names("numbers"),
        )
        for args in lines
    ]
    found.append(
        case("version", "a missing rule set", "--version", "--rules", "{tmp}/none.yaml", expect=0)
    )
    return found


def documents() -> list[Case]:
    return [*unused_flags(), *saved_results(), *folder_names(), *versions()]

"""The hostile inputs no data file can hold: command lines, histories, environments,
outputs (see `corpus` for the cases themselves)."""

from __future__ import annotations

from pathlib import Path

from corpus import CALM, Case, case
from corpus_history import _history, _no_escape

# ------------------------------------------------------------ command lines


def command_lines() -> list[Case]:
    twice = [
        ("red_flags=fever", "red_flags=none"),
        ("discomfort=yes", "discomfort=no"),
        ("red_flags=fever", "red_flags=fever,recent_trauma"),
        (" red_flags=fever", "red_flags =none"),
    ]
    found = [
        case(
            "command line",
            f"-a {a} -a {b}",
            "assess",
            "-a",
            "emergency_signs=none",
            "-a",
            a,
            "-a",
            b,
            expect=3,
        )
        for a, b in twice
    ]
    for bad in ["=x", "x", "", "red_flags", "emergency_signs=\u00b2", "x" * 100000 + "=1"]:
        found.append(
            case("command line", f"-a {bad[:30]!r}", "assess", "-a", bad, *CALM[2:], expect={2, 3})
        )
    many = "emergency_signs=" + ",".join(["swollen_calf"] * 8000)  # long, and valid
    found.append(case("command line", "-a with 8,000 items", "assess", "-a", many, expect=0))
    found += [
        case(
            "command line",
            "--caller-ref too long",
            "call",
            "--no-save",
            "--caller-ref",
            "x" * 5000,
            expect=2,
        ),
        case(
            "command line",
            "--lang escape",
            "--lang",
            "\x1b[31m",
            "assess",
            *CALM,
            expect=0,
            check=_no_escape,
        ),
        case("command line", "--format unknown", "assess", "--format", "pdf", *CALM, expect=2),
        case(
            "command line",
            "--rules twice",
            "assess",
            "--rules",
            "x",
            "--rules",
            "y",
            *CALM,
            expect=2,
        ),
        case("command line", "walk options before a command", "--rules", "x", "assess", expect=2),
    ]
    return found


# ------------------------------------------------------------ environment, output


def environment() -> list[Case]:
    settings = [
        {"TRIAGE_CACHE": "/" + "x" * 5000},
        {"TRIAGE_CACHE": "/dev/null"},
        {"TRIAGE_CACHE": "/dev/null/x"},
        {"TRIAGE_DEBUG": "0"},
        {"TRIAGE_DEBUG": "no"},
        {"TRIAGE_LANG": "xx"},
        {"TRIAGE_LANG": "\x1b[31m"},
        {"TRIAGE_LANG": "fr", "PYTHONIOENCODING": "ascii"},
        {"TRIAGE_LANG": "fr", "PYTHONIOENCODING": "latin-1"},
        {"LANG": "\xff\xfe", "TRIAGE_LANG": ""},
        {"COLUMNS": "1000000000"},
        {"COLUMNS": "-5", "LINES": "abc"},
        {"TERM": "dumb"},
        {"TERM": "\x1b[31m"},
        {"NO_COLOR": "\x1b"},
        {"HOME": "/nonexistent", "XDG_DATA_HOME": "relative/path"},
        {"TRIAGE_DB": "~nosuchuser/h.sqlite3"},
        {"TRIAGE_DB": "/" + "y" * 5000},
    ]
    found = []
    for env in settings:
        name = ", ".join(f"{k}={v[:20]!r}" for k, v in env.items())
        expect = 6 if "TRIAGE_DB" in env and "y" * 10 in env["TRIAGE_DB"] else 0
        found.append(case("environment", f"assess with {name}", "assess", *CALM, expect=0, env=env))
        found.append(
            case(
                "environment",
                f"history list with {name}",
                "history",
                "list",
                expect={0, expect},
                env=env,
            )
        )
    found.append(
        case(
            "environment",
            "French to ASCII-only stdout is ASCII",
            "assess",
            "-a",
            "emergency_signs=none",
            "-a",
            "age=18_to_49",
            "-a",
            "cautions=none",
            "-a",
            "red_flags=night_pain",
            expect=0,
            env={"TRIAGE_LANG": "fr", "PYTHONIOENCODING": "ascii"},
            check=_ascii,
        )
    )
    return found


def _ascii(_folder: Path, out: str, _err: str) -> str | None:
    return None if out.isascii() and "medecin" in out else "not readable ASCII"


def outputs() -> list[Case]:
    runs = {
        "version": ("--version",),
        "assess": ("assess", *CALM),
        "rules show": ("rules", "show"),
        "rules schema": ("rules", "schema"),
        "history export": ("history", "export", "--format", "json", "--db", "{tmp}/h.sqlite3"),
    }
    found = []
    for name, args in runs.items():
        setup = _history(rows=300) if name == "history export" else None
        found.append(
            case("output", f"{name} > /dev/full", *args, expect=74, output="full", setup=setup)
        )
        found.append(case("output", f"{name} >&-", *args, expect=74, output="closed", setup=setup))
        found.append(
            case(
                "output", f"{name} | head -c 10", *args, expect={0, 141}, output="head", setup=setup
            )
        )
    found.append(case("output", "walk with stdin closed", expect=4, input="closed"))
    found.append(
        case("output", "call with stdin closed", "call", "--no-save", expect=4, input="closed")
    )
    found.append(
        case("output", "assess with stdin closed", "assess", *CALM, expect=0, input="closed")
    )
    found.append(
        case(
            "output",
            "assess --answers - with stdin closed",
            "assess",
            "--answers",
            "-",
            expect=3,
            input="closed",
        )
    )
    found.append(
        case("output", "a line of 2 MB at a question", expect=4, stdin=b"1" * 2_000_000 + b"\n")
    )
    found.append(case("output", "a line of 2 MB without newline", expect=4, stdin=b"1" * 2_000_000))
    for device in ("/dev/zero", "/dev/urandom"):
        # Random bytes may happen to spell valid keys for a whole walk: then it ends (0).
        ends = {3, 4} if device == "/dev/zero" else {0, 3, 4}
        found.append(case("output", f"walk reading {device}", expect=ends, input=device))
        found.append(
            case("output", f"call reading {device}", "call", "--no-save", expect=ends, input=device)
        )
        found.append(
            case(
                "output",
                f"assess --answers - reading {device}",
                "assess",
                "--answers",
                "-",
                expect=3,
                input=device,
            )
        )
    return found

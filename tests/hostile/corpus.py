"""The hostile inputs: every file of `corpus/` in each place it can be given, and the
special files, command lines, environments and outputs that no data file can hold.

Each `Case` says what to run (`python -m triage ARGS`, in a fresh folder), with what
input, environment and output, and which exit statuses are documented for it.
Placeholders in the arguments: {corpus} is the corpus folder, {tmp} the case's own
folder, {default} the shipped rule set, {number} the corpus's number rule set.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ROOT = HERE.parents[1]
DEFAULT = ROOT / "rules" / "default.yaml"
CALM = ["-a", "emergency_signs=none", "-a", "red_flags=none", "-a", "discomfort=no"]
CALM += ["-a", "cautions=none"]

Setup = Callable[[Path], None]
Check = Callable[[Path, str, str], str | None]  # (folder, stdout, stderr) -> what is wrong


@dataclass(frozen=True)
class Case:
    category: str
    name: str
    args: tuple[str, ...]
    expect: frozenset[int]
    stdin: bytes = b""
    env: dict[str, str] = field(default_factory=dict)
    output: str = "pipe"  # pipe, full (/dev/full), closed, head (the reader leaves early)
    input: str = "pipe"  # pipe, closed
    setup: Setup | None = None
    check: Check | None = None


def case(category: str, name: str, *args: str, expect: int | set[int], **more: object) -> Case:
    codes = frozenset({expect} if isinstance(expect, int) else expect)
    return Case(category, name, tuple(args), codes, **more)  # type: ignore[arg-type]


# ------------------------------------------------------------ data files


def yaml_files() -> list[Case]:
    """Each bad YAML file as a rule file, a cases file and an answers file."""
    found = []
    for path in sorted((CORPUS / "yaml").iterdir()):
        name, file = path.name, str(path)
        # `rules check`: 1 when it found problems, 2 when it cannot read the rule set
        found.append(case("rules file", name, "rules", "check", file, expect={1, 2}))
        found.append(case("rules file", f"{name} (walk)", "--rules", file, expect=2))
        found.append(
            case(
                "cases file",
                name,
                "rules",
                "test",
                "{tmp}/r.yaml",
                expect=2,
                setup=_beside_default(path),
            )
        )
        found.append(case("answers file", name, "assess", "--answers", file, expect=3))
        found.append(
            case(
                "answers file",
                f"{name} (stdin)",
                "assess",
                "--answers",
                "-",
                expect=3,
                stdin=path.read_bytes(),
            )
        )
    return found


def _beside_default(cases: Path) -> Setup:
    def setup(folder: Path) -> None:
        shutil.copy(DEFAULT, folder / "r.yaml")
        shutil.copy(cases, folder / "r.cases.yaml")

    return setup


def answers_files() -> list[Case]:
    found = []
    for path in sorted((CORPUS / "answers").iterdir()):
        rules = ["--rules", "{number}"] if path.name.startswith("number-") else []
        category = "numbers" if rules else "answers values"
        found.append(case(category, path.name, "assess", *rules, "--answers", str(path), expect=3))
    return found


def rules_files() -> list[Case]:
    found = []
    for path in sorted((CORPUS / "rules").iterdir()):
        if path.name.startswith("bad-"):
            found.append(case("rule sets", path.name, "rules", "check", str(path), expect={1, 2}))
            found.append(
                case(
                    "rule sets",
                    f"{path.name} (assess)",
                    "assess",
                    "--rules",
                    str(path),
                    "-a",
                    "pain=1",
                    expect=2,
                )
            )
        elif path.name.startswith("show-"):
            found.append(case("rule sets", path.name, "rules", "show", str(path), expect=0))
            found.append(
                case(
                    "rule sets",
                    f"{path.name} (walk)",
                    "--rules",
                    str(path),
                    expect=0,
                    stdin=b"1\n0\n1\n",
                )
            )
    return found


def typed_lines() -> list[Case]:
    """Lines typed at a number, a list and a choice question: refused, then input ends."""
    return [
        case(
            "typed",
            path.name,
            "--rules",
            "{number}",
            expect=4,
            stdin=path.read_bytes(),
            check=_not_understood,
        )
        for path in sorted((CORPUS / "typed").iterdir())
    ]


def _not_understood(_folder: Path, _out: str, err: str) -> str | None:
    return None if "Not understood" in err else "the line was not refused"


# ------------------------------------------------------------ special files


def _fifo(name: str) -> Setup:
    def setup(folder: Path) -> None:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(folder / name)

    return setup


def _write(name: str, size: int) -> Setup:
    def setup(folder: Path) -> None:
        (folder / name).write_bytes(b"a: " + b"x" * size + b"\n")

    return setup


def _link(name: str, target: str) -> Setup:
    def setup(folder: Path) -> None:
        (folder / name).symlink_to(target)

    return setup


def _folder(*files: str) -> Setup:
    def setup(folder: Path) -> None:
        (folder / "rules").mkdir()
        for file in files:
            if file.endswith("fifo.yaml"):
                os.mkfifo(folder / "rules" / file)
            else:
                shutil.copy(CORPUS / "rules" / "number.yaml", folder / "rules" / file)

    return setup


LONG = "x" * 300 + ".yaml"
DEEP = "/".join(["d" * 250] * 20) + "/r.yaml"

# (name, path as given, setup)
SPECIAL: list[tuple[str, str, Setup | None]] = [
    ("a FIFO", "{tmp}/f.yaml", _fifo("f.yaml")),
    ("/dev/zero", "/dev/zero", None),
    ("/dev/urandom", "/dev/urandom", None),
    ("/dev/null", "/dev/null", None),
    ("/dev/stdin", "/dev/stdin", None),
    ("/proc/self/mem", "/proc/self/mem", None),
    ("/proc/self/environ", "/proc/self/environ", None),
    ("a name too long", "{tmp}/" + LONG, None),
    ("a path too long", "{tmp}/" + DEEP, None),
    ("a name with a NUL", "{tmp}/a\x00b", None),
    ("a missing file", "{tmp}/missing.yaml", None),
    ("a dangling symlink", "{tmp}/dangling.yaml", _link("dangling.yaml", "nowhere")),
    ("a symlink loop", "{tmp}/loop.yaml", _link("loop.yaml", "loop.yaml")),
    ("a file of 5 MiB", "{tmp}/big.yaml", _write("big.yaml", 5 * 1024 * 1024)),
    ("a file under a file", "{default}/x.yaml", None),
]
FOLDERS: list[tuple[str, Setup]] = [
    ("an empty folder", _folder()),
    ("a folder with a FIFO named x.yaml", _folder("a.yaml", "x-fifo.yaml")),
    ("a folder with only cases", _folder("r.cases.yaml")),
]


def special_files() -> list[Case]:
    found = []
    for name, given, setup in SPECIAL:
        if "\x00" in given:
            continue  # a command line cannot hold a NUL: nothing to try
        found.append(
            case(
                "special files",
                f"--rules {name}",
                "assess",
                "--rules",
                given,
                *CALM,
                expect=2,
                setup=setup,
            )
        )
        found.append(
            case(
                "special files",
                f"rules check {name}",
                "rules",
                "check",
                given,
                expect={1, 2},
                setup=setup,
            )
        )
        found.append(
            case(
                "special files",
                f"--answers {name}",
                "assess",
                "--answers",
                given,
                expect=3,
                setup=setup,
            )
        )
        found.append(
            case(
                "special files",
                f"--db {name}",
                "history",
                "list",
                "--db",
                given,
                expect={0, 6},
                setup=setup,
            )
        )
    for name, setup in FOLDERS:
        found.append(
            case(
                "special files",
                f"--rules {name}",
                "assess",
                "--rules",
                "{tmp}/rules",
                "-a",
                "pain=1",
                expect=2,
                setup=setup,
            )
        )
        found.append(
            case(
                "special files",
                f"--answers {name}",
                "assess",
                "--answers",
                "{tmp}/rules",
                expect=3,
                setup=setup,
            )
        )
    found.append(
        case(
            "special files",
            "cases beside as a FIFO",
            "rules",
            "test",
            "{tmp}/r.yaml",
            expect=2,
            setup=_default_with_fifo_cases,
        )
    )
    return found


def _default_with_fifo_cases(folder: Path) -> None:
    shutil.copy(DEFAULT, folder / "r.yaml")
    os.mkfifo(folder / "r.cases.yaml")


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


def _no_escape(_folder: Path, out: str, err: str) -> str | None:
    return "an escape sequence was printed" if "\x1b" in out + err else None


# ------------------------------------------------------------ the history


def _history(mode: int = 0o600, rows: int = 0, caller_ref: str = "B-1") -> Setup:
    def setup(folder: Path) -> None:
        from datetime import datetime, timezone

        from triage.history.store import Screening, Store

        doc = {
            "outcome": "relaxation",
            "flags": [],
            "cautions": [],
            "answers": {},
            "rules": {"id": "r", "version": "1", "sha256": "0" * 64},
        }
        with Store.open(folder / "h.sqlite3") as store:
            for _ in range(rows):
                now = datetime.now(timezone.utc)
                store.save(Screening.from_document(doc, "reception", "note\n", caller_ref, now))
        os.chmod(folder / "h.sqlite3", mode)

    return setup


def _private(folder: Path, _out: str, _err: str) -> str | None:
    for path in folder.glob("h.sqlite3*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode != 0o600:
            return f"{path.name} has mode {mode:04o}"
    return None


def _export_private(folder: Path, _out: str, _err: str) -> str | None:
    mode = stat.S_IMODE((folder / "out.csv").stat().st_mode)
    return None if mode == 0o600 else f"the export has mode {mode:04o}"


def _neutralised(_folder: Path, out: str, _err: str) -> str | None:
    import csv
    import io

    refs = [row["caller_ref"] for row in csv.DictReader(io.StringIO(out))]
    bad = [r for r in refs if r[:1] in "=+-@\t\r"]
    return f"live formulas: {bad}" if bad or not refs else None


def _damaged(folder: Path) -> None:
    _history(rows=2)(folder)
    conn = sqlite3.connect(folder / "h.sqlite3")
    conn.execute("UPDATE screenings SET flags = '{not json' WHERE id = 1")
    conn.commit()
    conn.close()


def _other_database(folder: Path) -> None:
    conn = sqlite3.connect(folder / "h.sqlite3")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _text_file(folder: Path) -> None:
    (folder / "h.sqlite3").write_text("not a database\n" * 100)


def history() -> list[Case]:
    db = ("--db", "{tmp}/h.sqlite3")
    found = [
        case(
            "history",
            f"show {n}",
            "history",
            "show",
            *db,
            "--",
            n,
            expect=6,
            setup=_history(rows=1),
        )
        for n in ["18446744073709551616", "9223372036854775808", "0", "-1", "99"]
    ]
    found += [
        case("history", "show abc", "history", "show", *db, "abc", expect=2),
        case(
            "history",
            "list --limit huge",
            "history",
            "list",
            *db,
            "--limit",
            "9" * 30,
            expect=2,
            setup=_history(rows=1),
        ),
        case(
            "history",
            "list --until 9999-12-31",
            "history",
            "list",
            *db,
            "--until",
            "9999-12-31",
            expect=0,
            setup=_history(rows=1),
        ),
        case(
            "history",
            "list --since 2026-02-30",
            "history",
            "list",
            *db,
            "--since",
            "2026-02-30",
            expect=2,
        ),
        case(
            "history",
            "list --since fullwidth",
            "history",
            "list",
            *db,
            "--since",
            "\uff12\uff10\uff12\uff16-01-01",
            expect=2,
        ),
        case(
            "history",
            "purge --before 0001-01-01",
            "history",
            "purge",
            *db,
            "--before",
            "0001-01-01",
            "--yes",
            expect=0,
            setup=_history(rows=1),
        ),
        case(
            "history",
            "purge without a terminal",
            "history",
            "purge",
            *db,
            "--before",
            "2999-01-01",
            expect=2,
            setup=_history(rows=1),
        ),
        case(
            "history",
            "an existing history others may read",
            "history",
            "list",
            *db,
            expect=0,
            setup=_history(mode=0o644, rows=1),
            check=_private,
        ),
        case(
            "history",
            "a call into a placeholder",
            "call",
            *db,
            expect=0,
            stdin=b"0\n1\n",
            setup=lambda f: ((f / "h.sqlite3").touch(), os.chmod(f / "h.sqlite3", 0o644)),
            check=_private,
        ),
        case(
            "history",
            "a call into a dangling symlink",
            "call",
            "--db",
            "{tmp}/link",
            expect=0,
            stdin=b"0\n1\n",
            setup=_link("link", "h.sqlite3"),
            check=_private,
        ),
        case("history", "a damaged row", "history", "list", *db, expect=6, setup=_damaged),
        case(
            "history",
            "another program's database",
            "history",
            "list",
            *db,
            expect=6,
            setup=_other_database,
        ),
        case(
            "history",
            "a text file as the history",
            "history",
            "list",
            *db,
            expect=6,
            setup=_text_file,
        ),
        case(
            "history",
            "export over a file others may read",
            "history",
            "export",
            *db,
            "--format",
            "csv",
            "--output",
            "{tmp}/out.csv",
            expect=0,
            setup=lambda f: (
                _history(rows=1)(f),
                (f / "out.csv").write_text("old"),
                os.chmod(f / "out.csv", 0o644),
            ),
            check=_export_private,
        ),
        case(
            "history",
            "export through a symlink",
            "history",
            "export",
            *db,
            "--format",
            "json",
            "--output",
            "{tmp}/out.csv",
            expect=6,
            setup=lambda f: (_history(rows=1)(f), (f / "out.csv").symlink_to(f / "t")),
        ),
        case(
            "history",
            "export into a FIFO",
            "history",
            "export",
            *db,
            "--format",
            "csv",
            "--output",
            "{tmp}/fifo",
            expect=6,
            setup=lambda f: (_history(rows=1)(f), os.mkfifo(f / "fifo")),
        ),
        case(
            "history",
            "export into a folder",
            "history",
            "export",
            *db,
            "--format",
            "csv",
            "--output",
            "{tmp}",
            expect=6,
            setup=_history(rows=1),
        ),
        case(
            "history",
            "export to a name too long",
            "history",
            "export",
            *db,
            "--format",
            "csv",
            "--output",
            "{tmp}/" + LONG,
            expect=6,
            setup=_history(rows=1),
        ),
        case(
            "history",
            "export to /dev/null",
            "history",
            "export",
            *db,
            "--format",
            "csv",
            "--output",
            "/dev/null",
            expect=6,
            setup=_history(rows=1),
        ),
    ]
    for ref in ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", " =x", "\uff1dx"]:
        found.append(
            case(
                "history",
                f"CSV cell {ref!r}",
                "history",
                "export",
                *db,
                "--format",
                "csv",
                expect=0,
                setup=_history(rows=1, caller_ref=ref),
                check=_neutralised,
            )
        )
    for ref in ["\x1b[2J", "\x1b]0;owned\x07", "\x9b31m", "a\rb", "\u202eab"]:
        found.append(
            case(
                "history",
                f"show caller ref {ref!r}",
                "history",
                "show",
                *db,
                "1",
                expect=0,
                setup=_history(rows=1, caller_ref=ref),
                check=_no_escape,
            )
        )
        found.append(
            case(
                "history",
                f"call caller ref {ref!r}",
                "call",
                "--no-save",
                "--caller-ref",
                ref,
                expect=0,
                stdin=b"0\n1\n",
                check=_no_escape,
            )
        )
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
            "red_flags=fever",
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
    return found


def all_cases() -> list[Case]:
    return [
        *yaml_files(),
        *answers_files(),
        *rules_files(),
        *typed_lines(),
        *special_files(),
        *command_lines(),
        *history(),
        *environment(),
        *outputs(),
    ]

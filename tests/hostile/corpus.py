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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
ROOT = HERE.parents[1]
DEFAULT = ROOT / "rules" / "default.yaml"
CALM = ["-a", "emergency_signs=none", "-a", "red_flags=none", "-a", "discomfort=no"]
CALM += ["-a", "cautions=none", "-a", "age=18_to_49"]

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
    # pipe, full (/dev/full), closed, head (the reader leaves early), file (stdout.txt in
    # the case's folder, appended to)
    output: str = "pipe"
    input: str = "pipe"  # pipe, closed, pty (typed ahead at a terminal), or a device (/dev/zero)
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


def link(name: str, target: str) -> Setup:
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
    ("a dangling symlink", "{tmp}/dangling.yaml", link("dangling.yaml", "nowhere")),
    ("a symlink loop", "{tmp}/loop.yaml", link("loop.yaml", "loop.yaml")),
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


def all_cases() -> list[Case]:
    from corpus_commands import command_lines, environment, outputs
    from corpus_documents import documents
    from corpus_history import history
    from corpus_history_kept import history_kept
    from corpus_proof import budgets, numbers
    from corpus_typing import typing

    return [
        *yaml_files(),
        *answers_files(),
        *rules_files(),
        *typed_lines(),
        *special_files(),
        *command_lines(),
        *history(),
        *history_kept(),
        *environment(),
        *outputs(),
        *documents(),
        *numbers(),
        *budgets(),
        *typing(),
    ]

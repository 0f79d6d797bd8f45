"""Hostile histories that a command must leave as they are (issue 17): another program's
database or a newer version's history given to a reader or a writer, an export aimed
at the history itself, rows changed into deep nesting or escape sequences, the
program's own output given as the history, and a name that climbs out of a folder
that does not exist."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path

from corpus import Case, Setup, case
from corpus_history import RELAXATION_CALL, _history

DB = ("--db", "{tmp}/h.sqlite3")
READERS = {
    "list": ("history", "list"),
    "show": ("history", "show", "1"),
    "export csv": ("history", "export", "--format", "csv"),
    "export json": ("history", "export", "--format", "json"),
}
SNAPSHOT = ".before.json"


def _files(folder: Path) -> dict[str, list[object]]:
    """Every regular file of the case's folder: its digest and its mode."""
    return {
        p.name: [hashlib.sha256(p.read_bytes()).hexdigest(), stat.S_IMODE(p.stat().st_mode)]
        for p in sorted(folder.iterdir())
        if p.name != SNAPSHOT and p.is_file() and not p.is_symlink()
    }


def kept(setup: Setup) -> Setup:
    """The setup, then a note of every file it left, for `unchanged` to compare."""

    def both(folder: Path) -> None:
        setup(folder)
        (folder / SNAPSHOT).write_text(json.dumps(_files(folder)))

    return both


def unchanged(folder: Path, _out: str, _err: str) -> str | None:
    before = json.loads((folder / SNAPSHOT).read_text())
    after = _files(folder)
    changed = sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))
    return f"changed on disk: {', '.join(changed)}" if changed else None


def history_unchanged(folder: Path, _out: str, _err: str) -> str | None:
    """The history file itself, for a history this version knows: a reader of one in
    WAL mode may leave SQLite's empty -wal and -shm files beside it, as any SQLite
    reader does."""
    before = json.loads((folder / SNAPSHOT).read_text())["h.sqlite3"]
    return None if before == _files(folder)["h.sqlite3"] else "the history was changed"


def _other_program(wal: bool) -> Setup:
    def setup(folder: Path) -> None:
        conn = sqlite3.connect(folder / "h.sqlite3")
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
        conn.commit()
        conn.close()
        os.chmod(folder / "h.sqlite3", 0o644)

    return setup


def _newer(folder: Path) -> None:
    _history(rows=1)(folder)
    conn = sqlite3.connect(folder / "h.sqlite3")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    os.chmod(folder / "h.sqlite3", 0o644)


def _sqlite_header_garbage(folder: Path) -> None:
    (folder / "h.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)
    os.chmod(folder / "h.sqlite3", 0o644)


def _text(folder: Path) -> None:
    (folder / "h.sqlite3").write_text("id,name\n1,Ada\n")
    os.chmod(folder / "h.sqlite3", 0o644)


UNKNOWN: dict[str, Setup] = {
    "another program's database": _other_program(wal=False),
    "another program's WAL database": _other_program(wal=True),
    "a newer version's history": _newer,
    "an SQLite header over garbage": _sqlite_header_garbage,
    "a CSV file": _text,
}


def _tampered(column: str, value: object, rows: int = 2) -> Setup:
    def setup(folder: Path) -> None:
        _history(rows=rows)(folder)
        conn = sqlite3.connect(folder / "h.sqlite3")
        conn.execute(f"UPDATE screenings SET {column} = ? WHERE id = 1", (value,))
        conn.commit()
        conn.close()

    return setup


DEEP = 200_000
NESTED = {
    "answers as nested objects": ("answers", '{"a":' * DEEP + "1" + "}" * DEEP),
    "answers holding nested lists": ("answers", '{"a":' + "[" * DEEP + "]" * DEEP + "}"),
    "flags as nested lists": ("flags", "[" * DEEP + "]" * DEEP),
    "the document nested 900 deep": ("document", '{"a":' + "[" * 900 + "]" * 900 + "}"),
    "the document nested 40 deep": ("document", '{"a":' + "[" * 40 + "]" * 40 + "}"),
    "cautions holding a list": ("cautions", '["a", ["b"]]'),
}
ESCAPES = ["\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\x9b31m", "a\rb", "\u202eab", "\x1bP+q\x1b\\"]


def _no_escape(_folder: Path, out: str, err: str) -> str | None:
    text = (out + err).replace("\r\n", "\n")
    found = [c for c in "\x1b\x9b\r\u202e\x07" if c in text]
    return f"printed {found!r}" if found else None


def _own_output(folder: Path) -> None:
    (folder / "stdout.txt").write_text("what was there before\n")
    os.chmod(folder / "stdout.txt", 0o644)


def _output_kept(folder: Path, _out: str, _err: str) -> str | None:
    path = folder / "stdout.txt"
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode != 0o644:
        return f"the output was changed to mode {mode:04o}"
    return "a database was written into the output" if b"SQLite" in path.read_bytes() else None


def _no_new_folder(folder: Path, _out: str, _err: str) -> str | None:
    made = [p.name for p in (folder / "d").iterdir()]
    return f"left behind: {made}" if made else None


def _export_targets(folder: Path) -> None:
    _history(rows=2)(folder)
    (folder / "sym").symlink_to(folder / "h.sqlite3")
    os.link(folder / "h.sqlite3", folder / "hard")
    (folder / "sub").mkdir()
    (folder / "up").symlink_to(folder)


def history_kept() -> list[Case]:
    found = []
    for kind, setup in UNKNOWN.items():
        for name, command in READERS.items():
            found.append(
                case(
                    "history",
                    f"{name} on {kind}",
                    *command,
                    *DB,
                    expect=6,
                    setup=kept(setup),
                    check=unchanged,
                )
            )
        found.append(
            case(
                "history",
                f"a call into {kind}",
                "call",
                *DB,
                expect=6,
                stdin=RELAXATION_CALL,
                setup=kept(setup),
                check=unchanged,
            )
        )
        found.append(
            case(
                "history",
                f"purge of {kind}",
                "history",
                "purge",
                *DB,
                "--before",
                "2999-01-01",
                "--yes",
                expect=6,
                setup=kept(setup),
                check=unchanged,
            )
        )
    for target in [
        "{tmp}/h.sqlite3",
        "{tmp}/h.sqlite3-wal",
        "{tmp}/h.sqlite3-shm",
        "{tmp}/h.sqlite3-journal",
        "{tmp}/sym",
        "{tmp}/hard",
        "{tmp}/sub/../h.sqlite3",
        "{tmp}/up/h.sqlite3",
        "{tmp}/./h.sqlite3",
    ]:
        for fmt in ("csv", "json"):
            found.append(
                case(
                    "history",
                    f"export {fmt} onto {target.removeprefix('{tmp}/')}",
                    "history",
                    "export",
                    *DB,
                    "--format",
                    fmt,
                    "--output",
                    target,
                    expect=6,
                    setup=kept(_export_targets),
                    check=unchanged,
                )
            )
    found.append(
        case(
            "history",
            "export onto TRIAGE_DB",
            "history",
            "export",
            "--format",
            "csv",
            "--output",
            "h.sqlite3",
            expect=6,
            setup=kept(_export_targets),
            check=unchanged,
        )
    )
    for kind, (column, value) in NESTED.items():
        for name, command in READERS.items():
            found.append(
                case(
                    "history",
                    f"{name} of {kind}",
                    *command,
                    *DB,
                    expect=6,
                    setup=kept(_tampered(column, value)),
                    check=history_unchanged,
                )
            )
    for text in ESCAPES:
        for column in ("caller_ref", "note", "answers"):
            value = json.dumps({"details": text}) if column == "answers" else text
            found.append(
                case(
                    "history",
                    f"CSV export of {column} {text!r}",
                    "history",
                    "export",
                    *DB,
                    "--format",
                    "csv",
                    expect=0,
                    setup=_tampered(column, value, rows=1),
                    check=_no_escape,
                )
            )
    for name in ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1", "/dev/stderr"):
        for command in (("call",), ("history", "list"), ("history", "purge", "--yes")):
            more = ("--before", "2999-01-01") if "purge" in command else ()
            found.append(
                case(
                    "history",
                    f"{' '.join(command)} --db {name} (a file)",
                    *command,
                    *more,
                    "--db",
                    name,
                    expect=6,
                    stdin=RELAXATION_CALL,
                    output="file",
                    setup=_own_output,
                    check=_output_kept,
                )
            )
    for name in ("d/x/../h.sqlite3", "d/x/y/../../h.sqlite3", "d/x/../../h.sqlite3", "d/x/.."):
        found.append(
            case(
                "history",
                f"a call into {name}",
                "call",
                "--db",
                "{tmp}/" + name,
                expect=6,
                stdin=RELAXATION_CALL,
                setup=lambda f: (f / "d").mkdir(),
                check=_no_new_folder,
            )
        )
    found += addresses()
    return found


ADDRESSES = {
    "an IPv6 host never closed": ("postgresql://[::1", 2),
    "a port out of range": ("postgresql://desk@h:99999999/triage", 2),
    "a password in the user part": ("postgresql://desk:hunter2@/triage?host={tmp}", 2),
    "a password setting": ("postgresql://desk@/triage?host={tmp}&password=hunter2", 2),
    "an empty password setting": ("postgres://desk@/triage?host={tmp}&password=", 2),
    "no server on the socket": ("postgresql://desk@/triage?host={tmp}", 6),
    "an escape in the host": ("postgresql://desk@/triage?host={tmp}/\x1b[2J", 6),
    "an unknown libpq setting": ("postgresql://desk@/triage?host={tmp}&bogus=1", 6),
    "a bad sslmode": ("postgresql://desk@/triage?host={tmp}&sslmode=bogus", 6),
    "a NUL in the database name": ("postgres://desk@/tri%00age?host={tmp}", 6),
}


def _no_password(_folder: Path, out: str, err: str) -> str | None:
    return "the password was printed" if "hunter2" in out + err else None


def addresses() -> list[Case]:
    """PostgreSQL addresses that cannot be used: one line, never the password shown."""
    found = []
    for name, (address, status) in ADDRESSES.items():
        for command in (("history", "list"), ("call",)):
            found.append(
                case(
                    "history",
                    f"{' '.join(command)} --db {name}",
                    *command,
                    "--db",
                    address,
                    expect=status,
                    stdin=RELAXATION_CALL,
                    check=_no_password,
                )
            )
    for name in ("a password in the user part", "no server on the socket"):
        found.append(
            case(
                "history",
                f"TRIAGE_DB with {name}",
                "history",
                "export",
                "--format",
                "json",
                expect=6,
                env={"TRIAGE_DB": ADDRESSES[name][0].replace("{tmp}", "/nonexistent")},
                check=_no_password,
            )
        )
    return found

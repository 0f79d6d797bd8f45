"""Hostile histories: special, damaged, shared or readable by others; hostile caller
references and export destinations (see `corpus` for the cases themselves)."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from corpus import LONG, Case, Check, Setup, case, link

# A whole call on the default rules that ends in a relaxation massage: no emergency
# sign, 18 to 49, no caution, no red flag, no discomfort.
RELAXATION_CALL = b"0\n3\n0\n0\nn\n\n"  # ... and nothing to note


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
                screening = Screening.new(
                    mode="reception",
                    channel="call",
                    outcome="relaxation",
                    flags=[],
                    cautions=[],
                    answers={},
                    rules=("r", "1", "0" * 64),
                    document=doc,
                    language="en",
                    note="note\n",
                    caller_ref=caller_ref,
                    now=now,
                )
                store.save(screening)
        os.chmod(folder / "h.sqlite3", mode)

    return setup


def _private(folder: Path, _out: str, _err: str) -> str | None:
    for path in folder.glob("h.sqlite3*"):
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode != 0o600:
            return f"{path.name} has mode {mode:04o}"
    return None


def _mode_kept(expected: int) -> Check:
    def check(folder: Path, _out: str, _err: str) -> str | None:
        mode = stat.S_IMODE((folder / "h.sqlite3").stat().st_mode)
        return None if mode == expected else f"a reader changed the mode to {mode:04o}"

    return check


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
            "an existing history others may read, listed",
            "history",
            "list",
            *db,
            expect=0,
            setup=_history(mode=0o644, rows=1),
            check=_mode_kept(0o644),  # a reader changes nothing, not even the mode
        ),
        case(
            "history",
            "an existing history others may read, written",
            "call",
            *db,
            expect=0,
            stdin=RELAXATION_CALL,
            setup=_history(mode=0o644, rows=1),
            check=_private,
        ),
        case(
            "history",
            "a call into a placeholder",
            "call",
            *db,
            expect=0,
            stdin=RELAXATION_CALL,
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
            stdin=RELAXATION_CALL,
            setup=link("link", "h.sqlite3"),
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
                stdin=RELAXATION_CALL,
                check=_no_escape,
            )
        )
    return found

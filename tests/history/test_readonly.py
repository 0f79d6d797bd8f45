"""The history is only changed by commands that write to it (issue 17).

Readers (`history list|show|export`) open it read-only and refuse what they do not
recognise without touching it; only a writer migrates a recognised older history; an
export never writes onto the history or SQLite's files beside it; a row another
program changed (deep nesting, escape sequences, wrong kinds) gives a clear line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_run import triage

# The history tests' fixtures and helpers (db, filled), used here by name.
from histories import at, make_v1, result_doc, screening

from triage.history.store import SCHEMA_VERSION, Store

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes and devices")
READERS = [
    ("history", "list"),
    ("history", "show", "1"),
    ("history", "export", "--format", "csv"),
    ("history", "export", "--format", "json"),
]


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file of a folder: its bytes' digest and its mode (what a reader must keep)."""
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), stat.S_IMODE(p.stat().st_mode))
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.is_symlink()
    }


def other_program(db: Path, wal: bool, mode: int = 0o644) -> None:
    db.parent.mkdir(exist_ok=True)
    conn = sqlite3.connect(db)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices (total) VALUES (12.5)")
    conn.commit()
    conn.close()
    os.chmod(db, mode)


def newer_history(db: Path, mode: int = 0o644) -> None:
    """A history as a later version would leave it: WAL mode, a higher schema version."""
    with Store.open(db) as store:
        store.save(screening(at(20)))
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE screenings ADD COLUMN from_the_future TEXT")
    conn.execute("UPDATE triage_meta SET value = '9.1.0' WHERE key = 'written_by'")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 7}")
    conn.commit()
    conn.close()
    os.chmod(db, mode)


@POSIX
@pytest.mark.parametrize("command", READERS, ids=" ".join)
@pytest.mark.parametrize(
    ("kind", "make"),
    [
        ("another program's database", lambda db: other_program(db, wal=False)),
        ("another program's WAL database", lambda db: other_program(db, wal=True)),
        ("a newer version's history", newer_history),
        ("a newer version's history, private", lambda db: newer_history(db, 0o600)),
    ],
)
def test_a_reader_refuses_what_it_does_not_know_and_changes_nothing(db: Path, command, kind, make):
    make(db)
    before = snapshot(db.parent)
    ran = triage(*command, "--db", str(db), expect=6)
    assert ran.code == 6, ran.output
    assert ran.err.count("\n") == 1 and ran.err.startswith("triage: error: ")
    assert ("written by massage-triage 9.1.0 (schema" in ran.err) == ("newer" in kind)
    assert snapshot(db.parent) == before  # bytes, modes, and no -wal or -shm made


@POSIX
@pytest.mark.parametrize("command", [("history", "purge", "--before", "2030-01-01", "--yes")])
def test_a_writer_refuses_a_newer_history_without_changing_it(db: Path, command):
    newer_history(db)
    before = snapshot(db.parent)
    ran = triage(*command, "--db", str(db), expect=6)
    assert ran.code == 6 and "written by massage-triage 9.1.0" in ran.err
    assert snapshot(db.parent) == before  # not even made private: it is not refused late


def test_a_call_into_another_programs_database_changes_nothing(db: Path):
    other_program(db, wal=False)
    before = snapshot(db.parent)
    ran = triage(
        "call",
        "--db",
        str(db),
        input="0\n3\n0\n0\nn\n\n",
        expect=6,
    )
    assert ran.code == 6 and "another program" in ran.err
    assert "Book:" in ran.out  # the result is still shown
    assert snapshot(db.parent) == before


@POSIX
def test_a_reader_leaves_a_history_others_may_read_as_it_is(filled, db: Path):
    os.chmod(db, 0o644)
    ran = triage("history", "list", "--db", str(db))
    assert ran.code == 0 and "B-2" in ran.out
    assert stat.S_IMODE(db.stat().st_mode) == 0o644  # a reader does not chmod
    with Store.open(db):  # a writer does
        pass
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_a_reader_reads_a_version_1_history_as_it_is_and_a_writer_migrates_it(db: Path):
    make_v1(db, ("B-1", result_doc(language="fr")), ("B-2", result_doc("see_doctor")))
    before = db.read_bytes()
    ran = triage("history", "export", "--format", "json", "--db", str(db))
    assert ran.code == 0, ran.err
    rows = json.loads(ran.out)
    assert [(r["caller_ref"], r["language"]) for r in rows] == [("B-2", "en"), ("B-1", "fr")]
    assert triage("history", "show", "1", "--db", str(db)).code == 0
    assert db.read_bytes() == before  # still version 1: only a writer migrates
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == 1
    with Store.open(db) as store:
        assert [s.language for s in store.list()] == ["en", "fr"]
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_reader_of_an_empty_placeholder_finds_nothing_and_creates_nothing(db: Path):
    db.parent.mkdir()
    db.touch()
    for command in READERS[:1] + READERS[2:]:
        ran = triage(*command, "--db", str(db))
        assert ran.code == 0, ran.err
    assert triage("history", "show", "1", "--db", str(db), expect=6).code == 6
    assert sorted(p.name for p in db.parent.iterdir()) == ["history.sqlite3"]
    assert db.read_bytes() == b""


def test_a_reader_sees_what_a_writer_saves_meanwhile(db: Path):
    with Store.open(db) as writer:
        writer.save(screening(at(20), caller_ref="B-1"))
        with Store.open(db, write=False) as reader:
            assert [s.caller_ref for s in reader.list()] == ["B-1"]
            writer.save(screening(at(21), caller_ref="B-2"))
            assert [s.caller_ref for s in reader.list()] == ["B-2", "B-1"]


def test_a_reader_cannot_write(filled, db: Path):
    with Store.open(db, write=False) as reader, pytest.raises(Exception, match="readonly"):
        reader.save(screening(at(24)))


# ------------------------------------------------------------ export onto the history


def _links(db: Path) -> dict[str, Path]:
    folder = db.parent
    (folder / "sym").symlink_to(db)
    os.link(db, folder / "hard")
    (folder / "sub").mkdir()
    (folder / "dirlink").symlink_to(folder)
    return {
        "the history": db,
        "its write-ahead log": Path(f"{db}-wal"),
        "its shared memory": Path(f"{db}-shm"),
        "its rollback journal": Path(f"{db}-journal"),
        "a symbolic link to it": folder / "sym",
        "a hard link to it": folder / "hard",
        "a name through '..'": folder / "sub" / ".." / db.name,
        "a name through a linked folder": folder / "dirlink" / db.name,
    }


@POSIX
@pytest.mark.parametrize(
    "target",
    [
        "the history",
        "its write-ahead log",
        "its shared memory",
        "its rollback journal",
        "a symbolic link to it",
        "a hard link to it",
        "a name through '..'",
        "a name through a linked folder",
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_never_writes_onto_the_history(filled, db: Path, target: str, fmt: str):
    output = _links(db)[target]
    before = snapshot(db.parent)
    ran = triage(
        "history", "export", "--format", fmt, "--output", str(output), "--db", str(db), expect=6
    )
    assert ran.code == 6, ran.output
    assert "it is the screening history itself" in ran.err and ran.err.count("\n") == 1
    assert snapshot(db.parent) == before
    assert len(Store.open(db, write=False).list()) == 4


def test_an_export_through_triage_db_onto_the_history_is_refused(filled, db: Path):
    ran = triage(
        "history",
        "export",
        "-f",
        "csv",
        "-o",
        str(db),
        environ={"TRIAGE_DB": str(db)},
        expect=6,
    )
    assert ran.code == 6 and "screening history itself" in ran.err


def test_an_export_beside_the_history_still_works(filled, db: Path):
    output = db.parent / "history.sqlite3.csv"
    ran = triage("history", "export", "-f", "csv", "-o", str(output), "--db", str(db))
    assert ran.code == 0, ran.err
    assert len(list(csv.DictReader(io.StringIO(output.read_text())))) == 4


# ------------------------------------------------------------ rows another program changed


def tamper(db: Path, column: str, value: object) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"UPDATE screenings SET {column} = ? WHERE id = 2", (value,))
    conn.commit()
    conn.close()


DEEP = 100_000


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("answers", '{"a":' * DEEP + "1" + "}" * DEEP),
        ("answers", '{"a":' + "[" * DEEP + "]" * DEEP + "}"),
        ("document", '{"a":' + "[" * 40 + "]" * 40 + "}"),  # under the parser's limit
        ("flags", "[" * DEEP + "]" * DEEP),
        ("cautions", '["a", [["b"]]]'),
        ("flags", '{"fever": true}'),
        ("answers", "[]"),
        ("document", "7"),
        ("created_at", b"2026-11-21"),
        ("note", b"\x00\x01"),
        ("outcome", b"relaxation"),
    ],
    ids=lambda v: str(v)[:24],
)
@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_a_changed_row_is_one_clear_line_in_every_reader(filled, db: Path, column, value, command):
    tamper(db, column, value)
    args = [*command[:2], "2", *command[3:]] if command[1] == "show" else list(command)
    ran = triage(*args, "--db", str(db), expect=6)
    assert ran.code == 6, ran.output
    assert ran.err.count("\n") == 1
    assert "is damaged (screening 2)" in ran.err


@pytest.mark.parametrize(
    "text", ["\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\x9b31m", "a\rb", "\u202eab", "\x1bP+q\x1b\\"]
)
@pytest.mark.parametrize("column", ["caller_ref", "note", "rules_id", "outcome"])
def test_a_csv_export_never_prints_an_escape_sequence(filled, db: Path, text: str, column: str):
    tamper(db, column, text)
    tamper(db, "answers", json.dumps({"details": text}))
    ran = triage("history", "export", "--format", "csv", "--db", str(db))
    assert ran.code == 0, ran.err
    assert not any(c in ran.out.replace("\r\n", "\n") for c in "\x1b\x9b\r\u202e\x07")
    json_ran = triage("history", "export", "--format", "json", "--db", str(db))
    assert not any(c in json_ran.out for c in "\x1b\x9b\r\u202e\x07")
    assert text in [r[column] for r in json.loads(json_ran.out)]  # JSON keeps it, escaped


# ------------------------------------------------------------ the history's own name


@POSIX
@pytest.mark.parametrize("name", ["/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/2"])
@pytest.mark.parametrize("command", [["call"], ["history", "list"]])
def test_the_history_is_never_this_programs_own_output(tmp_path: Path, name: str, command):
    """Run for real: the output redirected to a file others may read."""
    if not Path(name).exists():
        pytest.skip(f"{name} does not exist here")
    out = tmp_path / "out.txt"
    out.write_text("what was there before\n")
    os.chmod(out, 0o644)
    with open(out, "ab") as sink:
        ran = subprocess.run(
            [sys.executable, "-m", "triage", *command, "--db", name],
            input=b"0\n3\n0\n0\nn\n\n",
            stdout=sink,
            stderr=sink,
            env={**os.environ, "TRIAGE_LANG": "en", "TRIAGE_CACHE": ""},
            timeout=60,
        )
    assert ran.returncode == 6
    text = out.read_text()
    assert "own input or output" in text and "Traceback" not in text
    assert "SQLite format" not in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "relative", ["d/x/../h.sqlite3", "d/x/y/../../h.sqlite3", "x/../h.sqlite3", "d/x/../../h"]
)
def test_a_name_that_climbs_out_of_a_missing_folder_creates_no_folder(tmp_path: Path, relative):
    (tmp_path / "d").mkdir()
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    ran = triage(
        "call",
        "--db",
        str(tmp_path / relative),
        input="0\n3\n0\n0\nn\n\n",
        expect=6,
    )
    assert ran.code == 6 and "does not exist" in ran.err, ran.output
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_a_name_through_an_existing_folder_and_dot_dot_still_works(tmp_path: Path):
    (tmp_path / "d" / "x").mkdir(parents=True)
    ran = triage("call", "--db", str(tmp_path / "d/x/../h.sqlite3"), input="0\n3\n0\n0\nn\n\n")
    assert ran.code == 0, ran.output
    assert (tmp_path / "d" / "h.sqlite3").is_file()

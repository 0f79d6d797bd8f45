"""Health data stays private: history and exports 0600 whatever was there, no symlink
followed, no live formula in a CSV, an honest purge, no escape sequence shown."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from cli_run import triage

# The history tests' fixtures (db, filled), used here by name.
from histories import at, screening

from triage.errors import StorageError
from triage.history.export import cell
from triage.history.private import write_private
from triage.history.store import Store

POSIX_FILES = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev files")

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@POSIX
@pytest.mark.parametrize("content", ["", "existing"])
def test_an_existing_history_or_placeholder_others_may_read_becomes_private(
    tmp_path: Path, content: str
):
    path = tmp_path / "history.sqlite3"
    if content:
        with Store.open(path) as store:
            store.save(screening(at(1)))
    else:
        path.write_text("")  # a placeholder made by hand, or by `touch`
    path.chmod(0o644)
    with Store.open(path) as store:
        store.save(screening(at(2)))
        assert mode_of(path) == 0o600
        assert mode_of(Path(f"{path}-wal")) == 0o600


@POSIX
def test_a_dangling_symlink_as_the_history_makes_a_private_file(tmp_path: Path):
    target = tmp_path / "real.sqlite3"
    link = tmp_path / "history.sqlite3"
    link.symlink_to(target)
    old = os.umask(0o022)
    try:
        with Store.open(link) as store:
            store.save(screening(at(1)))
    finally:
        os.umask(old)
    assert mode_of(target) == 0o600


@POSIX_FILES
@pytest.mark.parametrize("special", ["fifo", "device"])
def test_a_history_that_is_not_a_regular_file_is_refused_at_once(tmp_path: Path, special: str):
    if special == "fifo":
        path = tmp_path / "history.sqlite3"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    with pytest.raises(StorageError, match="it is not a regular file"):
        Store.open(path)


@POSIX
def test_an_export_over_an_existing_file_is_private(tmp_path: Path):
    out = tmp_path / "export.csv"
    out.write_text("old")
    out.chmod(0o644)
    write_private(out, "new")
    assert out.read_text() == "new"
    assert mode_of(out) == 0o600


def test_an_export_never_follows_a_symlink(tmp_path: Path):
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    link = tmp_path / "export.csv"
    link.symlink_to(target)
    with pytest.raises(OSError, match="symbolic link"):
        write_private(link, "export")
    assert target.read_text() == "keep me"
    assert link.is_symlink()


@POSIX_FILES
def test_an_export_to_a_fifo_is_refused(tmp_path: Path):
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_private(fifo, "export")


def test_an_export_that_fails_leaves_no_temporary_file(tmp_path: Path):
    with pytest.raises(OSError):
        write_private(tmp_path / "folder-that-is-not-there" / "x.csv", "export")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "text",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "  =HYPERLINK(1)", "\uff1d1+1", "\nx"],
)
def test_a_cell_a_spreadsheet_would_run_is_text(text: str):
    assert cell(text) == "'" + text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\rx", "\ufffdx"),  # a carriage return would overwrite the line on a terminal
        ("a\x1b[2Jb", "a\ufffd[2Jb"),
        ("\x1b]52;c;ZXZpbA==\x07", "\ufffd]52;c;ZXZpbA==\ufffd"),  # OSC 52: the clipboard
        ("\x9b31m", "\ufffd31m"),
        ("\u202eab", "\ufffdab"),
        ("=\x1b[31m", "'=\ufffd[31m"),
        ("line 1\nline 2\tend", "line 1\nline 2\tend"),
    ],
)
def test_a_cell_never_holds_what_a_terminal_would_obey(text: str, shown: str):
    """A changed history exported to a terminal cannot drive it (issue 17)."""
    assert cell(text) == shown


@pytest.mark.parametrize("text", ["B-1042", "", "42", "a=b", "note - 1"])
def test_other_cells_are_as_stored(text: str):
    assert cell(text) == text


def test_cli_csv_export_neutralises_a_formula_in_a_caller_reference(db: Path):
    with Store.open(db) as store:
        store.save(screening(at(1), caller_ref='=HYPERLINK("http://x","y")'))
        store.save(screening(at(2), caller_ref="-2+3"))
    ran = triage("history", "export", "--format", "csv", "--db", str(db))
    rows = list(csv.DictReader(io.StringIO(ran.out)))
    assert [r["caller_ref"] for r in rows] == ["'-2+3", '\'=HYPERLINK("http://x","y")']


def test_cli_export_over_a_symlink_exits_6_and_leaves_the_target(
    filled,
    db: Path,
    tmp_path: Path,
):
    target = tmp_path / "target.txt"
    target.write_text("keep me")
    link = tmp_path / "out.csv"
    link.symlink_to(target)
    ran = triage(
        "history", "export", "--format", "csv", "--output", str(link), "--db", str(db), expect=6
    )
    assert ran.code == 6
    assert "symbolic link" in ran.err
    assert target.read_text() == "keep me"


@pytest.mark.parametrize("number", ["18446744073709551616", "0", "-5", str(2**63)])
def test_cli_show_of_an_id_out_of_range_is_no_such_screening(
    filled,
    db: Path,
    number: str,
):
    ran = triage("history", "show", "--", number, environ={"TRIAGE_DB": str(db)}, expect=6)
    assert ran.code == 6, ran.output
    assert f"no screening with id {number}" in ran.err


def test_cli_list_limit_and_last_day_are_bounded(db: Path, filled):
    assert triage("history", "list", "--limit", str(10**12), "--db", str(db), expect=2).code == 2
    ran = triage(
        "history", "list", "--until", "9999-12-31", "--since", "0001-01-01", "--db", str(db)
    )
    assert ran.code == 0
    assert len(ran.out.splitlines()) == 5  # the header and the four screenings


def test_cli_a_damaged_row_is_one_line_and_exit_6(filled, db: Path):
    conn = sqlite3.connect(db)
    conn.execute("UPDATE screenings SET answers = 'not json' WHERE id = 2")
    conn.commit()
    conn.close()
    ran = triage("history", "list", "--db", str(db), expect=6)
    assert ran.code == 6
    assert "is damaged (screening 2)" in ran.err
    assert len(ran.err.splitlines()) == 1


def test_cli_show_never_prints_an_escape_sequence(db: Path):
    with Store.open(db) as store:
        saved = screening(at(1), caller_ref="B-1\x1b]0;owned\x07\x1b[2J")
        store.save(saved)
    ran = triage("history", "show", "1", "--db", str(db))
    assert ran.code == 0
    assert "\x1b" not in ran.out and "\x07" not in ran.out
    assert "B-1\ufffd]0;owned\ufffd\ufffd[2J" in ran.out


def test_a_purge_while_another_program_reads_says_what_stays_on_disk(
    filled,
    db: Path,
):
    reader = sqlite3.connect(db, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM screenings").fetchone()  # a read in progress
    try:
        ran = triage(
            "history", "purge", "--before", "2026-11-22", "--yes", "--db", str(db), expect=6
        )
    finally:
        reader.execute("COMMIT")
        reader.close()
    assert ran.code == 6
    assert "deleted 2 screenings recorded before 2026-11-22" in ran.out
    assert "old copies of deleted screenings stay in" in ran.err
    assert len(ran.err.splitlines()) == 1
    again = triage("history", "purge", "--before", "2026-11-22", "--yes", "--db", str(db))
    # (the other program has closed)
    assert again.code == 0, again.err
    assert again.out == "no screenings recorded before 2026-11-22\n"
    wal = Path(f"{db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0

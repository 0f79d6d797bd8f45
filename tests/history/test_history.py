"""The screening history: the store on a real SQLite file, its failures as one line, and
`triage history ...` end to end (through the one runner, tests/cli_run.py)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import platformdirs
import pytest
from cli_run import triage
from histories import SHA, at, make_v1, new_screening, result_doc, screening

from triage import __version__ as triage_version
from triage.errors import ExitStatus, StorageError
from triage.history import store as history
from triage.history.store import Store
from triage.output.clock import local_time_of
from triage.screening.records import screening_of

ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0


def one_line(error: StorageError, path: Path) -> str:
    message = str(error)
    assert "\n" not in message
    assert str(path) in message
    return message


# ------------------------------------------------------------------ records


def test_a_new_screening_keeps_what_the_result_said():
    doc = result_doc("see_doctor", flags=["fever"], cautions=["pregnancy"], language="fr")
    made = new_screening(doc, "reception", "the note", "B-1042", at(23, 19, 45, 12))
    assert made.id is None
    assert made.created_at == "2026-11-23T19:45:12Z"
    assert (made.mode, made.outcome, made.flags, made.cautions) == (
        "reception",
        "see_doctor",
        ["fever"],
        ["pregnancy"],
    )
    assert made.answers == doc["answers"]
    assert (made.rules_id, made.rules_version, made.rules_sha256) == (
        "massage-triage-default",
        "1.4.0",
        SHA,
    )
    assert made.caller_ref == "B-1042"
    assert made.note == "the note"
    assert made.document == doc
    assert made.language == "fr"


def test_a_screening_of_a_result_document_keeps_its_fields(mini, make_doc):
    """The shell turns the typed result into the history's plain values."""
    from triage.deciding.engine import assess

    answers = {"signs": (), "fever": False, "pain": True, "duration": "weeks"}
    doc = make_doc(assess(mini, {**answers, "extras": ("pregnancy",)}), mini, SHA, lang="en")
    made = screening_of(doc, "walk", "the note", "B-7", at(23, 19, 45, 12))
    assert (made.id, made.created_at, made.mode) == (None, "2026-11-23T19:45:12Z", "client")
    assert made.channel == "walk"  # where it was taken; the mode is the document's audience
    assert (made.outcome, made.flags, made.cautions) == ("therapeutic", [], ["pregnancy"])
    assert made.answers == {**answers, "signs": [], "extras": ["pregnancy"]}
    assert (made.rules_id, made.rules_version, made.rules_sha256) == ("mini", "1.2", SHA)
    assert (made.caller_ref, made.note, made.language) == ("B-7", "the note", "en")
    assert made.document == doc.to_json()
    assert "booking_note" not in made.document  # the note is kept on its own


def test_a_new_screening_stores_time_in_utc_and_needs_a_time_zone():
    paris = timezone(timedelta(hours=1))
    late = datetime(2026, 11, 23, 0, 30, 5, tzinfo=paris)
    assert new_screening(result_doc(), "client", "n", None, late).created_at == (
        "2026-11-22T23:30:05Z"
    )
    with pytest.raises(ValueError, match="time zone"):
        new_screening(result_doc(), "client", "n", None, datetime(2026, 11, 23))


def test_the_mode_is_checked():
    with pytest.raises(ValueError, match="client, reception"):
        screening(at(1), mode="walk-in")


def test_default_db_path_follows_triage_db_then_the_user_data_folder(tmp_path: Path):
    assert history.default_db_path({"TRIAGE_DB": str(tmp_path / "h.db")}) == tmp_path / "h.db"
    assert history.default_db_path({"TRIAGE_DB": "~/h.db"}) == Path.home() / "h.db"
    expected = platformdirs.user_data_path("massage-triage") / "history.sqlite3"
    assert history.default_db_path({}) == expected
    assert history.default_db_path({"TRIAGE_DB": ""}) == expected


# -------------------------------------------------------------------- store


def test_save_then_get_gives_back_the_same_screening(store: Store):
    made = screening(
        at(23),
        "therapeutic",
        "B-1",
        cautions=["pregnancy"],
        answers={"discomfort": True, "areas": ["neck", "hip"], "duration": "weeks", "score": 4},
    )
    new_id = store.save(made)
    assert new_id >= 1
    assert store.get(new_id) == replace(made, id=new_id)
    assert store.get(new_id + 1) is None
    assert store.count() == 1


def test_ids_are_never_reused_after_a_purge(store: Store):
    first = store.save(screening(at(1)))
    store.purge(date(2026, 11, 2))
    assert store.save(screening(at(3))) == first + 1


def test_list_is_newest_first(store: Store):
    ids = {day: store.save(screening(at(day), caller_ref=f"day {day}")) for day in (5, 2, 9, 7)}
    same_second = store.save(screening(at(9), caller_ref="later, same second"))
    listed = store.list()
    assert [s.caller_ref for s in listed] == [
        "later, same second",
        "day 9",
        "day 7",
        "day 5",
        "day 2",
    ]
    assert [s.id for s in listed][1:] == [ids[9], ids[7], ids[5], ids[2]]
    assert listed[0].id == same_second
    assert [s.caller_ref for s in store.list(limit=2)] == ["later, same second", "day 9"]


def test_list_filters_by_outcome_and_by_days_both_included(store: Store):
    store.save(screening(at(9, 23, 59, 59), "relaxation", "before"))
    store.save(screening(at(10, 0, 0, 0), "see_doctor", "first second", flags=["fever"]))
    store.save(screening(at(11, 8), "relaxation", "middle"))
    store.save(screening(at(12, 23, 59, 59), "see_doctor", "last second", flags=["night_pain"]))
    store.save(screening(at(13, 0, 0, 0), "relaxation", "after"))

    def refs(**filters: Any) -> list[str | None]:
        return [s.caller_ref for s in store.list(**filters)]

    in_range = refs(since=date(2026, 11, 10), until=date(2026, 11, 12))
    assert in_range == ["last second", "middle", "first second"]
    assert refs(outcome="see_doctor") == ["last second", "first second"]
    assert refs(outcome="see_doctor", until=date(2026, 11, 11)) == ["first second"]
    assert refs(since=date(2026, 11, 13)) == ["after"]
    assert refs(until=date(2026, 11, 9)) == ["before"]
    assert refs(outcome="emergency") == []


def test_purge_deletes_strictly_before_the_day(store: Store):
    store.save(screening(at(9, 23, 59, 59), caller_ref="old"))
    store.save(screening(at(10, 0, 0, 0), caller_ref="kept"))
    assert store.count(before=date(2026, 11, 10)) == 1
    assert store.purge(date(2026, 11, 10)) == 1
    assert [s.caller_ref for s in store.list()] == ["kept"]
    assert store.purge(date(2026, 11, 10)) == 0


def test_purged_screenings_do_not_linger_in_the_file(db: Path):
    # Some SQLite builds overwrite deleted rows by default, others not: the store asks
    # for it either way (PRAGMA secure_delete), and this checks the bytes on disk.
    secret = "PURGED-CALLER-7731"
    with Store.open(db) as store:
        for hour in range(20):
            store.save(screening(at(1, hour), caller_ref=f"{secret}-{hour}"))
        store.save(screening(at(20), caller_ref="kept-caller"))
        assert store.purge(date(2026, 11, 2)) == 20
        on_disk = b"".join(p.read_bytes() for p in db.parent.iterdir() if p.is_file())
        assert b"kept-caller" in on_disk
        assert secret.encode() not in on_disk
    on_disk = b"".join(p.read_bytes() for p in db.parent.iterdir() if p.is_file())
    assert secret.encode() not in on_disk


def test_the_connection_is_set_for_several_terminals(store: Store):
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


# -------------------------------------------------------------- permissions


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
@pytest.mark.parametrize(
    ("umask", "folders"), [(0o022, "new/deeper"), (0o000, "new"), (0o277, "new")]
)
def test_a_new_history_is_private_whatever_the_umask(tmp_path: Path, umask: int, folders: str):
    db = tmp_path / folders / "history.sqlite3"
    before = mode_of(tmp_path)
    old = os.umask(umask)
    try:
        with Store.open(db) as store:
            store.save(screening(at(1)))
            wal = db.with_name(db.name + "-wal")
            assert wal.exists()
            assert mode_of(wal) == 0o600  # SQLite gives its side files the file's mode
    finally:
        os.umask(old)
    assert mode_of(db) == 0o600
    assert mode_of(db.parent) == 0o700
    assert mode_of(tmp_path) == before  # an existing folder is not the tool's to change


@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_an_existing_folder_keeps_its_mode_and_a_file_others_may_read_is_tightened(
    tmp_path: Path,
):
    tmp_path.chmod(0o755)
    db = tmp_path / "history.sqlite3"
    with Store.open(db):
        pass
    db.chmod(0o640)
    with Store.open(db) as store:
        store.save(screening(at(1)))
    assert mode_of(tmp_path) == 0o755
    assert mode_of(db) == 0o600


# -------------------------------------------------------- two terminals at once

WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from triage.history.store import Screening, Store

    path, tag, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    doc = {"outcome": "relaxation"}
    sys.stdout.write("ready\\n")
    sys.stdout.flush()
    sys.stdin.readline()  # both start writing together
    with Store.open(path) as store:
        for i in range(count):
            now = datetime.now(timezone.utc)
            store.save(Screening.new(
                mode="reception", channel="call", outcome="relaxation", flags=[], cautions=[],
                answers={},
                rules=("default", "1", "0" * 64), document=doc, language="en",
                note=f"note {i}", caller_ref=f"{tag}-{i}", now=now,
            ))
    """
)


def test_two_processes_saving_at_the_same_time_lose_nothing(db: Path):
    per_process = 200
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), tag, str(per_process)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("left", "right")
    ]
    try:
        for writer in writers:
            assert writer.stdout is not None
            assert writer.stdout.readline() == "ready\n"
        for writer in writers:  # a fresh file: both also race to create the schema
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        outcomes = [writer.communicate(timeout=120) for writer in writers]
    finally:
        for writer in writers:
            writer.kill()
    for writer, (_out, err) in zip(writers, outcomes, strict=True):
        assert writer.returncode == 0, err
        assert "locked" not in err
    with Store.open(db) as store:
        assert store.count() == 2 * per_process
        saved = store.list()
    assert sorted(s.id for s in saved) == list(range(1, 2 * per_process + 1))
    refs = {s.caller_ref for s in saved}
    assert refs == {f"{tag}-{i}" for tag in ("left", "right") for i in range(per_process)}


def test_a_writer_held_up_too_long_gets_one_clear_line(db: Path):
    with Store.open(db):
        pass
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with Store.open(db, busy_timeout=0.2) as store, pytest.raises(StorageError) as caught:
            store.save(screening(at(1)))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    message = one_line(caught.value, db)
    assert message.startswith(f"cannot write the screening history at {db}: database is locked")
    assert "try again" in message


# ------------------------------------------------------------- bad places


@pytest.mark.skipif(ROOT_USER, reason="root writes into a 0500 folder anyway")
@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_read_only_folder_is_a_clear_error(tmp_path: Path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StorageError) as caught:
            Store.open(folder / "history.sqlite3")
    finally:
        folder.chmod(0o700)
    message = one_line(caught.value, folder / "history.sqlite3")
    assert "Permission denied" in message
    assert "use --db or TRIAGE_DB" in message


@pytest.mark.skipif(ROOT_USER, reason="root writes into a 0400 file anyway")
@pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")
def test_a_read_only_history_cannot_be_written(tmp_path: Path):
    db = tmp_path / "history.sqlite3"
    with Store.open(db) as store:
        store.save(screening(at(1)))
    db.chmod(0o400)
    try:
        with pytest.raises(StorageError) as caught, Store.open(db) as store:
            store.save(screening(at(2)))
    finally:
        db.chmod(0o600)
    assert one_line(caught.value, db) == (
        f"cannot write the screening history at {db}: attempt to write a readonly database "
        "(use --db or TRIAGE_DB to choose another place)"
    )


def test_a_parent_that_is_a_regular_file_is_a_clear_error(tmp_path: Path):
    blocking = tmp_path / "notes.txt"
    blocking.write_text("not a folder")
    for db in (blocking / "history.sqlite3", blocking / "a" / "b" / "history.sqlite3"):
        with pytest.raises(StorageError) as caught:
            Store.open(db)
        message = one_line(caught.value, db)
        assert message == (
            f"cannot create the screening history at {db}: {blocking} is a file, not a folder "
            "(use --db or TRIAGE_DB to choose another place)"
        )
    assert blocking.read_text() == "not a folder"


def test_a_folder_given_as_the_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(StorageError, match="that is a folder: give a file name inside it"):
        Store.open(tmp_path)


def test_a_corrupt_file_is_reported_and_left_untouched(db: Path):
    db.parent.mkdir()
    garbage = bytes(range(256)) * 64
    db.write_bytes(garbage)
    with pytest.raises(StorageError) as caught:
        Store.open(db)
    message = one_line(caught.value, db)
    assert "file is not a database" in message
    assert "move it aside" in message
    assert caught.value.status == ExitStatus.STORAGE == 6
    assert db.read_bytes() == garbage


def test_another_programs_database_is_not_taken_over(db: Path):
    db.parent.mkdir()
    other = sqlite3.connect(db)
    other.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    other.commit()
    other.close()
    with pytest.raises(StorageError, match="a database of another program"):
        Store.open(db)
    check = sqlite3.connect(db)
    tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
    check.close()
    assert tables == {"invoices"}


# --------------------------------------------------------------- migrations


def schema_of(db: Path) -> tuple[int, set[str], set[str]]:
    """user_version, the columns of screenings, and its indexes."""
    conn = sqlite3.connect(db)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        columns = {row[1] for row in conn.execute("PRAGMA table_info(screenings)")}
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(screenings)")}
    finally:
        conn.close()
    return version, columns, indexes


def test_a_version_1_history_is_migrated_and_keeps_its_rows(db: Path):
    make_v1(
        db,
        ("OLD-1", result_doc("see_doctor", flags=["fever"], language="fr")),
        ("OLD-2", {k: v for k, v in result_doc().items() if k != "language"}),
    )
    assert schema_of(db)[0] == 1
    with Store.open(db) as store:
        old = store.list()
        new_id = store.save(screening(at(1), caller_ref="NEW"))
        assert store.list(outcome="see_doctor")[0].caller_ref == "OLD-1"
    version, columns, indexes = schema_of(db)
    assert version == history.SCHEMA_VERSION == 4
    assert {"language", "uid", "handled_at", "handled_by", "contact", "channel"} <= columns
    assert {"screenings_by_time", "screenings_by_outcome", "screenings_by_uid"} <= indexes
    uids = {s.uid for s in old}  # each old row got its own unique id
    assert len(uids) == 2 and None not in uids
    assert [(s.id, s.caller_ref, s.note) for s in old] == [
        (2, "OLD-2", "old note"),
        (1, "OLD-1", "old note"),
    ]
    assert old[1].flags == ["fever"]
    assert old[1].document["flags"] == ["fever"]
    assert [s.language for s in old] == ["en", "fr"]  # taken from each row's document
    assert new_id == 3


def test_a_failed_migration_changes_nothing(db: Path):
    make_v1(db, ("OLD-1", result_doc()))
    conn = sqlite3.connect(db)  # a column in the way makes version 2 fail half-way
    conn.execute("ALTER TABLE screenings ADD COLUMN language TEXT")
    conn.commit()
    conn.close()
    with pytest.raises(StorageError) as caught:
        Store.open(db)
    assert "duplicate column name: language" in one_line(caught.value, db)
    version, _columns, indexes = schema_of(db)
    assert version == 1
    assert not {"screenings_by_time", "screenings_by_outcome"} & indexes  # rolled back


def test_a_history_from_a_newer_version_is_refused(db: Path):
    with Store.open(db) as store:
        store.save(screening(at(1)))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 7")
    conn.close()
    with pytest.raises(StorageError) as caught:
        Store.open(db)
    message = one_line(caught.value, db)
    assert (
        f"written by massage-triage {triage_version} (schema version 7; this one knows up to 4)"
        in (message)
    )
    assert "upgrade massage-triage" in message
    assert schema_of(db)[0] == 7


def test_a_newer_history_that_does_not_say_who_wrote_it_is_refused(db: Path):
    with Store.open(db) as store:
        store.save(screening(at(1)))
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE triage_meta")
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    with pytest.raises(StorageError) as caught:
        Store.open(db, write=False)
    assert "written by a newer massage-triage (schema version 8; this one knows up to 4)" in (
        one_line(caught.value, db)
    )


# ------------------------------------------------------------------ exports


def test_json_export_reads_back_as_what_was_stored(store: Store):
    store.save(screening(at(1), "see_doctor", "B-7", flags=["fever", "night_pain"]))
    store.save(screening(at(2), "therapeutic", None, cautions=["pregnancy"], language="fr"))
    stored = store.list()
    assert history.from_json(history.to_json(stored)) == stored
    assert history.from_json(history.to_json([])) == []


def test_from_json_refuses_what_is_not_an_export():
    with pytest.raises(ValueError, match="a JSON list"):
        history.from_json("{}")
    with pytest.raises(ValueError, match="unknown field"):
        history.from_json('[{"id": 1, "name": "Jane"}]')
    with pytest.raises(ValueError, match="screening 1"):
        history.from_json('[{"id": 1}]')


# --------------------------------------------------------------------- CLI


def test_cli_list_plain_is_an_aligned_table_newest_first(filled, db: Path, paris):
    """Local time with its offset; channels and outcomes in words, not ids."""
    ran = triage("history", "list", "--db", str(db))
    assert ran.code == 0, ran.err
    lines = ran.out.splitlines()
    assert lines[0].split() == ["id", "time", "channel", "outcome", "flags", "caller", "ref"]
    assert [line.split()[0] for line in lines[1:]] == ["4", "3", "2", "1"]
    assert re.split(r"  +", lines[3].strip()) == [
        "2",
        "2026-11-21 11:00 +01:00",
        "call",
        "SEE A DOCTOR FIRST",
        "fever,recent_trauma",
        "B-2",
    ]
    assert lines[2].split()[-2:] == ["-", "-"]  # no flags, no caller ref
    assert lines[1].endswith('B-4, "quoted" line')  # free text kept on its line
    assert len(lines) == 5
    assert lines[1].index("2026") == lines[4].index("2026")  # columns aligned
    assert ran.err == ""


def test_cli_list_filters(filled, db: Path):
    ran = triage(
        "history", "list", "--outcome", "relaxation", "--since", "2026-11-21", "--db", str(db)
    )
    assert [line.split()[0] for line in ran.out.splitlines()[1:]] == ["4"]
    ran = triage("history", "list", "--until", "2026-11-21", "--limit", "1", "--db", str(db))
    assert [line.split()[0] for line in ran.out.splitlines()[1:]] == ["2"]


def test_cli_list_says_when_there_is_nothing(db: Path):
    ran = triage("history", "list", "--db", str(db))
    assert (ran.code, ran.out) == (0, "no screenings\n")


def test_cli_list_on_a_terminal_is_a_rich_table(filled, db: Path, paris):
    ran = triage("history", "list", "--db", str(db), tty=True, environ={"TERM": "xterm"})
    assert ran.code == 0, ran.err
    assert "\x1b[" in ran.out  # styled
    text = re.sub(r"\x1b\[[0-9;]*m", "", ran.out)
    words = {"relaxation": "RELAXATION MASSAGE", "see_doctor": "SEE A DOCTOR FIRST"}
    words |= {"therapeutic": "THERAPEUTIC MASSAGE"}
    channels = {"walk": "walk", "call": "call"}
    for stored in filled:  # times, channels and outcomes are never cut at 80 columns
        when = local_time_of(stored.created_at)
        assert when.endswith("+01:00")
        shown = (when, channels[stored.channel], words[stored.outcome])
        row = rf"^ *{stored.id} +" + " +".join(re.escape(text) for text in shown) + " "
        assert re.search(row, text, re.M), text
    assert "fever," in text


def test_cli_list_in_french_says_modes_and_outcomes_in_french(filled, db: Path):
    ran = triage("history", "list", "--db", str(db), "--lang", "fr")
    assert "appel" in ran.out and "MÉDECIN D\u2019ABORD" in ran.out
    assert "reception" not in ran.out and "see_doctor" not in ran.out


CHANNELS_SHOWN = {
    "en": {"walk": "walk", "call": "call", "assess": "assess", "web": "web"},
    "fr": {"walk": "parcours", "call": "appel", "assess": "évaluation", "web": "web"},
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cli_list_show_and_export_say_where_each_screening_was_taken(db: Path, lang: str):
    """The channel in words in the chosen language (list, show), as its id in exports."""
    channels = ["walk", "call", "assess", "web"]
    with Store.open(db) as store:
        for day, channel in enumerate(channels, 1):
            mode = "reception" if channel == "call" else "client"
            store.save(screening(at(day), caller_ref=f"C-{channel}", mode=mode, channel=channel))
    words = CHANNELS_SHOWN[lang]
    listed = triage("history", "list", "--db", str(db), "--lang", lang)
    assert listed.code == 0, listed.err
    lines = listed.out.splitlines()
    assert lines[0].split()[2] == ("canal" if lang == "fr" else "channel")
    for line, channel in zip(lines[1:], reversed(channels), strict=True):
        assert re.split(r"  +", line.strip())[2] == words[channel]
        assert line.endswith(f"C-{channel}")
    for number, channel in enumerate(channels, 1):
        shown = triage("history", "show", str(number), "--db", str(db), "--lang", lang)
        label = "Canal[\u00a0\u202f ]:" if lang == "fr" else "Channel:"
        assert re.search(rf"^{label} +{words[channel]}$", shown.out, re.M), shown.out
    exported = triage("history", "export", "-f", "json", "--db", str(db), "--lang", lang)
    assert [r["channel"] for r in json.loads(exported.out)] == channels[::-1]
    as_csv = triage("history", "export", "-f", "csv", "--db", str(db), "--lang", lang)
    rows = list(csv.DictReader(io.StringIO(as_csv.out, newline="")))
    assert [(r["mode"], r["channel"]) for r in rows] == [
        ("client", "web"),
        ("client", "assess"),
        ("reception", "call"),
        ("client", "walk"),
    ]


def test_the_stored_modes_are_the_audiences_and_a_contact_comes_from_the_web():
    from typing import get_args

    from triage.history.contacts import Contact
    from triage.history.screening import CHANNELS, MODES
    from triage.rulesets.texts import Audience

    assert get_args(Audience) == MODES
    assert CHANNELS == ("walk", "call", "assess", "web")
    assert Contact("Ana", "ana@example.org").channel == "web"


def test_a_screening_of_an_unknown_channel_is_refused():
    with pytest.raises(ValueError, match="channel must be one of walk, call, assess, web"):
        screening(at(1), channel="phone")


def test_cli_list_shows_free_text_as_text(db: Path):
    with Store.open(db) as store:
        store.save(screening(at(1), caller_ref="[bold red]B-9[/] \x1b[2J"))
    for tty in (False, True):
        # 100 columns: the caller ref whole on its line (at 80 the table wraps it)
        environ = {"TERM": "xterm"}
        ran = triage("history", "list", "--db", str(db), tty=tty, environ=environ, width=100)
        assert "[bold red]B-9[/]" in ran.out  # not Rich markup
        assert "\x1b[2J" not in ran.out  # not a terminal command


@pytest.mark.parametrize(
    ("args", "bad"),
    [
        (("list", "--since", "2026-13-01"), "2026-13-01"),
        (("list", "--until", "23/11/2026"), "23/11/2026"),
        (("export", "--format", "csv", "--since", "yesterday"), "yesterday"),
        (("purge", "--before", "2026-02-30", "--yes"), "2026-02-30"),
    ],
)
def test_cli_bad_dates_are_usage_errors(filled, db: Path, args, bad):
    ran = triage("history", *args, "--db", str(db), expect=2)
    assert ran.code == 2
    assert f"{bad!r} is not a date: expected YYYY-MM-DD, e.g. 2026-11-23" in ran.err
    assert "Traceback" not in ran.output


def test_cli_an_empty_date_range_is_a_usage_error(filled, db: Path):
    ran = triage(
        "history",
        "list",
        "--since",
        "2026-11-23",
        "--until",
        "2026-11-20",
        "--db",
        str(db),
        expect=2,
    )
    assert ran.code == 2
    assert ran.err == (
        "triage: error: --since 2026-11-23 is after --until 2026-11-20: nothing can match\n"
    )


def test_cli_uses_triage_db_from_the_environment(filled, db: Path):
    ran = triage("history", "list", environ={"TRIAGE_DB": str(db)})
    header, *rows = ran.out.splitlines()
    assert header.split()[:2] == ["id", "time"]
    assert [row.split()[0] for row in rows] == [str(s.id) for s in filled]  # newest first


def test_cli_show_prints_the_header_and_the_note_again(filled, db: Path, paris):
    ran = triage("history", "show", "2", "--db", str(db))
    assert ran.code == 0, ran.err
    assert ran.out == (
        "Screening 2\n"
        "Time:       2026-11-21 11:00 +01:00\n"
        "Mode:       call\n"
        "Channel:    call\n"
        "Caller ref: B-2\n"
        "Rule set:   massage-triage-default 1.4.0\n"
        f"SHA-256:    {SHA}\n"
        "\n"
        "Recommendation: See Doctor\n"
        "Caller: B-2\n"
    )


def test_cli_show_keeps_the_french_no_break_spaces_and_never_wraps_the_note(db: Path):
    """A French note pastes back as it was shown: `À réserver :` with its no-break space,
    no U+FFFD, and a line longer than the terminal left whole."""
    long = "Précisions\u00a0: " + "x" * 120
    head = "NOTE D\u2019ORIENTATION\nÀ réserver\u00a0: Massage de détente (60\u00a0min)\n"
    note = head + long + "\n"
    with Store.open(db) as store:
        number = store.save(replace(screening(at(2)), note=note, language="fr"))
    ran = triage("history", "show", str(number), "--db", str(db), "--lang", "fr", tty=True)
    assert ran.code == 0, ran.err
    assert ran.out.endswith("\n\n" + note)
    assert "\ufffd" not in ran.out
    narrow = triage("history", "show", str(number), "--db", str(db), tty=True, width=40)
    header, shown_note = narrow.out.split("\n\n", 1)
    assert shown_note == note  # the note as stored, even at 40
    long = [line for line in header.splitlines() if len(line) > 40]
    assert [line.split() for line in long] == [[SHA]]  # the header wraps; a word stays whole


def test_cli_show_copies_the_note_only_to_a_terminal(db: Path):
    import base64

    with Store.open(db) as store:
        number = store.save(screening(at(2)))
    ran = triage("history", "show", str(number), "--db", str(db), "--copy", tty=True)
    copied = re.search(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", ran.out)
    assert copied is not None
    note = ran.out[: copied.start()].split("\n\n", 1)[1]
    assert base64.b64decode(copied.group(1)).decode() == note
    piped = triage("history", "show", str(number), "--db", str(db), "--copy")
    assert "\x1b]52" not in piped.out
    assert "nothing was copied" in piped.err and piped.code == 0


def test_cli_export_without_a_format_is_csv_or_the_output_s_suffix(filled, db: Path, tmp_path):
    ran = triage("history", "export", "--db", str(db))
    assert ran.code == 0, ran.err
    assert ran.out.splitlines()[0].startswith("id,created_at,mode,outcome")
    target = tmp_path / "all.json"
    ran = triage("history", "export", "--db", str(db), "--output", str(target))
    assert ran.code == 0, ran.err
    assert [item["id"] for item in json.loads(target.read_text())] == [4, 3, 2, 1]


def test_cli_show_of_an_unknown_id_exits_6(filled, db: Path):
    ran = triage("history", "show", "99", "--db", str(db), expect=ExitStatus.STORAGE)
    assert ran.code == ExitStatus.STORAGE == 6
    assert ran.err == f"triage: error: no screening with id 99 in {db}\n"
    assert ran.out == ""


def test_cli_a_storage_failure_is_one_line_and_exit_6(db: Path):
    db.parent.mkdir()
    db.write_bytes(b"\x00garbage" * 512)
    ran = triage("history", "list", "--db", str(db), expect=6)
    assert ran.code == 6
    assert ran.err.count("\n") == 1
    assert ran.err.startswith(f"triage: error: cannot open the screening history at {db}: ")
    assert "Traceback" not in ran.output


def test_cli_export_json_round_trips(filled, db: Path):
    ran = triage("history", "export", "--format", "json", "--db", str(db))
    assert ran.code == 0, ran.err
    assert history.from_json(ran.out) == filled
    assert json.loads(ran.out)[0]["document"]["rules"]["sha256"] == SHA


def test_cli_export_csv_holds_every_stored_screening(filled, db: Path):
    ran = triage("history", "export", "--format", "csv", "--db", str(db))
    assert ran.code == 0, ran.err
    rows = list(csv.DictReader(io.StringIO(ran.out, newline="")))
    assert list(rows[0]) == [
        "id",
        "created_at",
        "mode",
        "outcome",
        "flags",
        "cautions",
        "caller_ref",
        "rules_id",
        "rules_version",
        "rules_sha256",
        "answers",
        "note",
        "language",
        "uid",
        "channel",
    ]
    assert len(rows) == len(filled)
    for row, stored in zip(rows, filled, strict=True):
        assert int(row["id"]) == stored.id
        assert row["created_at"] == stored.created_at
        assert (row["mode"], row["outcome"]) == (stored.mode, stored.outcome)
        assert (row["flags"].split(";") if row["flags"] else []) == stored.flags
        assert (row["cautions"].split(";") if row["cautions"] else []) == stored.cautions
        assert (row["caller_ref"] or None) == stored.caller_ref
        assert (row["rules_id"], row["rules_version"], row["rules_sha256"]) == (
            stored.rules_id,
            stored.rules_version,
            stored.rules_sha256,
        )
        assert json.loads(row["answers"]) == stored.answers
        assert row["note"] == stored.note
        assert row["uid"] == stored.uid
        assert row["channel"] == stored.channel
    assert [row["channel"] for row in rows] == ["call", "call", "call", "walk"]
    assert rows[0]["caller_ref"] == 'B-4, "quoted"\nline'


def test_cli_export_filters_and_writes_a_private_file(filled, db: Path, tmp_path: Path):
    out = tmp_path / "export.json"
    args = ["export", "-f", "json", "--outcome", "relaxation", "--output", str(out)]
    ran = triage("history", *args, "--db", str(db))
    assert ran.code == 0, ran.err
    assert ran.out == ""
    assert ran.err == f"exported 2 screenings to {out}\n"
    assert [s.id for s in history.from_json(out.read_text())] == [4, 1]
    if os.name != "nt":
        assert mode_of(out) == 0o600


def test_cli_export_to_an_impossible_place_exits_6(filled, db: Path, tmp_path: Path):
    args = ["export", "-f", "csv", "-o", str(tmp_path / "missing" / "out.csv")]
    ran = triage("history", *args, "--db", str(db), expect=6)
    assert ran.code == 6
    assert ran.err.startswith("triage: error: cannot write the export to ")


def remaining(db: Path) -> list[int | None]:
    with Store.open(db) as store:
        return [s.id for s in store.list()]


def test_cli_purge_with_yes(filled, db: Path):
    ran = triage("history", "purge", "--before", "2026-11-22", "--yes", "--db", str(db))
    assert ran.code == 0, ran.err
    assert ran.out == "deleted 2 screenings recorded before 2026-11-22\n"
    assert remaining(db) == [4, 3]


@pytest.mark.parametrize("typed", ["y\n", "YES\n", " yes \n"])
def test_cli_purge_asks_and_deletes_on_yes(filled, db: Path, typed: str):
    ran = triage(
        "history", "purge", "--before", "2026-11-23", "--db", str(db), input=typed, tty=True
    )
    assert ran.code == 0, ran.err
    assert ran.err == "Delete 3 screenings recorded before 2026-11-23? [y/N] "
    assert ran.out == "deleted 3 screenings recorded before 2026-11-23\n"
    assert remaining(db) == [4]


@pytest.mark.parametrize("typed", ["n\n", "\n", "", "yess\n", "ok\n"])
def test_cli_purge_keeps_everything_unless_told_yes(filled, db: Path, typed: str):
    ran = triage(
        "history", "purge", "--before", "2026-11-23", "--db", str(db), input=typed, tty=True
    )
    assert ran.code == 0, ran.err
    assert "[y/N]" in ran.err
    if not typed:  # end of input: the question's line is ended, as Enter would
        assert ran.err.endswith("? [y/N] \n")
    assert ran.out == "nothing was deleted\n"
    assert remaining(db) == [4, 3, 2, 1]


def test_cli_purge_refuses_without_a_terminal_or_yes(filled, db: Path):
    ran = triage(
        "history",
        "purge",
        "--before",
        "2026-11-23",
        "--db",
        str(db),
        input="y\n",
        tty=False,
        expect=2,
    )
    assert ran.code == 2
    assert ran.err == (
        "triage: error: refusing to delete screenings without confirmation: standard input "
        "is not a terminal; pass --yes to confirm\n"
    )
    assert remaining(db) == [4, 3, 2, 1]


def test_cli_purge_with_nothing_to_delete_does_not_ask(filled, db: Path):
    ran = triage("history", "purge", "--before", "2026-11-01", "--db", str(db), tty=True)
    assert (ran.code, ran.err) == (0, "")
    assert ran.out == "no screenings recorded before 2026-11-01\n"


def test_the_sub_app_keeps_sqlite_out_of_start_up():
    code = (
        "import sys, triage.cli.commands.history; "
        "print(sorted(m for m in ('sqlite3', 'platformdirs', 'rich', 'triage.history.store') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_reading_a_history_that_does_not_exist_creates_nothing(tmp_path: Path) -> None:
    """list, show, export and purge on a fresh machine report nothing and write nothing."""
    missing = tmp_path / "folder" / "history.sqlite3"
    listed = triage("history", "list", "--db", str(missing))
    assert listed.code == 0 and "no screenings" in listed.out
    exported = triage("history", "export", "--format", "json", "--db", str(missing))
    assert exported.code == 0
    shown = triage(
        "history",
        "show",
        "1",
        "--db",
        str(missing),
        expect=6,
    )
    assert shown.code == 6 and "no screening with id 1" in shown.err
    purged = triage("history", "purge", "--before", "2030-01-01", "--yes", "--db", str(missing))
    assert purged.code == 0 and "no screenings recorded before" in purged.out
    assert not missing.parent.exists()


def test_a_saved_walk_says_its_number_before_the_result_and_by_whom(tmp_path: Path):
    db = tmp_path / "h.sqlite3"
    answers = "0\n3\n0\n0\nn\n\n"
    environ = {"TRIAGE_DB": str(db), "TRIAGE_BY": "Anna"}
    ran = triage("--save", input=answers, environ=environ)
    assert ran.code == 0, ran.err
    assert "Saved as screening 1 (triage history show 1)." in ran.err
    assert ran.out.rstrip().endswith("Stroke: emergency number.")  # the verdict ends it
    with Store.open(db) as store:
        saved = store.get(1)
    assert saved is not None and "Screened by: Anna\n" in saved.note
    by = triage("--save", "--by", "Bea", input=answers, environ=environ)  # --by wins
    assert "Saved as screening 2 " in by.err
    with Store.open(db) as store:
        again = store.get(2)
    assert again is not None and "Screened by: Bea\n" in again.note


@pytest.mark.parametrize(
    ("args", "mode", "channel"),
    [
        (("--save",), "client", "walk"),
        (("--for", "client", "--save"), "client", "walk"),
        (("call",), "reception", "call"),
        (("--for", "reception"), "reception", "call"),  # the same as `triage call`
    ],
    ids=" ".join,
)
def test_a_saved_walk_or_call_records_its_audience_and_channel(tmp_path: Path, args, mode, channel):
    db = tmp_path / "h.sqlite3"
    ran = triage(*args, input="0\n3\n0\n0\nn\n\n", environ={"TRIAGE_DB": str(db)})
    assert ran.code == 0, ran.err
    with Store.open(db, write=False) as store:
        [saved] = store.list()
    assert (saved.mode, saved.channel) == (mode, channel)
    assert saved.document["audience"] == mode


def test_a_call_that_cannot_be_saved_still_shows_everything_then_exits_6(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    ran = triage(
        "call", input="0\n3\n0\n0\nn\n\n", environ={"TRIAGE_DB": str(blocker / "h")}, expect=6
    )
    assert ran.code == 6
    assert "TRIAGE NOTE - " in ran.out and "Saved as screening" not in ran.out
    assert ran.err.splitlines()[-1].startswith("triage: error: cannot create")


def test_cli_list_shows_another_rule_set_s_outcome_by_its_stored_title(db: Path):
    """The shipped rule set's words only for its own screenings: a clinic's outcome that
    shares an id is shown by the title it was given."""
    doc = result_doc("see_doctor", rules={"id": "my-clinic", "version": "2", "sha256": SHA})
    with Store.open(db) as store:
        store.save(new_screening(doc, "client", "note\n", None, at(3)))
    ran = triage("history", "list", "--db", str(db))
    assert "See Doctor" in ran.out and "SEE A DOCTOR FIRST" not in ran.out


def test_the_saved_document_of_a_call_holds_the_note_its_json_prints(tmp_path: Path):
    """One document: what `call --format json` prints is what the history keeps, the
    booking note included (it used to be added for the JSON output only)."""
    db = tmp_path / "h.sqlite3"
    ran = triage("call", "--format", "json", "--db", str(db), input="0\n3\n0\n2\n")
    assert ran.code == 0, ran.output
    printed = json.loads(ran.out)
    assert printed["booking_note"]
    conn = sqlite3.connect(db)
    try:
        (document,) = conn.execute("SELECT document FROM screenings").fetchone()
    finally:
        conn.close()
    assert json.loads(document)["booking_note"] == printed["booking_note"]

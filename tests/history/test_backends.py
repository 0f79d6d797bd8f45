"""The history on both back-ends, through one fixture: an SQLite file, and a real
PostgreSQL server started for the session (see `postgres_server`).

The same commands and the same documents on each: a call saved then listed, shown,
exported and purged; 8 writers of 50 screenings each with an export while they write;
a newer schema refused; `copy` run twice. PostgreSQL alone: the server stopped mid-run,
a permission revoked, and a password that must never show.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from cli_run import process, triage
from paths import ROOT
from postgres_server import SECRET_PASSWORD, SECRET_ROLE, Server, binaries
from scenarios import PIPED_SEE_DOCTOR

from triage.errors import StorageError
from triage.history.address import parse
from triage.history.schema import MIGRATIONS, SCHEMA_VERSION, render
from triage.history.stores import open_history

CALL = PIPED_SEE_DOCTOR
NO_SERVER = "PostgreSQL's initdb and pg_ctl are not installed here (apt-get install postgresql)"


def server_binaries() -> Path:
    """Where initdb is; skipped without it, except where it is required (CI)."""
    found = binaries()
    if found is None:
        if os.environ.get("TRIAGE_TEST_POSTGRES") == "required":
            pytest.fail(NO_SERVER + ", and TRIAGE_TEST_POSTGRES=required")
        pytest.skip(NO_SERVER)
    return found


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    server = Server(server_binaries()).start()
    try:
        yield server
    finally:
        server.remove()


@pytest.fixture(params=["sqlite", "postgresql"])
def address(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a test's history is: a new file, or a new database on the session's server."""
    if request.param == "sqlite":
        return str(tmp_path / "history.sqlite3")
    server: Server = request.getfixturevalue("postgres")
    return server.url(server.new_database())


def saved(address: str) -> int:
    with open_history(parse(address, typed=False), write=False) as store:
        return store.count()


# ------------------------------------------------------------ both back-ends


def test_a_call_is_saved_listed_shown_exported_and_purged(address: str):
    for ref in ("B-1", "B-2"):
        ran = triage("call", "--db", address, "--caller-ref", ref, input=CALL)
        assert ran.code == 0, ran.err
    listed = triage("history", "list", "--db", address)
    assert listed.code == 0 and "SEE A DOCTOR FIRST" in listed.out and "B-2" in listed.out
    shown = triage("history", "show", "2", "--db", address)
    assert shown.code == 0 and "Caller ref: B-2" in shown.out
    exported = json.loads(triage("history", "export", "-f", "json", "--db", address).out)
    assert [r["caller_ref"] for r in exported] == ["B-2", "B-1"]
    assert len({r["uid"] for r in exported}) == 2
    assert exported[0]["document"]["outcome"] == "see_doctor"
    purged = triage("history", "purge", "--before", "2999-01-01", "--yes", "--db", address)
    assert purged.code == 0 and "deleted 2 screenings" in purged.out
    assert triage("history", "list", "--db", address).out == "no screenings\n"


def test_triage_db_takes_either_kind_of_address(address: str):
    ran = triage("call", input=CALL, environ={"TRIAGE_DB": address})
    assert ran.code == 0, ran.err
    assert "SEE A DOCTOR" in triage("history", "list", environ={"TRIAGE_DB": address}).out


def send_from_the_web(state: Path, address: str, name: str) -> None:
    """A screening sent to the clinic through the real web pages, with consent."""
    import httpx2 as httpx
    from web_client import CASES, client_for, hidden, walk

    from triage.deciding.loaded import load

    rules = load(None).rules
    massage = next(c.answers for c in CASES if rules.outcome(c.expect.outcome).kind == "massage")
    client = client_for(state, db=address)
    walk(client, rules, massage)
    token = hidden(client.get("/send").text, "csrf")
    fields = [("csrf", token), ("name", name), ("reach", "+33 6 12 34 56 78"), ("consent", "yes")]
    headers = {"origin": "http://testserver", "content-type": "application/x-www-form-urlencoded"}
    page = client.post("/send", content=str(httpx.QueryParams(fields)), headers=headers)
    assert page.url.path == "/sent", page.text


def test_the_receptionists_queue(address: str, tmp_path: Path):
    send_from_the_web(tmp_path / "a", address, "Ana Lima")
    send_from_the_web(tmp_path / "b", address, "Bo Chen")
    assert triage("call", "--db", address, "--caller-ref", "DESK-1", input=CALL).code == 0
    called = triage("call", "--no-save", "--db", address, input="", expect=4)  # input ends
    assert called.err.startswith("2 screenings sent from the web are waiting for a call back")
    queue = triage("history", "list", "--new", "--db", address).out.splitlines()
    assert "Bo Chen" in queue[1] and "Ana Lima" in queue[2] and len(queue) == 3
    ana, bo = queue[2].split()[0], queue[1].split()[0]
    done = triage("history", "done", ana, "--by", "Claire", "--db", address)
    assert done.code == 0 and "handled by Claire" in done.out
    shown = triage("history", "show", ana, "--db", address).out
    assert "Ana Lima" in shown and "Handled:" in shown and "Claire" in shown
    assert (
        triage("history", "done", "3", "--db", address, expect=6).code == 6
    )  # the desk's own call
    queue = triage("history", "list", "--new", "--db", address).out.splitlines()
    assert len(queue) == 2 and "Bo Chen" in queue[1]
    erased = triage("history", "purge", "--id", bo, "--yes", "--db", address)
    assert erased.code == 0 and saved(address) == 2
    assert triage("history", "purge", "--id", bo, "--yes", "--db", address, expect=6).code == 6
    later = datetime.now(timezone.utc) + timedelta(days=31)
    with open_history(parse(address, typed=False)) as store:
        assert store.purge_contacts_older_than(32, later) == 0
        assert store.purge_contacts_older_than(30, later) == 1  # Ana's, handled or not
        assert store.count() == 1 and store.waiting() == [] and store.count_waiting() == 0


WRITER = textwrap.dedent(
    """
    import sys
    from datetime import datetime, timezone
    from triage.history.address import parse
    from triage.history.screening import Screening
    from triage.history.stores import open_history

    address, writer = sys.argv[1], int(sys.argv[2])
    doc = {"outcome": "relaxation", "language": "en"}
    with open_history(parse(address, typed=False)) as store:
        for number in range(50):
            store.save(Screening.new(
                mode="reception", channel="call", outcome="relaxation", flags=[], cautions=[],
                answers={"n": number}, rules=("r", "1", "0" * 64), document=doc,
                language="en", note="note", caller_ref=f"W{writer}-{number}",
                now=datetime.now(timezone.utc)))
    """
)


def test_eight_writers_and_an_export_meanwhile_lose_nothing(address: str):
    if not address.startswith("postgresql"):
        triage("history", "purge", "--before", "2000-01-01", "--yes", "--db", address)
        with open_history(parse(address, typed=False)):
            pass  # the file made before the writers race for it, as a desk's would be
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, address, str(n)], cwd=ROOT)
        for n in range(8)
    ]
    exports = []
    while any(w.poll() is None for w in writers):  # an export while they write
        ran = process("history", "export", "-f", "json", "--db", address)
        exports.append(len(json.loads(ran.out)))
        time.sleep(0.05)
    assert [w.wait(timeout=300) for w in writers] == [0] * 8
    assert exports and exports == sorted(exports)  # each export a consistent moment
    with open_history(parse(address, typed=False), write=False) as store:
        found = store.list()
    assert len(found) == 400
    assert len({s.uid for s in found}) == 400 and len({s.id for s in found}) == 400
    assert {s.caller_ref for s in found} == {f"W{w}-{n}" for w in range(8) for n in range(50)}


def make_newer(address: str, written_by: str = "9.1.0") -> None:
    version = str(SCHEMA_VERSION + 5)
    if address.startswith("postgresql"):
        import psycopg

        with psycopg.connect(address, autocommit=True) as conn:
            conn.execute(
                "UPDATE triage_meta SET value = %s WHERE key = 'schema_version'", (version,)
            )
            conn.execute(
                "UPDATE triage_meta SET value = %s WHERE key = 'written_by'", (written_by,)
            )
        return
    conn = sqlite3.connect(address)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.execute("UPDATE triage_meta SET value = ? WHERE key = 'written_by'", (written_by,))
    conn.commit()
    conn.close()


def raw(address: str, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Statements run on the database itself, past the tool (`?` for values)."""
    if address.startswith("postgresql"):
        import psycopg

        with psycopg.connect(address, autocommit=True) as conn:
            cursor = conn.execute(render(sql, "postgresql"), params)
            return cursor.fetchall() if cursor.description else []
    conn = sqlite3.connect(address, isolation_level=None)
    try:
        return conn.execute(render(sql, "sqlite"), params).fetchall()
    finally:
        conn.close()


# A version 3 history's rows: (mode, contact) -> the channel its migration gives it.
V3_ROWS = [
    ("client", None, "walk"),
    ("reception", None, "call"),
    ("client", '{"channel": "web", "name": "Ana Lima", "reach": "ana@example.org"}', "web"),
    ("reception", '{"channel": "web", "name": "Bo Chen", "reach": "bo@example.org"}', "web"),
]


def make_v3(address: str) -> None:
    """A history as version 3 left it (its migrations, which are never edited), with a
    client's walk, a receptionist's call and two screenings sent from the web."""
    dialect = "postgresql" if address.startswith("postgresql") else "sqlite"
    if dialect == "sqlite":
        Path(address).parent.mkdir(parents=True, exist_ok=True)
    for steps in MIGRATIONS[:3]:
        for step in steps:
            if isinstance(step, str):
                raw(address, step)
            else:
                step(lambda sql, params: raw(address, sql, tuple(params)))
    doc = json.dumps({"outcome": "relaxation", "language": "en"})
    for number, (mode, contact, _channel) in enumerate(V3_ROWS, 1):
        raw(
            address,
            "INSERT INTO screenings (created_at, mode, outcome, flags, cautions, answers, "
            "rules_id, rules_version, rules_sha256, caller_ref, note, document, language, uid, "
            "contact) VALUES (?, ?, 'relaxation', '[]', '[]', '{}', 'r', '1', ?, ?, 'note', ?, "
            "'en', ?, ?)",
            (
                f"2026-11-0{number}T10:00:00Z",
                mode,
                "0" * 64,
                f"V3-{number}",
                doc,
                f"uid-{number}",
                contact,
            ),
        )
    raw(address, "INSERT INTO triage_meta (key, value) VALUES ('schema_version', '3')")
    raw(address, "INSERT INTO triage_meta (key, value) VALUES ('written_by', '0.1.0')")
    if dialect == "sqlite":
        raw(address, "PRAGMA user_version = 3")


def stored_version(address: str) -> int:
    if address.startswith("postgresql"):
        found = raw(address, "SELECT value FROM triage_meta WHERE key = 'schema_version'")
        return int(str(found[0][0]))
    return int(str(raw(address, "PRAGMA user_version")[0][0]))


def test_a_version_3_history_is_read_as_it_is_and_migrated_with_each_rows_channel(
    address: str,
):
    make_v3(address)
    expected = [channel for _mode, _contact, channel in V3_ROWS]
    before = Path(address).read_bytes() if not address.startswith("postgresql") else None
    exported = triage("history", "export", "-f", "json", "--db", address)
    assert exported.code == 0, exported.err
    assert [r["channel"] for r in json.loads(exported.out)] == expected[::-1]
    listed = triage("history", "list", "--db", address, "--lang", "fr").out.splitlines()
    assert [line.split()[4] for line in listed[1:]] == ["web", "web", "appel", "parcours"]
    shown = triage("history", "show", "3", "--db", address)
    assert re.search(r"^Channel: +web$", shown.out, re.M), shown.out
    assert stored_version(address) == 3  # readers never migrate
    if before is not None:
        assert Path(address).read_bytes() == before
    called = triage("call", "--no-save", "--db", address, input="", expect=4)  # a reader too
    assert called.err.startswith("2 screenings sent from the web are waiting")
    with open_history(parse(address, typed=False)):  # a writer migrates
        pass
    assert stored_version(address) == SCHEMA_VERSION == 4
    assert [row[0] for row in raw(address, "SELECT channel FROM screenings ORDER BY id")] == (
        expected
    )
    assert triage("call", "--db", address, "--caller-ref", "NEW", input=CALL).code == 0
    newest = json.loads(triage("history", "export", "-f", "json", "--db", address).out)[0]
    assert (newest["caller_ref"], newest["mode"], newest["channel"]) == ("NEW", "reception", "call")


def test_a_history_refuses_a_channel_it_does_not_know(address: str):
    assert triage("call", "--db", address, input=CALL).code == 0
    refused: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)
    if address.startswith("postgresql"):
        import psycopg

        refused = (psycopg.errors.CheckViolation,)
    with pytest.raises(refused, match=r"(?i)check"):
        raw(address, "UPDATE screenings SET channel = 'fax'")
    assert saved(address) == 1


@pytest.mark.parametrize(
    "command",
    [
        ("history", "list"),
        ("history", "show", "1"),
        ("history", "export", "-f", "csv"),
        ("history", "purge", "--before", "2999-01-01", "--yes"),
        ("call",),
    ],
    ids=" ".join,
)
def test_a_newer_schema_is_refused_naming_who_wrote_it(address: str, command):
    assert triage("call", "--db", address, input=CALL).code == 0
    make_newer(address)
    ran = triage(*command, "--db", address, input=CALL, expect=6)
    assert ran.code == 6, ran.output
    assert f"written by massage-triage 9.1.0 (schema version {SCHEMA_VERSION + 5}" in ran.err
    assert ran.err.count("triage: error:") == 1 and "Traceback" not in ran.err
    make_newer(address, written_by="9.1.0")  # still readable by its writer: nothing changed
    if address.startswith("postgresql"):
        import psycopg

        with psycopg.connect(address) as conn:
            assert conn.execute("SELECT count(*) FROM screenings").fetchone() == (1,)
    else:
        assert sqlite3.connect(address).execute("SELECT count(*) FROM screenings").fetchone() == (
            1,
        )


def test_copy_twice_copies_each_screening_once(address: str, tmp_path: Path):
    desk = tmp_path / "desk.sqlite3"
    for ref in ("D-1", "D-2", "D-3"):
        assert triage("call", "--db", str(desk), "--caller-ref", ref, input=CALL).code == 0
    assert triage("call", "--db", address, "--caller-ref", "WEB-1", input=CALL).code == 0
    first = triage("history", "copy", "--db", str(desk), "--to", address)
    assert first.code == 0, first.err
    assert first.out.startswith("copied 3 screenings to ")
    again = triage("history", "copy", "--db", str(desk), "--to", address)
    assert again.out.startswith("copied 0 screenings to ") and "(3 were there already)" in again.out
    with (
        open_history(parse(address, typed=False), write=False) as shared,
        open_history(parse(str(desk), typed=False), write=False) as origin,
    ):
        copied = {s.uid: s for s in shared.list()}
        for screening in origin.list():
            twin = copied[screening.uid]
            assert (twin.caller_ref, twin.created_at, twin.note, twin.document) == (
                screening.caller_ref,
                screening.created_at,
                screening.note,
                screening.document,
            )
    assert len(copied) == 4


def test_copy_of_an_older_desk_history_gives_its_rows_their_ids_once(tmp_path: Path, address):
    from test_history import make_v1, result_doc

    desk = tmp_path / "old" / "desk.sqlite3"
    make_v1(desk, ("OLD-1", result_doc()), ("OLD-2", result_doc("see_doctor")))
    assert triage("history", "copy", "--db", str(desk), "--to", address).out.startswith("copied 2")
    assert triage("history", "copy", "--db", str(desk), "--to", address).out.startswith("copied 0")
    assert saved(address) == 2


# ------------------------------------------------------------ PostgreSQL alone


def test_the_driver_is_imported_only_for_a_postgresql_address(tmp_path: Path):
    code = (
        "import sys; from triage.cli.app import main; sys.argv = ['triage', 'history', 'list',"
        f" '--db', {str(tmp_path / 'h.sqlite3')!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "assert 'psycopg' not in sys.modules, 'psycopg imported for a file'"
    )
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert ran.returncode == 0, ran.stderr


def test_without_the_driver_a_postgresql_address_names_the_install_command(tmp_path: Path):
    blocker = tmp_path / "psycopg.py"
    blocker.write_text("raise ImportError('No module named psycopg')\n")
    nowhere = "postgresql://desk@/triage?host=/nowhere"
    ran = process(
        "history", "list", "--db", nowhere, environ={"PYTHONPATH": str(tmp_path)}, expect=6
    )
    err = ran.err
    assert "pip install 'massage-triage[postgres]'" in err and err.count("\n") == 1


@pytest.fixture
def lone_server() -> Iterator[Server]:
    """A server of its own, for a test that stops it."""
    server = Server(server_binaries()).start()
    try:
        yield server
    finally:
        server.remove()


def test_a_server_stopped_mid_run_is_one_line_and_the_result_is_shown(lone_server: Server):
    url = lone_server.url(lone_server.new_database())
    store = open_history(parse(url, typed=False))
    assert triage("call", "--db", url, input=CALL).code == 0
    lone_server.stop()
    with pytest.raises(StorageError) as caught:
        store.count()
    assert "connection was lost" in str(caught.value) and "\n" not in str(caught.value)
    store.close()  # closing a lost connection is quiet
    ran = triage("call", "--db", url, input=CALL, expect=6)
    assert ran.code == 6
    assert "Book: no massage for now" in ran.out  # the result first, never lost
    last = ran.err.splitlines()[-1]
    assert ran.err.count("triage: error:") == 1
    assert last.startswith(f"triage: error: cannot open the screening history at {url}: ")
    assert "cannot be reached" in ran.err
    listed = process("history", "list", "--db", url, expect=6)
    assert "Traceback" not in listed.err and len(listed.err.splitlines()) == 1


def test_a_revoked_permission_is_one_line(postgres: Server):
    name = postgres.new_database()
    url = postgres.url(name)
    assert triage("call", "--db", url, input=CALL).code == 0  # the schema, made by its owner
    postgres.admin(
        "DO $$ BEGIN CREATE ROLE desk LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )
    postgres.admin("GRANT SELECT ON screenings, triage_meta TO desk", database=name)
    desk = postgres.url(name, user="desk")
    assert "SEE A DOCTOR" in triage("history", "list", "--db", desk).out
    ran = triage("call", "--db", desk, input=CALL, expect=6)
    assert ran.code == 6 and "Book:" in ran.out
    assert "may not do that" in ran.err and ran.err.count("triage: error:") == 1
    postgres.admin("REVOKE SELECT ON screenings FROM desk", database=name)
    ran = triage("history", "export", "-f", "json", "--db", desk, expect=6)
    assert ran.code == 6 and "permission denied" in ran.err
    assert saved(url) == 1


def test_a_password_never_shows(postgres: Server, tmp_path: Path):
    name = postgres.new_database()
    with_password = postgres.url(name, SECRET_ROLE, SECRET_PASSWORD)
    bare = postgres.url(name, SECRET_ROLE)
    outputs = []
    # In --db: refused, exit 2, and not repeated.
    ran = triage("history", "list", "--db", with_password, expect=2)
    assert ran.code == 2 and "a password in --db" in ran.err
    outputs.append(ran.output)
    ran = triage("history", "list", "--db", bare + f"&password={SECRET_PASSWORD}", expect=2)
    assert ran.code == 2
    outputs.append(ran.output)
    # In TRIAGE_DB: accepted; shown nowhere.
    env = {"TRIAGE_DB": with_password}
    for args in (("call", "--caller-ref", "P-1"), ("history", "list"), ("history", "show", "1")):
        ran = triage(*args, input=CALL, environ=env)
        assert ran.code == 0, ran.err
        outputs.append(ran.output)
    exported = triage("history", "export", "-f", "json", environ=env)
    outputs.append(exported.output)
    copied = triage("history", "copy", "--to", str(tmp_path / "copy.sqlite3"), environ=env)
    assert copied.code == 0 and "copied 1 screening" in copied.out
    outputs.append(copied.output)
    # A wrong one: the error names the address without it.
    wrong = triage(
        "history",
        "list",
        environ={"TRIAGE_DB": bare.replace("secret@", "secret:x" + SECRET_PASSWORD + "@")},
        expect=6,
    )
    assert wrong.code == 6 and "password authentication failed" in wrong.err
    outputs.append(wrong.output)
    # PGPASSWORD and a .pgpass file: the address carries none.
    ran = process("history", "list", "--db", bare, environ={"PGPASSWORD": SECRET_PASSWORD})
    outputs.append(ran.output)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{SECRET_ROLE}:{SECRET_PASSWORD}\n")
    pgpass.chmod(0o600)
    ran = process("history", "show", "1", "--db", bare, environ={"PGPASSFILE": str(pgpass)})
    outputs.append(ran.output)
    wrong = {"PGPASSWORD": "wrong-" + SECRET_PASSWORD}
    ran = process("history", "list", "--db", bare, environ=wrong, expect=6)
    outputs.append(ran.output)
    for text in outputs:
        assert SECRET_PASSWORD not in text
    rows = postgres.admin("SELECT screenings::text FROM screenings", database=name)
    assert rows and not any(SECRET_PASSWORD in str(row) for row in rows)
    copy_rows = sqlite3.connect(tmp_path / "copy.sqlite3").execute("SELECT * FROM screenings")
    assert not any(SECRET_PASSWORD in str(row) for row in copy_rows)


def test_libpq_settings_pass_through(postgres: Server):
    """sslmode, connect_timeout, application_name, options... reach libpq as written."""
    name = postgres.new_database()
    url = postgres.url(name) + "&application_name=front-desk&sslmode=disable&connect_timeout=3"
    assert triage("call", "--db", url, input=CALL).code == 0
    read_only = postgres.url(name) + "&options=-c%20default_transaction_read_only%3Don"
    assert "SEE A DOCTOR" in triage("history", "list", "--db", read_only).out
    refused = triage("call", "--db", read_only, input=CALL, expect=6)
    assert refused.code == 6 and "read-only transaction" in refused.err
    assert saved(url) == 1


def readme_sql() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- least-privilege-sql -->", 1)[1]
    return block.split("```sql", 1)[1].split("```", 1)[0]


def test_the_readmes_least_privilege_setup_does_what_it_says(postgres: Server):
    name = postgres.new_database()
    owner = postgres.url(name)
    made = triage("history", "purge", "--before", "2000-01-01", "--yes", "--db", owner)
    assert made.code == 0, made.err  # the first write, by the owner, makes the tables
    postgres.admin(readme_sql(), database=name)
    web, desk = postgres.url(name, "triage_web"), postgres.url(name, "triage_desk")
    assert triage("call", "--db", desk, "--caller-ref", "DESK-1", input=CALL).code == 0
    added = triage("call", "--db", web, "--caller-ref", "WEB-1", input=CALL)
    assert added.code == 0, added.err  # the web adds, and reads back its number
    assert "WEB-1" in triage("history", "list", "--db", web).out
    assert "DESK-1" not in triage("history", "list", "--db", web).out  # only its own
    listed = triage("history", "list", "--db", desk).out
    assert "WEB-1" in listed and "DESK-1" in listed
    import psycopg

    with psycopg.connect(desk, autocommit=True) as conn:  # the desk marks one done
        done = conn.execute("UPDATE screenings SET handled_at = 'now', handled_by = 'ana'")
        assert done.rowcount == 2
    with psycopg.connect(web, autocommit=True) as conn, pytest.raises(psycopg.Error):
        conn.execute("UPDATE screenings SET handled_by = 'web'")
    refused = triage(
        "history",
        "purge",
        "--before",
        "2999-01-01",
        "--yes",
        "--db",
        web,
        expect=6,
    )
    assert refused.code == 6 and "may not do that" in refused.err
    purged = triage("history", "purge", "--before", "2999-01-01", "--yes", "--db", desk)
    assert purged.code == 0 and "deleted 2 screenings" in purged.out


def test_copy_into_the_same_history_by_another_name_is_refused(tmp_path: Path):
    desk = tmp_path / "desk.sqlite3"
    assert triage("call", "--db", str(desk), input=CALL).code == 0
    (tmp_path / "link").symlink_to(desk)
    for to in (str(desk), str(tmp_path / "link"), str(tmp_path / "." / "desk.sqlite3")):
        ran = triage(
            "history",
            "copy",
            "--db",
            str(desk),
            "--to",
            to,
            expect=2,
        )
        assert ran.code == 2 and "names the history being copied" in ran.err
    assert saved(str(desk)) == 1

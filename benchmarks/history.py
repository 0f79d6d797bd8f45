"""How fast the screening history stores and lists screenings, in a temporary database.

    python benchmarks/history.py                 # 10,000 screenings
    python benchmarks/history.py --count 50000   # a busier clinic
    python benchmarks/history.py --postgres URL  # PostgreSQL: that database, not a
                                                 # throwaway server of its own

Then the same 10,000 screenings are stored and listed in PostgreSQL, with the ratio
of each figure to SQLite's: given `--postgres`, in that (empty) database; else in a
throwaway server started here when PostgreSQL's binaries are installed (as the tests
do, see tests/postgres_server.py), else that part says why it was skipped.

A clinic saves one screening at a time over months, so every figure here saves them
one by one, each in its own transaction (each `triage call --save` commits its own),
never as one bulk insert. The documents are real results of the shipped rule set, with
their notes, so rows have their real size. The script reports, it does not judge.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from triage.deciding import engine
from triage.deciding.answers import from_mapping
from triage.deciding.loaded import load
from triage.history import store as history
from triage.history.store import Screening, Store
from triage.output import formats
from triage.output.document import document
from triage.output.result import ResultDocument
from triage.screening.records import screening_of

ANSWERS: list[dict[str, Any]] = [
    {
        "emergency_signs": [],
        "age": "18_to_49",
        "red_flags": [],
        "discomfort": False,
        "cautions": [],
    },
    {
        "emergency_signs": [],
        "age": "18_to_49",
        "red_flags": [],
        "discomfort": True,
        "areas": ["neck", "shoulder"],
        "duration": "weeks",
        "same_spot": True,
        "worse_in_positions": False,
        "limits_movement": True,
        "organises_around_it": False,
        "cautions": ["pregnancy"],
        "pregnancy_warning_signs": False,
    },
    {
        "emergency_signs": [],
        "age": "18_to_49",
        "cautions": [],
        "red_flags": ["fever", "night_pain"],
    },
]
START = datetime(2026, 1, 1, 9, tzinfo=timezone.utc)


def documents() -> list[tuple[ResultDocument, str]]:
    """A few real result documents of the shipped rule set, with their booking notes."""
    loaded = load(None)
    made = []
    for answers in ANSWERS:
        result = engine.assess(loaded.rules, from_mapping(loaded.rules, answers))
        doc = document(result, loaded, audience="reception")
        made.append((doc, formats.to_plain(doc)))
    return made


def screenings(count: int) -> list[Screening]:
    """`count` screenings spread over a year, about 27 a day, in time order."""
    docs = documents()
    step = timedelta(days=365) / count
    return [
        screening_of(
            docs[i % len(docs)][0], "call", docs[i % len(docs)][1], f"B-{i}", START + step * i
        )
        for i in range(count)
    ]


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = action()
    return time.perf_counter() - start, value


def report(rows: list[tuple[str, float, int]]) -> str:
    """figure, total seconds, how many operations -> an aligned table."""
    table = [("figure", "total", "per item", "items")]
    for name, seconds, items in rows:
        per = seconds / items if items else 0.0
        table.append((name, f"{seconds:.3f} s", f"{per * 1e6:,.0f} µs", f"{items:,}"))
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    lines = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in table
    ]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="screenings to store (10000)")
    parser.add_argument("--postgres", metavar="URL", help="an empty PostgreSQL database to use")
    parser.add_argument(
        "--reopen", type=int, default=1_000, help="saves that each open the file anew (1000)"
    )
    args = parser.parse_args(argv)
    count = max(1, args.count)
    made = screenings(count)
    rows: list[tuple[str, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="triage-history-") as folder:
        db = Path(folder) / "history.sqlite3"
        with Store.open(db) as store:
            seconds, _ = timed(lambda: [store.save(s) for s in made])
            rows.append(("save, one transaction each", seconds, count))
            seconds, listed = timed(store.list)
            assert isinstance(listed, list) and len(listed) == count
            rows.append(("list all, newest first", seconds, count))
            seconds, _ = timed(lambda: store.list(outcome="see_doctor", limit=20))
            rows.append(("list --outcome see_doctor --limit 20", seconds, 1))
            day = (START + timedelta(days=180)).date()
            seconds, _ = timed(lambda: store.list(since=day, until=day))
            rows.append(("list --since D --until D (one day)", seconds, 1))
            seconds, _ = timed(lambda: history.to_json(listed))
            rows.append(("export json (to text)", seconds, count))
            seconds, _ = timed(lambda: history.to_csv(listed))
            rows.append(("export csv (to text)", seconds, count))
        reopen = max(1, args.reopen)
        extra = screenings(reopen)

        def open_save_close() -> None:
            for screening in extra:
                with Store.open(db) as store:
                    store.save(screening)

        seconds, _ = timed(open_save_close)
        rows.append(("open + save + close (as `triage call --save`)", seconds, reopen))
        size = sum(p.stat().st_size for p in Path(folder).iterdir())
        with Store.open(db) as store:
            total = store.count()
            seconds, deleted = timed(lambda: store.purge(date(2026, 7, 1)))
            rows.append(("purge the first half year", seconds, int(str(deleted))))

    compared = postgres_figures(args.postgres, made, rows)

    print(
        f"massage-triage history: {count:,} screenings, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )
    print(f"database: {total:,} rows, {size / 1e6:.1f} MB on disk (WAL mode, synchronous FULL)\n")
    print(report(rows))
    print()
    print(compared)
    return 0


def postgres_figures(url: str | None, made: list[Screening], sqlite_rows: list[Any]) -> str:
    """Store and list the same screenings in PostgreSQL; a table with the ratio of each
    figure to SQLite's (above 1: PostgreSQL is slower)."""
    server = None
    if url is None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from postgres_server import Server, binaries

        found = binaries()
        if found is None:
            return "PostgreSQL: skipped (initdb and pg_ctl are not installed; or give --postgres)"
        server = Server(found).start()
        url = server.url(server.new_database())
    try:
        from triage.history.address import parse
        from triage.history.stores import open_history

        address = parse(url, typed=False)
        with open_history(address) as store:
            save_seconds, _ = timed(lambda: [store.save(s) for s in made])
            list_seconds, listed = timed(store.list)
            assert isinstance(listed, list) and len(listed) >= len(made)
    finally:
        if server is not None:
            server.remove()
    mine = {"save": save_seconds, "list": list_seconds}
    theirs = {"save": sqlite_rows[0][1], "list": sqlite_rows[1][1]}
    where = "a throwaway server, fsync off" if server is not None else str(address)
    lines = [f"PostgreSQL ({where}): the same {len(made):,} screenings"]
    lines.append(f"{'figure':<34}{'SQLite':>10}{'PostgreSQL':>12}{'ratio':>8}")
    for name, label in (("save", "save, one transaction each"), ("list", "list all, newest first")):
        ratio = mine[name] / theirs[name] if theirs[name] else float("inf")
        lines.append(f"{label:<34}{theirs[name]:>9.3f}s{mine[name]:>11.3f}s{ratio:>7.2f}x")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

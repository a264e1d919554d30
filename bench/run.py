"""Benchmarks of the ledger, printed as a table. A report: it always exits 0.

    python bench/run.py [--hazards 100000] [--data-dir DIR] [--keep]

Each service-level query (the code the CLI and GUI call, DTOs included) is timed next to a
hand-written sqlite3 query returning the same rows in the same run; the goal is a ratio within
3×, and a text search on 100,000 hazards under 50 ms. The printed documents are timed next to a
minimal reportlab document in the same font (bench/documents.py); the goal is a notice in under
100 ms.
"""

import argparse
import json
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.documents import document_rows, ledger_rows_line
from bench.generate import TODAY, seed_ledger
from bench.sync import sync_rows
from hazard_ledger.cli.output import display_width
from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards

RAW_SELECT = (
    "SELECT h.code, h.uuid, s.code, u.name, u.village, h.description, h.location, h.level, "
    "h.status, h.industry, h.found_on, h.deadline, h.responsible FROM hazards h "
    "JOIN units u ON u.uuid = h.unit_uuid JOIN stations s ON s.uuid = h.station_uuid "
)
ORDER = " ORDER BY h.found_on, h.code"
RATIO_GOAL = 3.0
SEARCH_GOAL_MS = 50.0


def median_ms(action: Callable[[], Any], runs: int = 7) -> tuple[float, Any]:
    """Median wall time of ``action`` in ms after one warm-up run, and its last result."""
    result = action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def query_cases() -> list[tuple[str, HazardFilter, str, tuple[Any, ...]]]:
    today = TODAY.isoformat()
    return [
        (
            "status = assigned",
            HazardFilter(status=HazardStatus.ASSIGNED),
            "WHERE h.status = ?",
            ("assigned",),
        ),
        (
            "overdue",
            HazardFilter(overdue=True),
            "WHERE h.status = 'assigned' AND h.deadline < ?",
            (today,),
        ),
        (
            "search 配电房 (FTS5)",
            HazardFilter(search="配电房"),
            "WHERE h.id IN (SELECT rowid FROM hazard_fts WHERE hazard_fts MATCH ?)",
            ('"配电房"',),
        ),
        (
            "search 灭火 (LIKE)",
            HazardFilter(search="灭火"),
            "WHERE (h.description LIKE ? ESCAPE '\\' OR h.location LIKE ? ESCAPE '\\' "
            "OR h.code LIKE ? ESCAPE '\\' OR u.name LIKE ? ESCAPE '\\')",
            ("%灭火%",) * 4,
        ),
    ]


def run(hazards: int, data_dir: Path) -> tuple[list[list[str]], list[list[str]]]:
    start = time.perf_counter()
    ledger = seed_ledger(data_dir, hazards=hazards)
    seeding = time.perf_counter() - start
    table = [["seed (units, hazards, hash-chained events)", f"{seeding:.1f} s", "", "", "", ""]]
    raw = sqlite3.connect(ledger.database_file)
    try:
        for label, filters, where, params in query_cases():
            service_ms, rows = median_ms(lambda f=filters: list_hazards(ledger, f))
            raw_ms, raw_rows = median_ms(
                lambda w=where, p=params: raw.execute(RAW_SELECT + w + ORDER, p).fetchall()
            )
            if [r.code for r in rows] != [r[0] for r in raw_rows]:
                raise AssertionError(f"{label}: the service and the raw query disagree")
            ratio = service_ms / raw_ms if raw_ms else float("inf")
            verdict = "PASS" if ratio <= RATIO_GOAL else "MISS"
            if "FTS5" in label:
                within = service_ms < SEARCH_GOAL_MS
                verdict += f", {'PASS' if within else 'MISS'} <{SEARCH_GOAL_MS:.0f} ms"
            table.append(
                [
                    f"hazard list: {label}",
                    f"{service_ms:.1f} ms",
                    f"{raw_ms:.1f} ms",
                    f"{ratio:.2f}×",
                    str(len(rows)),
                    verdict,
                ]
            )
        table.append(ledger_rows_line(ledger, raw, median_ms, RATIO_GOAL))
        documents = document_rows(ledger, median_ms)  # issues one notice: after the queries
        table.extend(sync_rows(ledger, data_dir.parent))  # changes a week: last
    finally:
        raw.close()
        ledger.close()
    table.extend(gui_rows(ledger.data_dir))
    return table, documents


def gui_rows(data_dir: Path) -> list[list[str]]:
    """Start the window in a fresh process on the ledger and time it (bench/gui.py)."""
    script = Path(__file__).with_name("gui.py")
    done = subprocess.run(
        [sys.executable, str(script), str(data_dir)], capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        return [["GUI figures", "failed", "", "", "", done.stderr.strip().splitlines()[-1:][0]]]
    f = json.loads(done.stdout.strip().splitlines()[-1])
    ready = f["window_ready_s"]
    rows = [
        [
            "window: start to usable (new process)",
            f"{ready:.2f} s",
            "",
            "",
            str(f["rows_total"]),
            "PASS <2 s" if ready < 2 else "MISS <2 s",
        ]
    ]
    for key, label in (
        ("filter_text_ms", "window: text filter 配电房"),
        ("filter_text_short_ms", "window: text filter 灭火 (LIKE)"),
        ("filter_overdue_ms", "window: overdue filter"),
        ("sort_deadline_ms", "window: sort by deadline"),
    ):
        ms = f[key]
        rows.append(
            [label, f"{ms:.0f} ms", "", "", "", "PASS <200 ms" if ms < 200 else "MISS <200 ms"]
        )
    return rows


QUERY_HEADERS = ["what", "service", "raw sqlite3", "ratio", "rows", f"goal (≤{RATIO_GOAL:.0f}×)"]
DOCUMENT_HEADERS = ["what", "ours", "minimal reportlab", "ratio", "pages", "goal"]


def print_table(title: str, rows: list[list[str]], headers: list[str] = QUERY_HEADERS) -> None:
    widths = [max(display_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    print(title)
    for row in [headers, ["-" * w for w in widths], *rows]:
        cells = (c + " " * (w - display_width(c)) for c, w in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hazards", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path, help="where to build the ledger (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the generated ledger")
    args = parser.parse_args()
    root = args.data_dir or Path(tempfile.mkdtemp(prefix="hazard-bench-"))
    try:
        rows, documents = run(args.hazards, root / "ledger")
        print_table(f"hazard_ledger benchmark: {args.hazards:,} hazards, today = {TODAY}", rows)
        print()
        print_table("printed documents (same font, same run)", documents, DOCUMENT_HEADERS)
    finally:
        if args.keep:
            print(f"ledger kept in {root / 'ledger'}")
        elif args.data_dir is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

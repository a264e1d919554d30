"""Benchmarks of the printed documents, each next to a minimal reportlab document in the same
font made in the same run: a notice against a one-paragraph page, a 1,000-row ledger against a
plain 1,000-row table of the same text (no paragraphs, no wrapping, no sizing). Also the ledger
rows with every column against a hand-written sqlite3 query returning the same rows.
"""

import datetime as dt
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.reports.fonts import FontChoice, ledger_fonts
from hazard_ledger.reports.ledger_pdf import COLUMNS, write_ledger_pdf
from hazard_ledger.reports.notice_pdf import write_notice_pdf
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import LedgerRow, ledger_rows
from hazard_ledger.services.notices import get_notice, issue_notice
from hazard_ledger.services.stations import get_local_station

NOTICE_GOAL_MS = 100.0
LEDGER_ROWS = 1000

RAW_LEDGER = """
SELECT h.code, u.name, u.credit_code, u.village, u.address, h.location, h.industry, h.category,
  h.description, h.basis, h.level, h.source, h.found_on, h.inspector, h.responsible,
  h.responsible_phone, h.requirement, h.deadline, n.number, n.served_on, h.measures,
  h.funds_fen, h.rectified_on, h.verified_by, h.verified_on, h.verification_result, h.status,
  p.status, p.level, p.doc_no, p.delisted_on
FROM hazards h
JOIN units u ON u.uuid = h.unit_uuid
JOIN stations s ON s.uuid = h.station_uuid
LEFT JOIN supervisions p ON p.hazard_uuid = h.uuid
LEFT JOIN (
  SELECT i.hazard_uuid, o.number, o.served_on, row_number() OVER (
    PARTITION BY i.hazard_uuid ORDER BY o.issued_on DESC, o.id DESC) AS rank
  FROM notice_items i JOIN notices o ON o.uuid = i.notice_uuid
  WHERE o.kind = 'rectification' AND o.status = 'issued'
) n ON n.hazard_uuid = h.uuid AND n.rank = 1
ORDER BY h.found_on, h.code
"""

Timer = Callable[..., tuple[float, Any]]


def ledger_rows_line(
    ledger: Ledger, raw: sqlite3.Connection, median_ms: Timer, ratio_goal: float
) -> list[str]:
    """The ledger with every column, against the same rows from hand-written SQL."""
    ours, rows = median_ms(lambda: ledger_rows(ledger, HazardFilter()))
    theirs, raw_rows = median_ms(lambda: raw.execute(RAW_LEDGER).fetchall())
    if [r.code for r in rows] != [r[0] for r in raw_rows]:
        raise AssertionError("ledger rows: the service and the raw query disagree")
    ratio = ours / theirs if theirs else float("inf")
    verdict = "PASS" if ratio <= ratio_goal else "MISS"
    return _line("ledger rows: every column", ours, theirs, str(len(rows)), verdict)


def document_rows(ledger: Ledger, median_ms: Timer) -> list[list[str]]:
    """What, ours, minimal reportlab, ratio, size, goal."""
    fonts = ledger_fonts(ledger)
    station = get_local_station(ledger)
    assert station is not None
    rows = ledger_rows(ledger, HazardFilter())
    table: list[list[str]] = []
    with tempfile.TemporaryDirectory(prefix="hazard-bench-pdf-") as folder:
        out = Path(folder)
        number = _issue_notice(ledger)
        if number is None:
            table.append(["notice PDF", "skipped", "", "", "", "no hazard awaits 交办"])
        else:
            notice = get_notice(ledger, number)
            ours, _ = median_ms(lambda: write_notice_pdf(notice, station, out / "n.pdf", fonts))
            theirs, _ = median_ms(lambda: _one_paragraph(out / "p.pdf", fonts))
            verdict = "PASS" if ours < NOTICE_GOAL_MS else "MISS"
            table.append(
                _line(
                    f"notice PDF ({len(notice.lines)} hazards)",
                    ours,
                    theirs,
                    "1",
                    f"{verdict} <{NOTICE_GOAL_MS:.0f} ms",
                )
            )
        some = rows[:LEDGER_ROWS]
        ours, printed = median_ms(
            lambda: write_ledger_pdf(
                some,
                station,
                out / "l.pdf",
                selection="全部隐患",
                printed_on=ledger.today(),
                fonts=fonts,
            ),
            runs=3,
        )
        theirs, pages = median_ms(lambda: _plain_table(out / "t.pdf", some, fonts), runs=3)
        table.append(
            _line(
                f"ledger PDF ({len(some)} rows)",
                ours,
                theirs,
                f"{printed.pages} / {pages} pages",
                "",
            )
        )
    return table


def _line(label: str, ours: float, theirs: float, size: str, goal: str) -> list[str]:
    ratio = ours / theirs if theirs else float("inf")
    return [label, f"{ours:.1f} ms", f"{theirs:.1f} ms", f"{ratio:.2f}×", size, goal]


def _issue_notice(ledger: Ledger) -> str | None:
    """A 整改通知书 of up to 3 hazards to a unit with hazards awaiting 交办 (None if none)."""
    waiting: dict[str, list[str]] = {}
    for row in list_hazards(ledger, HazardFilter(status=HazardStatus.DISCOVERED)):
        waiting.setdefault(row.unit, []).append(row.code)
    if not waiting:
        return None
    unit, codes = max(waiting.items(), key=lambda item: min(len(item[1]), 3))
    return issue_notice(
        ledger,
        unit=unit,
        codes=codes[:3],
        deadline=ledger.today() + dt.timedelta(days=10),
        requirement="立即整改，整改完成后书面报告",
        inspectors="张建华、李晓峰",
    )


def _one_paragraph(target: Path, fonts: FontChoice) -> None:
    style = ParagraphStyle("p", fontName=fonts.body, fontSize=12, leading=20, wordWrap="CJK")
    text = "隐患整改通知书：经检查，你单位存在下列安全隐患，现责令在规定期限内整改。"
    SimpleDocTemplate(str(target), pagesize=A4).build([Paragraph(text, style)])


def _plain_table(target: Path, rows: list[LedgerRow], fonts: FontChoice) -> int:
    """The same cells as plain strings in one long table, headers repeated: the least
    reportlab can do for these rows."""
    cells = [[c.header.replace("<br/>", "") for c in COLUMNS]]
    cells += [[c.text(row).replace("\n", " ") for c in COLUMNS] for row in rows]
    table = LongTable(cells, repeatRows=1)
    table.setStyle([("FONT", (0, 0), (-1, -1), fonts.body, 6)])
    document = SimpleDocTemplate(str(target), pagesize=landscape(A4))
    document.build([table])
    return int(document.page)

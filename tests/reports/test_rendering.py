"""The documents as a printer or viewer draws them: poppler renders a notice and a ledger page
to PNG, and the title area must hold dark (drawn) pixels while the margin stays white.

Without pdftoppm (poppler-utils) the test is skipped on a developer's machine, but fails on CI
(the environment variable CI is set there), which installs poppler for this purpose."""

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from hazard_ledger.reports.ledger_pdf import write_ledger_pdf
from hazard_ledger.reports.notice_pdf import write_notice_pdf
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import HazardFilter
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import ledger_rows
from hazard_ledger.services.notices import get_notice, issue_notice
from hazard_ledger.services.stations import get_local_station

D = dt.date
DPI = 60
MM = DPI / 25.4  # pixels per millimetre


def pdftoppm() -> str:
    found = shutil.which("pdftoppm")
    if found is None:
        if os.environ.get("CI", "").lower() not in ("", "0", "false"):
            pytest.fail("pdftoppm (poppler-utils) is required on CI to render the documents")
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    return found


def first_page_png(pdf: Path) -> Image.Image:
    out = pdf.with_suffix("")
    subprocess.run(
        [pdftoppm(), "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", pdf, out],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return Image.open(out.with_suffix(".png")).convert("L")


def dark_pixels(image: Image.Image, box_mm: tuple[float, float, float, float]) -> int:
    """How many pixels darker than mid-grey lie in the box (left, top, right, bottom, in mm)."""
    region = image.crop(tuple(round(v * MM) for v in box_mm))
    return sum(region.histogram()[:128])


@pytest.fixture
def notice_number(ledger: Ledger) -> str:
    codes = [
        hazards.record_hazard(
            ledger,
            hazards.NewHazard(unit="鑫源五金厂", description=text, found_on=D(2026, 11, 2)),
        )
        for text in ("配电房堆放杂物", "灭火器压力不足")
    ]
    return issue_notice(
        ledger, unit="鑫源五金厂", codes=codes, deadline=D(2026, 11, 30), issued_on=D(2026, 11, 3)
    )


def test_a_notice_renders_with_its_title_drawn(
    ledger: Ledger, notice_number: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "notice.pdf"
    station = get_local_station(ledger)
    assert station is not None
    write_notice_pdf(get_notice(ledger, notice_number), station, pdf)
    page = first_page_png(pdf)
    assert page.size == pytest.approx((210 * MM, 297 * MM), abs=1)  # A4 portrait
    # The title (22 pt, centred) sits under the 37 mm top margin, after the station's name.
    assert dark_pixels(page, (60, 40, 150, 58)) > 100
    assert dark_pixels(page, (0, 0, 210, 30)) == 0  # the top margin is blank


def test_a_ledger_page_renders_with_its_title_and_table_drawn(
    ledger: Ledger, notice_number: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "ledger.pdf"
    station = get_local_station(ledger)
    assert station is not None
    rows = ledger_rows(ledger, HazardFilter())
    write_ledger_pdf(rows, station, pdf, selection="全部隐患", printed_on=ledger.today())
    page = first_page_png(pdf)
    assert page.size == pytest.approx((297 * MM, 210 * MM), abs=1)  # A4 landscape
    assert dark_pixels(page, (110, 6, 187, 16)) > 100  # the title, centred at the top
    assert dark_pixels(page, (12, 30, 285, 45)) > 500  # the column header and the first rows
    assert dark_pixels(page, (0, 0, 297, 5)) == 0

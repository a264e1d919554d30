"""In a county ledger, an imported station's 文书 can be read and reprinted — under that
station's name — but not served, voided or reviewed."""

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication

from hazard_ledger.services import hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import issue_notice, list_notices
from hazard_ledger.services.stations import init_station
from hazard_ledger.sync.export import export_package
from hazard_ledger.sync.importer import import_package
from hazard_ledger.ui.documents import notice_writer, sheet_writer
from hazard_ledger.ui.notices_tab import NoticesTab
from tests.conftest import Clock
from tests.reports.pdf_text import text_of


def county_with_an_imported_notice(ledger: Ledger, tmp_path: Path) -> Ledger:
    """``ledger`` (station LY) issues a notice and sends its package to a new county ledger."""
    code = hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="鑫源五金厂", description="砂轮机无防护罩", found_on=dt.date(2026, 11, 2)
        ),
    )
    issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=[code],
        deadline=dt.date(2026, 11, 30),
        responsible="张国强",
        issued_on=dt.date(2026, 11, 3),
    )
    package = export_package(ledger, tmp_path / "LY.zip").file
    county = Ledger(tmp_path / "county", operator="县局", today=Clock()).open()
    init_station(county, code="TSX", name="泰顺县应急管理局", county="泰顺县")
    import_package(county, package, accept_new_station=True)
    return county


def test_an_imported_notice_is_read_only_and_prints_as_its_station_issued_it(
    app: QApplication, qtbot, ledger: Ledger, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    county = county_with_an_imported_notice(ledger, tmp_path)
    try:
        tab = NoticesTab(county)
        qtbot.addWidget(tab)
        tab.refresh()
        tab.table.selectRow(0)
        notice = tab.selected()
        assert notice is not None and not notice.station_local and notice.station_code == "LY"
        assert tab.buttons["preview"].isEnabled() and tab.buttons["receipt"].isEnabled()
        for name in ("serve", "void", "review"):
            assert not tab.buttons[name].isEnabled()
            assert "只读" in tab.buttons[name].toolTip()

        printed = tmp_path / "notice.pdf"
        notice_writer(county, notice.uuid)(printed)
        text = text_of(printed)
        assert "罗阳镇" in text and "泰顺县应急管理局" not in text
        sheet = tmp_path / "sheet.pdf"
        sheet_writer(county, notice.lines[0].code)(sheet)
        assert "罗阳镇" in text_of(sheet)
    finally:
        county.close()


def test_the_stations_own_notice_stays_actionable(
    app: QApplication, qtbot, ledger: Ledger, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    county = county_with_an_imported_notice(ledger, tmp_path)
    county.close()
    tab = NoticesTab(ledger)
    qtbot.addWidget(tab)
    tab.refresh()
    tab.table.selectRow(0)
    assert list_notices(ledger)[0].station_local
    assert tab.buttons["serve"].isEnabled() and tab.buttons["void"].isEnabled()

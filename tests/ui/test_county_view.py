"""The county view: a ledger holding this station (LY) and one imported from a township (SQ).
The 站点 choice and column appear, filter, and an imported hazard offers no step."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hazard_ledger.services.ledger import Ledger
from hazard_ledger.ui.hazard_steps import STEP_NAMES
from hazard_ledger.ui.ledger_view import STATION_COLUMN
from hazard_ledger.ui.main_window import MainWindow
from tests.services.test_county_overview import IMPORTED, IMPORTED_NAME, add_imported_station

READ_ONLY = "导入的数据，只读"


@pytest.fixture
def county_window(app: QApplication, qtbot, filled: Ledger) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    add_imported_station(filled)
    main = MainWindow(filled)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def codes(window: MainWindow) -> list[str]:
    return sorted(row.code for row in window.model.rows)


def test_one_station_shows_no_station_choice(window: MainWindow) -> None:
    assert window.filter_bar.station.isHidden()
    assert window.table.isColumnHidden(STATION_COLUMN)
    window.tabs.setCurrentWidget(window.overview_tab)
    assert window.overview_tab.station.isHidden()
    assert window.overview_tab.by_station.isHidden()
    assert window.filter_bar.filters().station == ""


def test_the_station_choice_filters_the_ledger(county_window: MainWindow) -> None:
    window = county_window
    choice = window.filter_bar.station
    assert choice.isVisible() and not window.table.isColumnHidden(STATION_COLUMN)
    assert [choice.itemText(i) for i in range(choice.count())] == [
        "全部站点",
        "罗阳镇应急消防管理站（LY）",
        f"{IMPORTED_NAME}（{IMPORTED}）",
    ]
    assert len(window.model.rows) == 7
    choice.set_code(IMPORTED)
    assert codes(window) == [f"SQ-2026-000{n}" for n in range(1, 5)]
    assert "共 4 条" in window.counts.text()
    window.refresh()  # F5 keeps the choice
    assert choice.code() == IMPORTED and len(window.model.rows) == 4
    row = window.model.index(0, STATION_COLUMN)
    assert window.model.data(row) == "司前畲族镇"
    assert "导入的数据" in window.model.data(row, Qt.ItemDataRole.ToolTipRole)
    choice.set_code("LY")
    assert codes(window) == ["LY-2026-0001", "LY-2026-0002", "LY-2026-0003"]
    local = window.model.index(0, STATION_COLUMN)
    assert window.model.data(local) == "本站"
    assert "导入" not in window.model.data(local, Qt.ItemDataRole.ToolTipRole)
    choice.set_code("")
    assert len(window.model.rows) == 7


def test_an_imported_hazard_offers_no_step_and_says_why(county_window: MainWindow) -> None:
    window = county_window
    actions = window.actions_by_name
    window.open_hazard("SQ-2026-0001")  # being fixed, overdue: 整改完成 and 延期 would be offered
    assert f"来源：{IMPORTED_NAME}（导入，只读）" in window.detail.toPlainText()
    for name in STEP_NAMES:
        assert not actions[name].isEnabled(), name
        assert READ_ONLY in actions[name].toolTip() and IMPORTED_NAME in actions[name].toolTip()
    assert READ_ONLY in window.supervision_button.toolTip()
    assert not actions["notice"].isEnabled() and READ_ONLY[:5] in actions["notice"].toolTip()
    assert actions["new"].isEnabled() and actions["print_sheet"].isEnabled()
    window.step("rectify")  # not offered: opens nothing
    assert QApplication.activeModalWidget() is None
    window.open_hazard("LY-2026-0001")
    assert "来源" not in window.detail.toPlainText()
    assert actions["rectify"].isEnabled() and actions["extension_request"].isEnabled()
    assert actions["notice"].isEnabled() and READ_ONLY not in actions["rectify"].toolTip()


def test_a_selection_holding_an_imported_hazard_issues_no_notice(
    county_window: MainWindow,
) -> None:
    window = county_window
    window.open_hazard("LY-2026-0002")
    assert window.actions_by_name["notice"].isEnabled()
    for i, row in enumerate(window.model.rows):
        if row.code == "SQ-2026-0004":
            window.table.selectionModel().select(
                window.model.index(i, 0),
                window.table.selectionModel().SelectionFlag.Select
                | window.table.selectionModel().SelectionFlag.Rows,
            )
    assert len(window.selected_rows()) == 2
    notice = window.actions_by_name["notice"]
    assert not notice.isEnabled() and "SQ-2026-0004" in notice.toolTip()


def test_the_supervision_tab_offers_no_step_for_an_imported_hazard(
    county_window: MainWindow,
) -> None:
    tab = county_window.supervision_tab
    county_window.tabs.setCurrentWidget(tab)
    tab.select("SQ-2026-0003")  # listed, 五落实 registered: 进展 and 申请验收 would be offered
    assert tab.shown is not None and tab.shown.code == "SQ-2026-0003"
    assert not any(action.isEnabled() for action in tab.step_actions.values())
    assert READ_ONLY in tab.step_actions["progress"].toolTip()


def test_the_overview_by_station_and_for_all(county_window: MainWindow) -> None:
    window = county_window
    tab = window.overview_tab
    window.tabs.setCurrentWidget(tab)
    assert tab.station.isVisible() and tab.by_station.isVisible()
    assert tab.tiles["逾期"].text() == "2" and tab.tiles["挂牌督办"].text() == "1"
    assert tab.tiles["已闭环"].text() == "1"
    table = tab.by_station
    lines = [[table.item(r, c).text() for c in range(6)] for r in range(table.rowCount())]
    assert lines == [
        ["罗阳镇应急消防管理站（本站）", "3", "0", "0.0%", "1", "0"],
        [f"{IMPORTED_NAME}（导入）", "3", "1", "33.3%", "1", "1"],
    ]
    table.cellDoubleClicked.emit(1, 0)  # that station's figures
    assert tab.station.code() == IMPORTED
    assert tab.tiles["整改中"].text() == "2" and tab.tiles["挂牌督办"].text() == "1"
    assert tab.tiles["重大隐患"].text() == "1" and tab.tiles["整改率"].text() == "33.3%"
    overdue = [tab.overdue.item(r, 0).text() for r in range(tab.overdue.rowCount())]
    assert overdue == ["SQ-2026-0001"]
    assert [i.row() for i in table.selectionModel().selectedRows()] == [1]
    tab.station.set_code("LY")
    assert tab.tiles["挂牌督办"].text() == "0" and tab.tiles["待交办"].text() == "1"
    tab.station.set_code("")
    assert tab.tiles["逾期"].text() == "2"


def test_the_units_tab_lists_only_this_stations_units(county_window: MainWindow) -> None:
    county_window.tabs.setCurrentWidget(county_window.units_tab)
    names = [unit.name for unit in county_window.units_tab.model.units]
    assert names and "司前竹木加工厂" not in names

"""The 挂牌督办 tab, the reminders at start, the clock columns and filters, the overview's clock
figures: what the window shows for a ledger with hazards in every clock state."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.services import hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.supervision import (
    list_hazard,
    register_plan,
    report_progress,
)
from hazard_ledger.ui.main_window import MainWindow
from hazard_ledger.ui.models.hazard_table import COLUMNS, HazardTableModel
from hazard_ledger.ui.models.supervision_table import SupervisionTableModel
from hazard_ledger.ui.reminders import RemindersDialog
from tests.conftest import make_photo

D = dt.date
CLOSURE = next(i for i, (key, _label) in enumerate(COLUMNS) if key == "closure")
FLAGS = CLOSURE + 1


def record(ledger: Ledger, unit: str, text: str, found: dt.date, major: bool = False) -> str:
    level = HazardLevel.MAJOR if major else HazardLevel.GENERAL
    return hazards.record_hazard(
        ledger, hazards.NewHazard(unit=unit, description=text, found_on=found, level=level)
    )


def listing(ledger: Ledger, code: str, doc_no: str, deadline: dt.date) -> None:
    list_hazard(
        ledger,
        code,
        level="县级",
        authority="泰顺县安委会",
        supervisor="县应急管理局",
        doc_no=doc_no,
        listed_on=D(2026, 11, 12),
        deadline=deadline,
    )


@pytest.fixture
def clocked(filled: Ledger, tmp_path: Path) -> Ledger:
    """``filled`` (0001 overdue, 0002 major 待交办, 0003 待复查 since 11-08: 复查 overdue) plus:
    0004 found 10-01, still 待交办 (closure exceeded); 0005 due within the 临期 days;
    0002 and 0006 listed (0006's supervision deadline sooner, and overdue)."""
    record(filled, "鑫源五金厂", "消防通道堆放货物", D(2026, 10, 1))
    soon = record(filled, "鑫源五金厂", "应急照明损坏", D(2026, 11, 15))
    hazards.assign_hazard(filled, soon, responsible="张国强", deadline=D(2026, 11, 20))
    listing(filled, "LY-2026-0002", "泰安委〔2026〕8号", D(2027, 1, 31))
    late = record(filled, "鑫源五金厂", "液氨管道腐蚀", D(2026, 11, 11), major=True)
    listing(filled, late, "泰安委〔2026〕9号", D(2026, 11, 16))
    register_plan(
        filled,
        late,
        responsibility="鑫源五金厂 张国强",
        measures="更换腐蚀管段",
        funds_fen=500_000,
        deadline=D(2026, 11, 16),
        contingency="停用制冷系统",
    )
    report_progress(
        filled,
        late,
        note="管材已进场",
        on=D(2026, 11, 14),
        photos=[make_photo(tmp_path / "管材.jpg", (800, 600))],
    )
    return filled


@pytest.fixture
def clock_window(app: QApplication, qtbot, clocked: Ledger):  # type: ignore[no-untyped-def]
    main = MainWindow(clocked)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def test_the_ledger_shows_badges_and_clocks(app: QApplication, clocked: Ledger) -> None:
    model = HazardTableModel(clocked)
    model.reload()
    rows = {row.code: i for i, row in enumerate(model.rows)}

    def shown(code: str, column: int, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        return model.data(model.index(rows[code], column), role)

    assert shown("LY-2026-0004", CLOSURE) == "超 18 天"  # found 10-01, 30 days: due 10-31
    assert shown("LY-2026-0001", CLOSURE) == "剩 13 天"
    assert shown("LY-2026-0004", FLAGS) == "响应超时"
    assert shown("LY-2026-0003", FLAGS) == "复查超期"  # fix reported 11-08, 3 working days
    decoration = Qt.ItemDataRole.DecorationRole
    assert shown("LY-2026-0006", 0, decoration) is not None
    assert shown("LY-2026-0001", 0, decoration) is None
    assert "督办期限 2026-11-16" in shown("LY-2026-0006", 0, Qt.ItemDataRole.ToolTipRole)


def test_clock_columns_do_not_sort(clock_window: MainWindow) -> None:
    header = clock_window.table.horizontalHeader()
    before = [row.code for row in clock_window.model.rows]
    header.setSortIndicator(CLOSURE, Qt.SortOrder.AscendingOrder)
    assert [row.code for row in clock_window.model.rows] == before
    assert COLUMNS[header.sortIndicatorSection()][0] == "found_on"  # still by 发现日期
    header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    assert clock_window.model.rows[0].code == "LY-2026-0001"


@pytest.mark.parametrize(
    ("box", "codes"),
    [
        ("supervised", ["LY-2026-0006", "LY-2026-0002"]),
        ("closure_exceeded", ["LY-2026-0004"]),
        ("verification_overdue", ["LY-2026-0003"]),
    ],
)
def test_clock_filters(clock_window: MainWindow, box: str, codes: list[str]) -> None:
    getattr(clock_window.filter_bar, box).setChecked(True)
    assert [row.code for row in clock_window.model.rows] == codes
    assert f"共 {len(codes)} 条" in clock_window.counts.text()


def test_the_supervision_tab_lists_and_opens(clock_window: MainWindow) -> None:
    window = clock_window
    window.tabs.setCurrentWidget(window.supervision_tab)
    tab = window.supervision_tab
    model = tab.model
    assert [r.hazard.code for r in model.rows] == ["LY-2026-0006", "LY-2026-0002"]
    assert model.data(model.index(0, 4)) == "泰安委〔2026〕9号"
    assert model.data(model.index(0, 7)) == "逾期 2 天"
    assert model.data(model.index(1, 7)) == "剩 74 天"
    assert model.data(model.index(0, 8)) == "整改中（五落实已登记）"
    assert "其中超过督办期限 1 条" in tab.summary.text()
    tab.select("LY-2026-0006")
    text = tab.detail.toPlainText()
    assert "更换腐蚀管段" in text and "管材已进场" in text and "5000.00" in text
    assert tab.shown is not None and str(tab.shown.photos[0].thumbnail) in tab.detail.toHtml()
    assert tab.step_actions["apply"].isEnabled() and not tab.step_actions["delist"].isEnabled()
    tab.table.doubleClicked.emit(model.index(0, 0))
    assert window.tabs.currentIndex() == 0
    assert window.detail.detail is not None and window.detail.detail.code == "LY-2026-0006"


def test_supervision_model_passes_the_model_tester(qtmodeltester, clock_window) -> None:  # type: ignore[no-untyped-def]
    clock_window.supervision_tab.refresh()
    model = SupervisionTableModel()
    model.set_rows(list(clock_window.supervision_tab.model.rows), D(2026, 11, 18))
    qtmodeltester.check(model)


def reminders_dialog(window: MainWindow, qtbot) -> RemindersDialog:  # type: ignore[no-untyped-def]
    window.reminders.start()
    qtbot.waitUntil(lambda: window.reminders.dialog is not None, timeout=5000)
    dialog = window.reminders.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    return dialog


def test_reminders_at_start_list_listed_hazards_first_and_open_one(
    clock_window: MainWindow, qtbot
) -> None:  # type: ignore[no-untyped-def]
    dialog = reminders_dialog(clock_window, qtbot)
    assert dialog.codes() == [
        ("挂牌督办", ["LY-2026-0006", "LY-2026-0002"]),
        ("逾期未整改", ["LY-2026-0006", "LY-2026-0001"]),
        ("临期", ["LY-2026-0005"]),
        ("复查超期", ["LY-2026-0003"]),
        ("闭环超期", ["LY-2026-0004"]),
    ]
    assert "闭环 重大 30 天" in dialog.profile.text()  # the profile the clocks follow
    first = dialog.tree.topLevelItem(0).child(0)
    assert "逾期 2 天" in first.text(4)
    assert dialog.tree.topLevelItem(1).child(0).icon(0).isNull() is False  # the 督 badge
    overdue = dialog.tree.topLevelItem(1).child(1)
    dialog.tree.itemDoubleClicked.emit(overdue, 0)
    assert clock_window.detail.detail is not None
    assert clock_window.detail.detail.code == "LY-2026-0001"
    assert dialog.isVisible()  # stays open to work down the list


def test_reminders_can_be_silenced_for_the_day(clock_window: MainWindow, qtbot, clock) -> None:  # type: ignore[no-untyped-def]
    dialog = reminders_dialog(clock_window, qtbot)
    dialog.quiet.setChecked(True)
    dialog.close()
    assert clock_window.reminders.start() is None  # not again today, at start
    clock.today = D(2026, 11, 19)
    assert clock_window.reminders.start() is not None  # a new day
    qtbot.waitUntil(lambda: clock_window.reminders.worker is None, timeout=5000)


def test_nothing_to_remind_shows_nothing(
    app: QApplication, qtbot, ledger: Ledger, messages
) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ledger)
    qtbot.addWidget(window)
    assert window.reminders.start() is not None
    qtbot.waitUntil(lambda: window.reminders.worker is None, timeout=5000)
    assert window.reminders.dialog is None and messages == []
    window.actions_by_name["reminders"].trigger()  # asked for: says there is nothing
    qtbot.waitUntil(lambda: messages != [], timeout=5000)
    assert "没有" in messages[0][1]
    window.close()


def test_reminder_dismissal_is_per_ledger(clock_window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = reminders_dialog(clock_window, qtbot)
    dialog.quiet.setChecked(True)
    keys = [k for k in QSettings().allKeys() if k.startswith("reminders/")]
    assert len(keys) == 1 and QSettings().value(keys[0]) == "2026-11-18"
    dialog.quiet.setChecked(False)
    assert not [k for k in QSettings().allKeys() if k.startswith("reminders/")]


def test_overview_shows_the_clock_figures_and_the_profile(clock_window: MainWindow) -> None:
    clock_window.tabs.setCurrentWidget(clock_window.overview_tab)
    tab = clock_window.overview_tab
    assert tab.tiles["挂牌督办"].text() == "2"
    assert tab.tiles["闭环超期"].text() == "1"
    assert tab.tiles["复查超期"].text() == "1"
    assert "3030" in tab.profile.text() and "闭环 重大 30 天" in tab.profile.text()


def test_the_program_opens_today_s_reminders_after_the_window(
    app: QApplication, qtbot, filled: Ledger, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from hazard_ledger.ui import app as app_module

    seen: list[object] = []
    before = set(QApplication.topLevelWidgets())  # earlier tests' widgets may await deletion

    def new(kind: type) -> list:  # type: ignore[type-arg]
        return [
            w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w not in before
        ]

    def run_event_loop(_app: QApplication) -> int:
        def shown() -> RemindersDialog | None:
            found = new(RemindersDialog)
            return found[0] if found and found[0].isVisible() else None

        qtbot.waitUntil(lambda: shown() is not None, timeout=5000)
        dialog = shown()
        assert dialog is not None
        windows = new(MainWindow)
        seen.append((windows[0].isVisible(), dialog.parent() is windows[0], dialog.codes()[0]))
        windows[0].close()
        assert not dialog.isVisible()  # closing the window closes its reminders
        return 0

    monkeypatch.setattr(app_module, "install_excepthook", lambda _log: None)
    monkeypatch.setattr(QApplication, "exec", run_event_loop)
    assert app_module.run_gui(str(filled.data_dir), "测试员") == 0
    assert seen == [(True, True, ("逾期未整改", ["LY-2026-0001"]))]

"""Table models: Qt's model tester, and what the rows show."""

import datetime as dt

from PySide6.QtCore import Qt

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.services.hazard_queries import HazardFilter
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import issue_notice, list_notices, serve_notice, void_notice
from hazard_ledger.services.units import list_units
from hazard_ledger.ui.models import hazard_table
from hazard_ledger.ui.models.hazard_table import COLUMNS, OVERDUE, HazardTableModel
from hazard_ledger.ui.models.notice_table import VOIDED, NoticeTableModel
from hazard_ledger.ui.models.unit_table import UnitTableModel

D = dt.date
COLUMN = {key: i for i, (key, _label) in enumerate(COLUMNS)}


def test_hazard_model_passes_the_model_tester(qtmodeltester, filled: Ledger) -> None:  # type: ignore[no-untyped-def]
    model = HazardTableModel(filled)
    model.reload()
    qtmodeltester.check(model)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_hazard_model_shows_the_ledger(filled: Ledger) -> None:
    model = HazardTableModel(filled)
    model.reload()
    assert model.total == 3 and model.rowCount() == 3
    assert model.counts[HazardStatus.ASSIGNED] == 1
    first = model.index(0, 0)
    assert model.data(first) == "LY-2026-0003"  # newest first by default
    overdue_row = next(i for i, r in enumerate(model.rows) if r.overdue_days)
    assert model.data(model.index(overdue_row, COLUMN["overdue_days"])) == "8 天"
    assert (
        model.data(model.index(overdue_row, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE
    )
    major_row = next(i for i, r in enumerate(model.rows) if r.level.label == "重大")
    assert model.data(model.index(major_row, COLUMN["level"])) == "重大"
    model.reload(HazardFilter(search="灭火器"))
    assert [r.description for r in model.rows] == ["灭火器压力不足"]


def test_hazard_model_fetches_page_by_page(filled: Ledger, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(hazard_table, "PAGE", 2)
    model = HazardTableModel(filled)
    model.reload()
    assert model.rowCount() == 2 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 3 and not model.canFetchMore()


def test_unit_model_passes_the_model_tester(qtmodeltester, filled: Ledger) -> None:  # type: ignore[no-untyped-def]
    model = UnitTableModel()
    model.set_units(list_units(filled))
    qtmodeltester.check(model)
    assert model.data(model.index(1, 0)) == "鑫源五金厂"
    assert model.data(model.index(1, 7)) == "1"  # one hazard being fixed


def test_notice_model_passes_the_model_tester(qtmodeltester, waiting: Ledger) -> None:  # type: ignore[no-untyped-def]
    first = issue_notice(
        waiting, unit="鑫源五金厂", codes=["LY-2026-0004"], deadline=D(2026, 11, 30)
    )
    second = issue_notice(
        waiting,
        unit="鑫源五金厂",
        codes=["LY-2026-0005"],
        deadline=D(2026, 11, 30),
        responsible="李四",
    )
    serve_notice(waiting, first, to="张国强", on=D(2026, 11, 18))
    void_notice(waiting, second, reason="单位名称写错")
    model = NoticeTableModel()
    model.set_notices(list_notices(waiting))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 7
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert header == ["文号", "文书名称", "被检查单位", "下发日期", "隐患数", "送达", "状态"]
    served_row, voided_row = model.row_of(first), model.row_of(second)
    assert served_row is not None and voided_row is not None
    assert [model.data(model.index(served_row, c)) for c in range(7)] == [
        "（罗）应消整改〔2026〕1号",
        "隐患整改通知书",
        "鑫源五金厂",
        "2026-11-18",
        "1",
        "2026-11-18 张国强",
        "有效",
    ]
    assert model.data(model.index(voided_row, 6)) == "已作废"
    assert model.data(model.index(voided_row, 6), Qt.ItemDataRole.ToolTipRole) == (
        "作废原因：单位名称写错"
    )
    assert model.data(model.index(voided_row, 0), Qt.ItemDataRole.ForegroundRole).color() == (
        VOIDED
    )
    model.set_notices([])
    qtmodeltester.check(model)


def test_a_refusal_shows_its_witness(waiting: Ledger) -> None:
    number = issue_notice(
        waiting, unit="鑫源五金厂", codes=["LY-2026-0004"], deadline=D(2026, 11, 30)
    )
    serve_notice(waiting, number, refused=True, witness="王村长", on=D(2026, 11, 18))
    model = NoticeTableModel()
    model.set_notices(list_notices(waiting))
    assert model.data(model.index(0, 5)) == "拒收（见证人 王村长）"

"""Table models: Qt's model tester, and what the rows show."""

from PySide6.QtCore import Qt

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.services.hazard_queries import HazardFilter
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.units import list_units
from hazard_ledger.ui.models import hazard_table
from hazard_ledger.ui.models.hazard_table import OVERDUE, HazardTableModel
from hazard_ledger.ui.models.unit_table import UnitTableModel


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
    assert model.data(model.index(overdue_row, 8)) == "8 天"
    assert (
        model.data(model.index(overdue_row, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE
    )
    major_row = next(i for i, r in enumerate(model.rows) if r.level.label == "重大")
    assert model.data(model.index(major_row, 4)) == "重大"
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

"""The deadline chooser counts working days on the ledger's holiday calendar."""

import datetime as dt

from hazard_ledger.ui.widgets import DeadlineChooser, date_edit
from tests.domain.test_calendar import CHINA


def test_working_days_skip_holidays_and_name_a_year_without_data(qtbot) -> None:  # type: ignore[no-untyped-def]
    start = date_edit(dt.date(2026, 9, 30))
    chooser = DeadlineChooser(start, CHINA, default_days=1)
    qtbot.addWidget(chooser)
    chooser.by_days.setChecked(True)
    chooser.working.setChecked(True)
    # 10-01…10-07 National Day: the first working day is 10-08.
    assert chooser.chosen() == dt.date(2026, 10, 8)
    assert chooser.result.text() == "至 2026-10-08"
    chooser.working.setChecked(False)
    assert chooser.chosen() == dt.date(2026, 10, 1)
    start.setDate(dt.date(2026, 12, 30))
    chooser.working.setChecked(True)
    chooser.days.setValue(5)
    assert "2027 年无节假日数据" in chooser.result.text()
    assert "设置" in chooser.result.toolTip()

"""设置 → 闭环时限 (the 3030 profile) and 节假日 (the calendar's years)."""

import datetime as dt

from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hazard_ledger.domain.clocks import DEFAULT_PROFILE, Limit, LimitUnit
from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.services.calendar import load_calendar
from hazard_ledger.services.closure_profile import FILE_NAME, load_profile
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.ui.dialogs.settings import SettingsDialog
from hazard_ledger.ui.dialogs.settings_clocks import CalendarYearDialog

D = dt.date


def ok(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_the_profile_page_shows_and_saves_the_limits(app: QApplication, ledger: Ledger) -> None:
    dialog = SettingsDialog(None, ledger)
    page = dialog.profile
    assert page.name.text() == "3030" and "未见" in page.source.text()
    major = page.edits["response_major"]
    assert (major.amount.value(), major.unit.currentText()) == (30, "分钟")
    # Minutes make sense only for a response.
    assert page.edits["closure_general"].unit.findText("分钟") == -1
    page.name.setText("本县方案")
    page.edits["closure_general"].amount.setValue(20)
    page.edits["closure_general"].unit.setCurrentText("个工作日")
    ok(dialog)
    assert dialog.result() == 1
    saved = load_profile(ledger)
    assert saved.name == "本县方案"
    assert saved.closure[HazardLevel.GENERAL] == Limit(20, LimitUnit.WORKING_DAYS)
    assert saved.response == DEFAULT_PROFILE.response


def test_a_bad_profile_is_refused_beside_the_field_and_nothing_saved(
    app: QApplication, ledger: Ledger
) -> None:
    dialog = SettingsDialog(None, ledger)
    dialog.profile.name.setText(" ")
    dialog.name.setText("改了站名")  # on another page: must not be saved either
    ok(dialog)
    assert dialog.result() == 0
    assert dialog.error_text("profile_name")
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "闭环时限"
    assert not (ledger.data_dir / FILE_NAME).exists()
    dialog.profile.show_profile(DEFAULT_PROFILE)
    dialog.profile.edits["verification"].amount.setValue(5000)  # over 3,650 days
    ok(dialog)
    assert "时限应在" in dialog.error_text("verification")


def test_a_year_is_added_to_the_calendar_and_listed(app: QApplication, ledger: Ledger) -> None:
    dialog = SettingsDialog(None, ledger)
    page = dialog.calendar
    assert page.years[0].year == 2026 and "内置" in page.table.item(0, 1).text()
    year = CalendarYearDialog(None, ledger, 2027)
    year.holidays.setPlainText("2027-01-01\n2027-02-06~2027-02-12")
    year.workdays.setPlainText("2027-02-13 (typo)")
    ok(year)
    assert year.result() == 0 and "调休上班日中的" in year.error_text("workdays")
    year.workdays.setPlainText("2027-02-13")  # a Saturday
    ok(year)
    assert year.result() == 1
    page.refresh()
    assert page.table.item(0, 0).text() == "2027" and page.table.item(0, 1).text() == "用户添加"
    assert page.table.item(0, 2).text() == "8"
    calendar = load_calendar(ledger)
    assert calendar.is_working_day(D(2027, 2, 13)) and not calendar.is_working_day(D(2027, 2, 8))
    # Opening an existing year shows what it holds.
    again = CalendarYearDialog(None, ledger, 2026)
    assert "2026-10-01" in again.holidays.toPlainText()

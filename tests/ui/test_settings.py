"""设置 → 文书: title, number templates with the next number shown live, the document font with
what will actually be used; errors beside the fields (on the page that holds them)."""

import datetime as dt
from pathlib import Path

import reportlab
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hazard_ledger.paths import resources_dir
from hazard_ledger.services.hazards import NewHazard, record_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import get_notice, issue_notice
from hazard_ledger.services.preferences import Preferences, load_preferences
from hazard_ledger.ui.dialogs.settings import SettingsDialog

D = dt.date
SHIPPED = resources_dir() / "fonts" / "wqy-microhei.ttc"
VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def ok(dialog: SettingsDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def new_notice(ledger: Ledger) -> str:
    code = record_hazard(ledger, NewHazard(unit="鑫源五金厂", description="配电箱门缺失"))
    return issue_notice(ledger, unit="鑫源五金厂", codes=[code], deadline=D(2026, 11, 30))


def test_settings_save_the_document_title_templates_and_font(
    app: QApplication, ledger: Ledger
) -> None:
    new_notice(ledger)  # serial 1 is used this year: the next is 2
    dialog = SettingsDialog(None, ledger)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "本站",
        "文书",
        "闭环时限",
        "节假日",
    ]
    page = dialog.documents
    assert page.notice_example.text() == "下一份文号将是：（罗）应消整改〔2026〕2号"
    assert page.review_example.text() == "下一份文号将是：（罗）应消复查〔2026〕1号"
    assert page.font_used.text() == "文书将使用：程序自带字体（文泉驿微米黑）"
    page.title.setCurrentText("责令限期整改意见书")
    page.notice_template.setText("{prefix}应急责改〔{year}〕{serial}号")
    dialog.doc_prefix.setText("罗阳")  # on the other page: the example follows
    assert page.notice_example.text() == "下一份文号将是：罗阳应急责改〔2026〕2号"
    page.font.setText(str(SHIPPED))
    page.show_font()
    assert page.font_used.text() == "文书将使用：设置中指定的字体（wqy-microhei.ttc）"
    ok(dialog)
    assert dialog.result() == 1
    prefs = load_preferences(ledger)
    assert prefs.notice_title == "责令限期整改意见书"
    assert prefs.notice_number_template == "{prefix}应急责改〔{year}〕{serial}号"
    assert prefs.document_font == str(SHIPPED)
    notice = get_notice(ledger, new_notice(ledger))
    assert (notice.number, notice.title) == ("罗阳应急责改〔2026〕2号", "责令限期整改意见书")


def test_a_bad_template_or_font_is_refused_beside_its_field(
    app: QApplication, ledger: Ledger, tmp_path: Path
) -> None:
    dialog = SettingsDialog(None, ledger)
    page = dialog.documents
    dialog.operator.setText("李晓峰")
    page.review_template.setText("（{prefix}）应消复查〔{year}〕号")
    assert "{serial}" in page.review_example.text()  # said while typing
    ok(dialog)
    assert "{serial}" in dialog.error_text("review_number_template")
    assert dialog.error_text("notice_number_template") == ""
    assert dialog.tabs.currentIndex() == 1  # the page with the error is shown
    page.review_template.setText("（{prefix}）应消复查〔{year}〕{serial}号")
    not_a_font = tmp_path / "思源宋体.otf"
    not_a_font.write_bytes(b"OTTO" + bytes(400))  # an OpenType-CFF header, nothing usable
    page.font.setText(str(not_a_font))
    page.show_font()
    assert "OpenType-CFF" in page.font_warning.text() and not page.font_warning.isHidden()
    assert page.font_used.text() == "文书将使用：程序自带字体（文泉驿微米黑）"
    ok(dialog)
    assert "OpenType-CFF" in dialog.error_text("document_font")
    page.font.setText(str(VERA))
    ok(dialog)
    assert "缺少汉字" in dialog.error_text("document_font")
    page.font.setText(str(tmp_path / "没有这个文件.ttf"))
    ok(dialog)
    assert "找不到字体文件" in dialog.error_text("document_font")
    assert load_preferences(ledger) == Preferences()  # nothing saved, not even the operator
    page.reset_font()
    ok(dialog)
    assert dialog.result() == 1 and load_preferences(ledger).operator == "李晓峰"
    assert load_preferences(ledger).document_font == ""


def test_the_weekly_report_week_is_set_on_the_station_page(
    app: QApplication, ledger: Ledger
) -> None:
    from hazard_ledger.services.periods import ledger_period

    dialog = SettingsDialog(None, ledger)
    assert dialog.week_start.currentText() == "周一至周日"
    dialog.week_start.setCurrentIndex(4)
    assert dialog.week_start.currentText() == "周五至周四"
    ok(dialog)
    assert load_preferences(ledger).week_start == 4
    period = ledger_period(ledger)  # today is Wednesday 2026-11-18
    assert (period.start, period.end) == (D(2026, 11, 13), D(2026, 11, 19))

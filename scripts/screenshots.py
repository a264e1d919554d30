"""Start the app in a real X window (Xvfb) on the demo ledger and save screenshots of the main
screens into docs/screenshots/.

    python scripts/screenshots.py [--out docs/screenshots]

Needs Xvfb (Debian: xvfb xauth, plus Qt's xcb libraries: libxcb-icccm4 libxcb-keysyms1 …).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def start_xvfb() -> subprocess.Popen[bytes]:
    for display in range(91, 120):
        if not Path(f"/tmp/.X11-unix/X{display}").exists():
            break
    server = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", "1440x900x24", "-nolisten", "tcp"]
    )
    os.environ["DISPLAY"] = f":{display}"
    for _ in range(50):
        if Path(f"/tmp/.X11-unix/X{display}").exists():
            return server
        time.sleep(0.1)
    server.kill()
    raise SystemExit("Xvfb did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    server = start_xvfb()
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    data = Path(tempfile.mkdtemp(prefix="hazard-shots-"))
    try:
        shoot(data, args.out)
    finally:
        server.terminate()
        shutil.rmtree(data, ignore_errors=True)


def shoot(data: Path, out: Path) -> None:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from hazard_ledger.services.demo import create_demo_ledger
    from hazard_ledger.services.ledger import Ledger
    from hazard_ledger.ui.app import make_application
    from hazard_ledger.ui.dialogs.first_run import FirstRunDialog
    from hazard_ledger.ui.dialogs.hazard_form import HazardDialog
    from hazard_ledger.ui.dialogs.steps import AssignDialog
    from hazard_ledger.ui.main_window import MainWindow

    # Fresh window state: not what an earlier run (or the user's own session) left in QSettings.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data / "qt"))
    app = make_application(["hazard-ledger"])

    def settle(ms: int = 400) -> None:
        end = time.monotonic() + ms / 1000
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def save(widget: QWidget, name: str) -> None:
        settle()
        screen = widget.screen()
        frame = widget.frameGeometry()
        shot = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
        shot.save(str(out / name))
        print("saved", out / name)

    first = FirstRunDialog(None, Ledger(data / "new").open())
    first.show()
    save(first, "first-run.png")
    first.close()

    ledger = Ledger(data / "demo", operator="张建华").open()
    create_demo_ledger(ledger)
    prepare_supervision(ledger, data)
    window = MainWindow(ledger)
    window.resize(1400, 860)
    window.move(20, 20)
    window.show()
    settle(800)
    overdue = next(i for i, row in enumerate(window.model.rows) if row.overdue_days)
    window.table.selectRow(overdue)
    save(window, "ledger.png")
    window.filter_bar.search.setText("灭火器")
    settle(800)
    save(window, "search.png")
    window.filter_bar.search.clear()
    settle(500)
    window.tabs.setCurrentWidget(window.overview_tab)
    save(window, "overview.png")
    window.tabs.setCurrentWidget(window.units_tab)
    save(window, "units.png")
    window.tabs.setCurrentIndex(0)
    dialog = HazardDialog(window, ledger, inspector="张建华、李晓峰")
    dialog.unit.setCurrentText("罗阳镇老街小吃店")
    dialog.description.setPlainText("后厨燃气管道使用橡胶软管，长度超过2米")
    dialog.location.setText("后厨")
    dialog.show()
    dialog.move(300, 80)
    save(dialog, "new-hazard.png")
    dialog.close()
    discovered = next(r for r in window.model.rows if r.status.value == "discovered")
    window.open_hazard(discovered.code)
    assign = AssignDialog(window, ledger, window.detail.detail)  # type: ignore[arg-type]
    assign.responsible.setText("陈志强")
    assign.show()
    assign.move(400, 160)
    save(assign, "assign.png")
    assign.close()
    shoot_documents(window, ledger, settle, save)
    shoot_supervision(window, ledger, settle, save)
    shoot_reports(window, ledger, data, save)
    window.close()
    shoot_county(data, settle, save)
    QTimer.singleShot(0, app.quit)
    app.exec()
    QApplication.processEvents()


def shoot_documents(window, ledger, settle, save) -> None:  # type: ignore[no-untyped-def]
    """下发通知书 from a selection, the preview of the new notice, and the 文书 tab with notices
    served, refused and voided."""
    import datetime as dt
    from collections import Counter

    from PySide6.QtCore import QItemSelectionModel

    from hazard_ledger.domain.enums import HazardStatus
    from hazard_ledger.services.notices import issue_notice, serve_notice, void_notice
    from hazard_ledger.ui.dialogs.issue_notice import IssueNoticeDialog, plan_notice
    from hazard_ledger.ui.dialogs.settings import SettingsDialog
    from hazard_ledger.ui.documents import preview_notice

    waiting = [r for r in window.model.rows if r.status is HazardStatus.DISCOVERED]
    by_unit = Counter(r.unit for r in waiting)
    unit = by_unit.most_common(1)[0][0]
    chosen = [r for r in waiting if r.unit == unit][:3]
    other = next(r for r in waiting if r.unit != unit)
    window.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for hazard in [other, *chosen]:
        row = window.model.rows.index(hazard)
        window.table.selectionModel().setCurrentIndex(window.model.index(row, 0), flags)
    settle()
    plan = plan_notice(ledger, window.selected_rows(), chosen[-1])
    dialog = IssueNoticeDialog(window, ledger, plan, inspectors="张建华、李晓峰")
    dialog.due.by_days.setChecked(True)
    dialog.due.days.setValue(10)
    dialog.due.working.setChecked(True)
    dialog.requirement.setPlainText("立即整改，整改完成后书面报告本站")
    dialog.show()
    dialog.move(260, 40)
    save(dialog, "issue-notice.png")
    dialog.save()  # what 下发 does
    dialog.close()
    window.refresh()
    preview = preview_notice(window, ledger, dialog.number)
    for _ in range(100):
        if preview.isVisible():
            break
        settle(100)
    preview.resize(900, 860)
    preview.move(250, 20)
    save(preview, "preview.png")
    preview.close()
    # A few more documents, in the states the 文书 tab shows.
    today = ledger.today()
    numbers = []
    for unit_name in list(by_unit)[1:4]:
        codes = [r.code for r in waiting if r.unit == unit_name][:2]
        numbers.append(
            issue_notice(
                ledger,
                unit=unit_name,
                codes=codes,
                deadline=today + dt.timedelta(days=7),
                inspectors="张建华、李晓峰",
            )
        )
    serve_notice(ledger, dialog.number, to=plan.unit.contact or "负责人")
    if len(numbers) > 2:
        serve_notice(ledger, numbers[0], refused=True, witness="村网格员 吴海燕")
        void_notice(ledger, numbers[1], reason="被检查单位名称有误，已重新下发")
    window.tabs.setCurrentWidget(window.notices_tab)
    window.notices_tab.select(dialog.number)
    save(window, "notices.png")
    window.tabs.setCurrentIndex(0)
    settings = SettingsDialog(window, ledger)
    settings.tabs.setCurrentIndex(1)
    settings.show()
    settings.move(380, 120)
    save(settings, "settings-documents.png")
    settings.close()


def prepare_supervision(ledger, data: Path) -> None:  # type: ignore[no-untyped-def]
    """The demo ledger lists no hazard: list two of its open 重大 hazards through the services
    (one with its plan and two progress reports, one past its supervision deadline), and ask
    for a 延期 on a general hazard being fixed."""
    import datetime as dt

    from PIL import Image, ImageDraw

    from hazard_ledger.domain.enums import HazardLevel, HazardStatus
    from hazard_ledger.services.extensions import request_extension
    from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
    from hazard_ledger.services.supervision import list_hazard, register_plan, report_progress

    today = ledger.today()
    day = dt.timedelta(days=1)
    majors = list_hazards(
        ledger, HazardFilter(level=HazardLevel.MAJOR, status=HazardStatus.ASSIGNED)
    )
    photo = data / "进展照片.jpg"
    image = Image.new("RGB", (1200, 900), "#8a9aa8")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 560, 1200, 900), fill="#5b5148")
    for x in range(80, 1200, 260):
        draw.rectangle((x, 260, x + 150, 620), fill="#c9cfd4", outline="#39424a", width=6)
    image.save(photo, "JPEG")
    for i, hazard in enumerate(majors[:2]):
        listed_on = min(today, hazard.found_on + 3 * day)
        deadline = today - 4 * day if i == 0 else today + 45 * day
        list_hazard(
            ledger,
            hazard.code,
            level="县级" if i else "市级",
            authority="泰顺县安全生产委员会" if i else "温州市安全生产委员会",
            supervisor="泰顺县应急管理局",
            doc_no=f"泰安委〔{today.year}〕{12 + i}号",
            listed_on=listed_on,
            deadline=max(deadline, listed_on),
        )
        register_plan(
            ledger,
            hazard.code,
            responsibility=f"{hazard.unit} 主要负责人",
            measures="制定专项整改方案，限期完成设备改造并经第三方检测",
            funds_fen=(8 + 4 * i) * 1_000_000,
            deadline=max(deadline, listed_on),
            contingency="整改期间停用相关区域，配备应急器材，每日专人巡查",
        )
        for n, note in enumerate(("整改方案已报县应急管理局备案", "设备已订货，现场已隔离")):
            on = min(today, listed_on + (10 + 10 * n) * day)
            report_progress(ledger, hazard.code, note=note, on=on, photos=[photo] if n == 1 else [])
    general = list_hazards(
        ledger, HazardFilter(level=HazardLevel.GENERAL, status=HazardStatus.ASSIGNED)
    )
    waiting = next(r for r in general if r.deadline and r.deadline >= today)
    request_extension(
        ledger,
        waiting.code,
        to=waiting.deadline + 20 * day,  # type: ignore[operator]
        reason="整改所需设备厂家缺货，预计下月中旬到货",
    )


def shoot_supervision(window, ledger, settle, save) -> None:  # type: ignore[no-untyped-def]
    """The 挂牌督办 tab, the 挂牌督办 menu and dialog, 审批延期, and the reminders."""
    from PySide6.QtCore import QPoint

    from hazard_ledger.domain.enums import HazardLevel
    from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards, show_hazard
    from hazard_ledger.ui.dialogs.extension import DecideExtensionDialog
    from hazard_ledger.ui.dialogs.supervision_steps import ListHazardDialog

    window.refresh()
    window.tabs.setCurrentWidget(window.supervision_tab)
    window.supervision_tab.select(window.supervision_tab.model.rows[0].hazard.code)
    save(window, "supervision.png")
    listed = window.supervision_tab.model.rows[0].hazard.code
    window.open_hazard(listed)
    menu = window.supervision_button.menu()
    below = window.supervision_button.mapToGlobal(QPoint(0, window.supervision_button.height()))
    menu.popup(below)
    save(window, "supervision-menu.png")
    menu.hide()
    majors = list_hazards(ledger, HazardFilter(level=HazardLevel.MAJOR))
    unlisted = next(r for r in majors if r.status.is_open and not r.listed)
    dialog = ListHazardDialog(window, ledger, show_hazard(ledger, unlisted.code))
    dialog.authority.setText("泰顺县安全生产委员会")
    dialog.supervisor.setText("泰顺县消防救援大队")
    dialog.doc_no.setText(f"泰安委〔{ledger.today().year}〕14号")
    dialog.show()
    dialog.move(360, 90)
    save(dialog, "list-hazard.png")
    dialog.close()
    pending = next(r for r in list_hazards(ledger) if show_hazard(ledger, r.code).extension_to)
    decide = DecideExtensionDialog(window, ledger, show_hazard(ledger, pending.code), by="张建华")
    decide.opinion.setPlainText("同意延期，请每周报告进展")
    decide.show()
    decide.move(420, 140)
    save(decide, "extension.png")
    decide.close()
    window.tabs.setCurrentIndex(0)
    window.reminders.start(force=True)
    for _ in range(100):
        if window.reminders.dialog is not None:
            break
        settle(100)
    reminders = window.reminders.dialog
    reminders.move(260, 120)
    save(reminders, "reminders.png")
    reminders.close()


def shoot_reports(window, ledger, data: Path, save) -> None:  # type: ignore[no-untyped-def]
    """The 周报 dialog, and the check of a units workbook with bad rows (nothing imported yet:
    仅导入无误的行 or 取消)."""
    import openpyxl

    from hazard_ledger.services.stations import list_stations
    from hazard_ledger.services.unit_import import import_units
    from hazard_ledger.services.weekly import week_start_of
    from hazard_ledger.ui.dialogs.import_report import ImportReportDialog
    from hazard_ledger.ui.dialogs.weekly_dialog import WeeklyDialog

    weekly = WeeklyDialog(
        window, ledger.today(), week_start_of(ledger), list_stations(ledger), "王建国"
    )
    weekly.show()
    weekly.move(420, 200)
    save(weekly, "weekly.png")
    weekly.close()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "单位名单"
    sheet.append(["罗阳镇生产经营单位名录"])
    sheet.append(["序号", "单位名称", "统一社会信用代码", "行业", "村（社区）", "负责人", "手机"])
    for row in (
        [1, "罗阳镇城北粮油店", "", "商贸", "城北社区", "刘建平", "13905770101"],
        [2, "泰顺县罗阳镇新华书店", "91330329MA2C000017", "商贸", "城东社区", "", ""],
        [3, "", "", "工贸", "城东社区", "", ""],
        [4, "罗阳镇红星竹木加工厂", "", "工贸（木材加工）", "下洋村", "吴红星", "1390577"],
        [5, "罗阳镇城北粮油店", "", "商贸", "城北社区", "", ""],
        [6, "罗阳镇阳光幼儿园", "", "教育", "罗阳村", "陈老师", "0577-67581234"],
    ):
        sheet.append(row)
    path = data / "单位名单.xlsx"
    book.save(path)
    check = ImportReportDialog(window, "单位", import_units(ledger, path))
    check.show()
    check.move(300, 120)
    save(check, "import.png")
    check.close()


def county_ledger(data: Path):  # type: ignore[no-untyped-def]
    """A county ledger as it stands after importing the demo station's package: the demo's
    罗阳镇 station (LY) is imported (not local), and the county's own station (TS, 泰顺县应急管理局)
    has a unit and a few hazards of its own. Made by turning the demo's station into an imported
    one, which leaves the rows and events an import of its full package leaves."""
    import datetime as dt

    from sqlalchemy import update

    from hazard_ledger.db.models import Station
    from hazard_ledger.domain.enums import HazardLevel
    from hazard_ledger.services import hazards
    from hazard_ledger.services.demo import create_demo_ledger
    from hazard_ledger.services.ledger import Ledger
    from hazard_ledger.services.stations import init_station
    from hazard_ledger.services.units import UnitInput, add_unit

    with Ledger(data / "county", operator="张建华") as township:
        create_demo_ledger(township)
        prepare_supervision(township, data)
    ledger = Ledger(data / "county", operator="陈立新").open()
    with ledger.write() as session:
        session.execute(update(Station).where(Station.code == "LY").values(is_local=False))
    init_station(ledger, code="TS", name="泰顺县应急管理局", county="泰顺县", doc_prefix="泰")
    add_unit(
        ledger,
        UnitInput(name="泰顺县城关加油站", industry="危险化学品", village="罗阳镇城东社区"),
    )
    today = ledger.today()
    for days, description, location, level in (
        (20, "卸油区静电接地装置损坏", "卸油区", HazardLevel.MAJOR),
        (12, "站房配电箱未上锁", "站房", HazardLevel.GENERAL),
        (3, "消防沙池沙量不足", "加油区", HazardLevel.GENERAL),
    ):
        code = hazards.record_hazard(
            ledger,
            hazards.NewHazard(
                unit="泰顺县城关加油站",
                description=description,
                location=location,
                level=level,
                found_on=today - dt.timedelta(days=days),
                inspector="陈立新",
            ),
        )
        if days > 10:
            hazards.assign_hazard(
                ledger,
                code,
                responsible="周建国",
                deadline=today + dt.timedelta(days=days - 15),
                on=today - dt.timedelta(days=days - 1),
            )
    return ledger


def shoot_county(data: Path, settle, save) -> None:  # type: ignore[no-untyped-def]
    """The county ledger: the 站点 column and choice, an imported hazard selected (its steps
    greyed, the 来源 line in the detail), and the overview with its line per station."""
    from hazard_ledger.ui.main_window import MainWindow

    ledger = county_ledger(data)
    window = MainWindow(ledger)
    window.resize(1400, 860)
    window.move(20, 20)
    window.show()
    settle(800)
    imported = next(
        i for i, r in enumerate(window.model.rows) if r.station_code == "LY" and r.overdue_days
    )
    window.table.selectRow(imported)
    save(window, "county.png")
    window.tabs.setCurrentWidget(window.overview_tab)
    save(window, "county-overview.png")
    window.close()


if __name__ == "__main__":
    main()

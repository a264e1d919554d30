"""Two settings pages: 闭环时限 (the 3030 profile: response, closure and verification limits per
level) and 节假日 (the years the working-day calendar knows, and adding a year's schedule)."""

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.calendar import parse_days
from hazard_ledger.domain.clocks import DEFAULT_PROFILE, ClosureProfile, Limit, LimitUnit
from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.errors import LedgerError, ValidationError
from hazard_ledger.domain.validation import required_text
from hazard_ledger.services.calendar import (
    calendar_years,
    remove_calendar_year,
    save_calendar_year,
)
from hazard_ledger.services.closure_profile import load_profile, save_profile
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.errors import show_user_error
from hazard_ledger.ui.widgets import text_area

NOTE_STYLE = "color: #475467;"
# (field, label, which limit of the profile) in the order the page shows them.
LIMIT_ROWS = (
    ("response_major", "响应时限（重大）", "response", HazardLevel.MAJOR),
    ("response_general", "响应时限（一般）", "response", HazardLevel.GENERAL),
    ("closure_major", "闭环时限（重大）", "closure", HazardLevel.MAJOR),
    ("closure_general", "闭环时限（一般）", "closure", HazardLevel.GENERAL),
    ("verification", "复查时限（报告整改完成后）", "verification", None),
)


class LimitEdit(QWidget):
    """An amount and its unit (分钟 / 天 / 工作日)."""

    def __init__(self, limit: Limit, minutes: bool) -> None:
        super().__init__()
        self.amount = QSpinBox()
        self.amount.setRange(1, 10080)
        self.unit = QComboBox()
        for unit in LimitUnit:
            if unit is not LimitUnit.MINUTES or minutes:
                self.unit.addItem(unit.label, unit.value)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.amount)
        layout.addWidget(self.unit)
        layout.addStretch()
        self.show_limit(limit)

    def show_limit(self, limit: Limit) -> None:
        self.amount.setValue(limit.amount)
        self.unit.setCurrentIndex(max(0, self.unit.findData(limit.unit.value)))

    def limit(self, field: str) -> Limit:
        try:
            return Limit(self.amount.value(), LimitUnit(self.unit.currentData()))
        except ValidationError as error:
            raise ValidationError(error.message, field=field) from None


class ProfileSettings:
    """The 闭环时限 page; ``checked()`` gives the profile to save (errors beside the rows)."""

    def __init__(self, dialog: FormDialog, form: QFormLayout, ledger: Ledger) -> None:
        self.ledger = ledger
        profile = load_profile(ledger)
        self.name = dialog.add_row("方案名称", QLineEdit(profile.name), "profile_name", form)
        self.edits: dict[str, LimitEdit] = {}
        for field, label, part, level in LIMIT_ROWS:
            limit = _limit_of(profile, part, level)
            self.edits[field] = dialog.add_row(
                label, LimitEdit(limit, minutes=part == "response"), field, form
            )
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setStyleSheet(NOTE_STYLE)
        dialog.add_row("来源", self.source, None, form)
        reset = QPushButton("恢复默认（3030）")
        reset.clicked.connect(lambda: self.show_profile(DEFAULT_PROFILE))
        dialog.add_row("", reset, None, form)
        dialog.add_row(
            "",
            _note("时限改变后，所有隐患的响应、闭环、复查时钟按新方案重新计算；日期不会被改动。"),
            None,
            form,
        )
        self.show_profile(profile)

    def show_profile(self, profile: ClosureProfile) -> None:
        self.name.setText(profile.name)
        for field, _label, part, level in LIMIT_ROWS:
            self.edits[field].show_limit(_limit_of(profile, part, level))
        self.source.setText(profile.source)
        self.shown = profile

    def checked(self) -> ClosureProfile:
        limits = {field: edit.limit(field) for field, edit in self.edits.items()}
        return ClosureProfile(
            name=required_text(
                self.name.text(), field="profile_name", label="时限方案名称", max_length=30
            ),
            source=self.shown.source,
            response={lvl: limits[f"response_{lvl.value}"] for lvl in HazardLevel},
            closure={lvl: limits[f"closure_{lvl.value}"] for lvl in HazardLevel},
            verification=limits["verification"],
        )

    def save(self, profile: ClosureProfile) -> None:
        if profile != load_profile(self.ledger):
            save_profile(self.ledger, profile)


def _limit_of(profile: ClosureProfile, part: str, level: HazardLevel | None) -> Limit:
    if level is None:
        return profile.verification
    return getattr(profile, part)[level]


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


class CalendarPage(QWidget):
    """The 节假日 page: years with a schedule (shipped or added), add or replace a year, remove
    an added one. Changes are saved at once (they are not part of the dialog's OK)."""

    def __init__(self, ledger: Ledger) -> None:
        super().__init__()
        self.ledger = ledger
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["年份", "来源", "节假日（天）", "调休上班（天）"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(1, 200)
        add = QPushButton("添加或修改年份…")
        add.clicked.connect(self.add_year)
        self.remove = QPushButton("删除所选（仅限自行添加的）")
        self.remove.clicked.connect(self.remove_year)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(
            _note(
                "按工作日计算期限时，跳过法定节假日并计入调休上班日。程序自带国务院办公厅公布的"
                "放假安排；新一年的安排公布后，可在此添加（也可修正某一年）。没有安排的年份按"
                "周一至周五计算，并会提示。"
            )
        )
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        years = calendar_years(self.ledger)
        self.table.setRowCount(len(years))
        for row, year in enumerate(years):
            values = (str(year.year), year.source, str(len(year.holidays)), str(len(year.workdays)))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.years = years

    def add_year(self) -> None:
        latest = self.years[0].year if self.years else self.ledger.today().year
        dialog = CalendarYearDialog(self, self.ledger, latest + 1)
        if dialog.exec():
            self.refresh()

    def remove_year(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        year = self.years[rows[0].row()]
        answer = QMessageBox.question(
            self, "删除节假日安排", f"删除自行添加的 {year.year} 年安排？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            remove_calendar_year(self.ledger, year.year)
        except LedgerError as error:  # a shipped year cannot be removed
            show_user_error(self, error)
        self.refresh()


class CalendarYearDialog(FormDialog):
    """One year's 放假安排: holidays and make-up workdays, typed as dates and ranges."""

    def __init__(self, parent: QWidget | None, ledger: Ledger, year: int) -> None:
        super().__init__(parent, "节假日安排")
        self.ledger = ledger
        self.year = QSpinBox()
        self.year.setRange(1990, 2100)
        self.year.setValue(year)
        self.add_row("年份", self.year, "year")
        self.holidays = self.add_row("放假日期*", text_area(height=90), "holidays")
        self.holidays.setPlaceholderText("如：2027-01-01\n2027-02-06~2027-02-12")
        self.workdays = self.add_row("调休上班日", text_area(height=50), "workdays")
        self.workdays.setPlaceholderText("如：2027-02-14、2027-02-20（须为周六或周日）")
        self.add_row("", _note("日期之间用逗号、顿号或换行分隔；连续几天写作 起~止。"))
        self.year.valueChanged.connect(self._load)
        self._load(year)

    def _load(self, year: int) -> None:
        known = next((y for y in calendar_years(self.ledger) if y.year == year), None)
        self.holidays.setPlainText(
            "\n".join(d.isoformat() for d in known.holidays) if known else ""
        )
        self.workdays.setPlainText(
            "\n".join(d.isoformat() for d in known.workdays) if known else ""
        )

    def save(self) -> None:
        save_calendar_year(
            self.ledger,
            self.year.value(),
            parse_days(self.holidays.toPlainText(), field="holidays", label="放假日期"),
            parse_days(self.workdays.toPlainText(), field="workdays", label="调休上班日"),
        )

"""下发整改通知书 to one unit for some of its 待交办 hazards, chosen from the ledger's selection.

Issuing is the 交办 of every hazard listed, in one transaction with the notice and its number;
the preflight writes the document once first, so nothing is saved if it could not be printed.
"""

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.services.calendar import load_calendar
from hazard_ledger.services.dto import HazardRow, UnitView
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import issue_notice
from hazard_ledger.services.units import list_units
from hazard_ledger.ui.dialogs.form import FormDialog
from hazard_ledger.ui.documents import preflight
from hazard_ledger.ui.widgets import DeadlineChooser, date_edit, date_of, text_area

# As many as a notice can list (services.notices.MAX_ITEMS refuses more, beside the list).
SHOWN = 200


@dataclass(frozen=True, slots=True)
class NoticePlan:
    """What the dialog offers: one unit, its 待交办 hazards, which of them were selected, and
    what of the selection could not go on this notice (said in ``notes``)."""

    unit: UnitView
    candidates: list[HazardRow]
    checked: set[str]
    notes: list[str] = field(default_factory=list)


def plan_notice(
    ledger: Ledger, selected: list[HazardRow], current: HazardRow | None
) -> NoticePlan | None:
    """The notice the selection asks for: the unit of the selected 待交办 hazards (the current
    row's unit when they span several), or of the current row when none is 待交办.
    None when there is nothing to go on."""
    waiting = [h for h in selected if h.status is HazardStatus.DISCOVERED]
    units = list(dict.fromkeys(h.unit for h in waiting))
    if current is not None and current.unit in units:
        unit_name = current.unit
    elif units:
        unit_name = max(units, key=lambda u: sum(h.unit == u for h in waiting))
    elif current is not None or selected:
        unit_name = (current or selected[0]).unit
    else:
        return None
    unit = next(u for u in list_units(ledger, unit_name) if u.name == unit_name)
    candidates = list_hazards(
        ledger,
        HazardFilter(unit=unit.name, status=HazardStatus.DISCOVERED),
        sort="code",
        limit=SHOWN,
    )
    checked = {h.code for h in waiting if h.unit == unit.name}
    listed = {h.code for h in candidates}
    candidates += [h for h in waiting if h.code in checked - listed]  # beyond the first SHOWN
    notes = []
    not_waiting = [h.code for h in selected if h.status is not HazardStatus.DISCOVERED]
    if not_waiting:
        notes.append(
            f"所选的 {len(not_waiting)} 条隐患不是“待交办”状态，不能列入通知书："
            f"{_codes(not_waiting)}。"
        )
    others = [h for h in waiting if h.unit != unit.name]
    if others:
        names = "、".join(dict.fromkeys(h.unit for h in others))
        notes.append(
            f"所选隐患涉及 {len(units)} 个单位，一份通知书只发给一个单位。本次只列“{unit.name}”"
            f"的隐患；{names}的 {len(others)} 条请另行下发。"
        )
    return NoticePlan(unit, candidates, checked, notes)


def _codes(codes: list[str], shown: int = 5) -> str:
    more = f" 等 {len(codes)} 条" if len(codes) > shown else ""
    return "、".join(codes[:shown]) + more


class HazardChecklist(QWidget):
    """The unit's 待交办 hazards, each with a checkbox; 全选 / 全不选."""

    HEADERS = ("编号", "隐患描述", "部位", "等级", "发现日期")

    def __init__(self, hazards: list[HazardRow], checked: set[str]) -> None:
        super().__init__()
        self.hazards = hazards
        self.table = QTableWidget(len(hazards), len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(180)
        for row, hazard in enumerate(hazards):
            values = (
                hazard.code,
                " ".join(hazard.description.split()),
                hazard.location,
                hazard.level.label,
                hazard.found_on.isoformat(),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(hazard.description if column == 1 else "")
                self.table.setItem(row, column, item)
            box = self.table.item(row, 0)
            box.setFlags(box.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            box.setCheckState(
                Qt.CheckState.Checked if hazard.code in checked else Qt.CheckState.Unchecked
            )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._show_count)
        self.count = QLabel()
        every = QPushButton("全选")
        every.clicked.connect(lambda: self.check_all(True))
        none = QPushButton("全不选")
        none.clicked.connect(lambda: self.check_all(False))
        buttons = QHBoxLayout()
        buttons.addWidget(self.count)
        buttons.addStretch()
        buttons.addWidget(every)
        buttons.addWidget(none)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._show_count()

    def check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(state)

    def set_checked(self, code: str, checked: bool) -> None:
        row = next(i for i, h in enumerate(self.hazards) if h.code == code)
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.table.item(row, 0).setCheckState(state)

    def checked(self) -> list[HazardRow]:
        return [
            h
            for row, h in enumerate(self.hazards)
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked
        ]

    def _show_count(self) -> None:
        self.count.setText(f"已选 {len(self.checked())} / {len(self.hazards)} 条")


class IssueNoticeDialog(FormDialog):
    """下发整改通知书: the hazards, one deadline for all, requirement, responsible person,
    the inspection (who, where, when) and the issue date."""

    def __init__(
        self, parent: QWidget | None, ledger: Ledger, plan: NoticePlan, inspectors: str = ""
    ) -> None:
        super().__init__(parent, f"下发整改通知书 — {plan.unit.name}")
        self.setMinimumWidth(720)
        self.ledger, self.plan = ledger, plan
        self.number = ""
        today = ledger.today()
        if plan.notes:
            notes = QLabel("\n".join(plan.notes))
            notes.setObjectName("selection_notes")
            notes.setWordWrap(True)
            notes.setStyleSheet(
                "background: #fff3cd; color: #7a4d00; padding: 6px; border-radius: 3px;"
            )
            self.body.insertWidget(0, notes)
        unit = QLabel(plan.unit.name)
        unit.setStyleSheet("font-weight: bold;")
        self.add_row("被检查单位", unit)
        self.hazards = self.add_row(
            "列入的隐患*", HazardChecklist(plan.candidates, plan.checked), "hazards"
        )
        self.requirement = self.add_row("整改要求", text_area(height=56), "requirement")
        self.requirement.setPlaceholderText("留空则沿用每条隐患登记时的整改要求")
        self.responsible = self.add_row("整改责任人*", QLineEdit(plan.unit.contact), "responsible")
        self.inspectors = self.add_row(
            "检查人员", QLineEdit(inspectors or ledger.operator), "inspectors"
        )
        self.place = self.add_row("检查地点", QLineEdit(plan.unit.address), "inspected_place")
        found = [h.found_on for h in plan.candidates if h.code in plan.checked]
        self.inspected_on = self.add_row(
            "检查日期", date_edit(max(found) if found else today), "inspected_on"
        )
        self.issued_on = self.add_row("下发日期", date_edit(today), "issued_on")
        # One deadline for every hazard listed; N days count from the issue date.
        self.due = self.add_row(
            "整改期限*", DeadlineChooser(self.issued_on, load_calendar(ledger)), "deadline"
        )
        self.errors["within"] = self.errors["deadline"]
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("下发")

    def save(self) -> None:
        self.number = issue_notice(
            self.ledger,
            unit=self.plan.unit.name,
            codes=[h.code for h in self.hazards.checked()],
            deadline=self.due.chosen(),
            requirement=self.requirement.toPlainText(),
            responsible=self.responsible.text(),
            issued_on=date_of(self.issued_on),
            inspected_on=date_of(self.inspected_on),
            inspected_place=self.place.text(),
            inspectors=self.inspectors.text(),
            preflight=preflight(self.ledger),
        )


def issue_from_selection(
    parent: QWidget | None, ledger: Ledger, selected: list[HazardRow], current: HazardRow | None
) -> str | None:
    """Open the dialog for the selection; the number of the notice issued, or None."""
    plan = plan_notice(ledger, selected, current)
    if plan is None:
        return None
    if not plan.candidates:
        QMessageBox.information(
            parent,
            "下发整改通知书",
            "\n".join([*plan.notes, f"“{plan.unit.name}”没有待交办的隐患，无需下发整改通知书。"]),
        )
        return None
    dialog = IssueNoticeDialog(parent, ledger, plan)
    return dialog.number if dialog.exec() else None

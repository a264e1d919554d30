"""今日提醒: shown once the window is up (queried in the background, never blocking start-up):
hazards under 挂牌督办 with their supervision deadlines, then overdue, falling due, 复查 overdue
and closure clock exceeded — listed hazards first in every list. Double-click (or 打开) shows a
hazard in the ledger; the dialog stays open to work down the list. "今天不再提醒" keeps it from
opening again at start the same day (the 提醒 button still opens it)."""

import datetime as dt
import hashlib
from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.clocks import ClosureProfile
from hazard_ledger.domain.supervision import SupervisionStatus
from hazard_ledger.paths import log_file
from hazard_ledger.services.closure_profile import load_profile
from hazard_ledger.services.dto import HazardRow
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.reminders import Reminders, reminders
from hazard_ledger.ui.clock_text import closure_text, days_left_text
from hazard_ledger.ui.errors import report_error
from hazard_ledger.ui.models.hazard_table import supervision_badge
from hazard_ledger.ui.worker import Worker, run_in_background

COLUMNS = ["编号", "单位", "隐患描述", "期限", "情况"]
CODE_ROLE = Qt.ItemDataRole.UserRole


def _dismiss_key(ledger: Ledger) -> str:
    """One key per ledger (the demo's dismissal is not the real ledger's)."""
    folder = hashlib.sha1(str(ledger.data_dir).encode("utf-8")).hexdigest()[:12]
    return f"reminders/dismissed-{folder}"


def dismissed_today(ledger: Ledger) -> bool:
    return QSettings().value(_dismiss_key(ledger), "") == ledger.today().isoformat()


Entry = tuple[HazardRow, str, str]  # the hazard, the deadline concerned, what is the matter


def _sections(found: Reminders, today: dt.date) -> list[tuple[str, list[Entry]]]:
    """Each list with, per hazard, the deadline it is about and what is the matter."""

    def supervised(row: HazardRow) -> Entry:
        status = SupervisionStatus(row.supervision).label
        left = days_left_text(row.supervision_deadline, today)
        return row, f"督办 {row.supervision_deadline or ''}", f"{left}（{status}）"

    def overdue(row: HazardRow) -> Entry:
        return row, str(row.deadline or ""), f"逾期 {row.overdue_days} 天"

    def due_soon(row: HazardRow) -> Entry:
        return row, str(row.deadline or ""), days_left_text(row.deadline, today)

    def verification(row: HazardRow) -> Entry:
        due = row.clocks.verification_due
        late = f"已超 {(today - due).days} 天" if due else ""
        return row, f"复查 {due or ''}", f"复查超期，{late}"

    def closure(row: HazardRow) -> Entry:
        return row, f"闭环 {row.clocks.closure_due or ''}", f"闭环{closure_text(row.clocks)}"

    return [
        ("挂牌督办", [supervised(r) for r in found.supervised]),
        ("逾期未整改", [overdue(r) for r in found.overdue]),
        (f"临期（{found.due_soon_days} 天内到期）", [due_soon(r) for r in found.due_soon]),
        ("复查超期", [verification(r) for r in found.verification_overdue]),
        ("闭环超期", [closure(r) for r in found.closure_exceeded]),
    ]


class RemindersDialog(QDialog):
    open_hazard = Signal(str)

    def __init__(
        self, parent: QWidget | None, ledger: Ledger, found: Reminders, profile: str = ""
    ) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.setWindowTitle("今日提醒")
        self.setModal(False)
        today = ledger.today()
        sections = [(title, rows) for title, rows in _sections(found, today) if rows]
        counts = "、".join(f"{title.split('（')[0]} {len(rows)} 条" for title, rows in sections)
        self.heading = QLabel(f"{today.isoformat()}　需要关注：{counts}")
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-weight: bold;")
        self.tree = QTreeWidget()
        self.tree.setObjectName("reminders")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        for column, width in enumerate((150, 180, 260, 130)):
            self.tree.setColumnWidth(column, width)
        for title, rows in sections:
            group = QTreeWidgetItem([f"{title}（{len(rows)}）"])
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            group.setFirstColumnSpanned(True)  # only once in the tree
            for row, deadline, matter in rows:
                description = " ".join(row.description.split())
                item = QTreeWidgetItem([row.code, row.unit, description, deadline, matter])
                item.setData(0, CODE_ROLE, row.code)
                item.setToolTip(2, row.description)
                if row.listed:
                    item.setIcon(0, supervision_badge())
                group.addChild(item)
            group.setExpanded(True)
        self.tree.itemDoubleClicked.connect(lambda item, _column: self._open(item))
        self.tree.currentItemChanged.connect(lambda item, _p: self._current(item))
        self.quiet = QCheckBox("今天不再提醒")
        self.quiet.setChecked(dismissed_today(ledger))
        self.quiet.toggled.connect(self._remember)
        self.open_button = QPushButton("打开")
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(lambda: self._open(self.tree.currentItem()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        note = QLabel("双击一条打开该隐患；本窗口可一直开着，逐条处理。")
        note.setStyleSheet("color: #475467;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        if profile:
            self.profile = QLabel(f"时限按 {profile}")
            self.profile.setWordWrap(True)
            self.profile.setStyleSheet("color: #475467;")
            layout.addWidget(self.profile)
        layout.addWidget(self.tree, 1)
        layout.addWidget(note)
        layout.addWidget(self.quiet)
        layout.addWidget(buttons)
        self.resize(1000, 560)

    def codes(self) -> list[tuple[str, list[str]]]:
        """Each section's title and its hazards' codes, in the order shown."""
        result = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            title = group.text(0).split("（")[0]
            result.append((title, [group.child(j).text(0) for j in range(group.childCount())]))
        return result

    def _current(self, item: QTreeWidgetItem | None) -> None:
        self.open_button.setEnabled(item is not None and item.data(0, CODE_ROLE) is not None)

    def _open(self, item: QTreeWidgetItem | None) -> None:
        code = item.data(0, CODE_ROLE) if item is not None else None
        if code:
            self.open_hazard.emit(code)

    def _remember(self) -> None:
        """Store the choice at once: the dialog may simply be left open when the window closes."""
        settings = QSettings()
        if self.quiet.isChecked():
            settings.setValue(_dismiss_key(self.ledger), self.ledger.today().isoformat())
        else:
            settings.remove(_dismiss_key(self.ledger))


class ReminderLauncher:
    """Queries the reminders on a worker and shows them; keeps the open dialog."""

    def __init__(
        self,
        parent: QWidget,
        ledger: Ledger,
        due_soon_days: int,
        open_hazard: Callable[[str], None],
    ) -> None:
        self.parent, self.ledger, self.due_soon_days = parent, ledger, due_soon_days
        self.open_hazard = open_hazard
        self.dialog: RemindersDialog | None = None
        self.worker: Worker | None = None

    def start(self, force: bool = False) -> Worker | None:
        """Look for reminders; at start (``force`` False) not after "今天不再提醒", and silent
        when there is nothing to remind; from the 提醒 button always, saying so when empty."""
        if not force and dismissed_today(self.ledger):
            return None
        self.worker = run_in_background(
            lambda: (reminders(self.ledger, self.due_soon_days), load_profile(self.ledger)),
            lambda found: self._show(*found, force=force),
            lambda error: report_error(self.parent, error, log_file(self.ledger.data_dir)),
        )
        return self.worker

    def close(self) -> None:
        """Close the reminders shown (the window is closing)."""
        if self.dialog is not None:
            self.dialog.close()

    def _show(self, found: Reminders, profile: ClosureProfile, force: bool) -> None:
        self.worker = None
        if found.empty:
            if force:
                QMessageBox.information(
                    self.parent, "今日提醒", "没有逾期、临期、超期或挂牌督办的隐患。"
                )
            return
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = RemindersDialog(self.parent, self.ledger, found, profile.summary())
        self.dialog.open_hazard.connect(self.open_hazard)
        self.dialog.show()

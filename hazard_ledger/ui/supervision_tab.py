"""挂牌督办: the hazards under listed supervision, soonest supervision deadline first, with the
selected one's listing, 五落实 plan, progress reports (photo thumbnails) and acceptance; its
steps from the 办理 menu; double-click opens the hazard in the ledger."""

import html

from PySide6.QtCore import QItemSelection, Qt, QUrl, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.services.dto import HazardDetail
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards, show_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.supervision import get_supervision
from hazard_ledger.ui.clock_text import MUTED
from hazard_ledger.ui.hazard_steps import SUPERVISION, offers, step_dialog
from hazard_ledger.ui.models.supervision_table import ListedHazard, SupervisionTableModel
from hazard_ledger.ui.supervision_html import progress_photos, render_supervision
from hazard_ledger.ui.supervision_menu import supervision_button, supervision_tip

COLUMN_WIDTHS = (120, 170, 260, 64, 190, 88, 88, 80, 150)
DESCRIPTION_COLUMN = 2


class SupervisionTab(QWidget):
    open_hazard = Signal(str)
    photo_requested = Signal(str)
    hazards_changed = Signal()  # a step here changed a hazard the ledger shows

    def __init__(self, ledger: Ledger, due_soon_days: int = 3) -> None:
        super().__init__()
        self.ledger, self.due_soon_days = ledger, due_soon_days
        self.shown: HazardDetail | None = None
        self.model = SupervisionTableModel(due_soon_days)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(DESCRIPTION_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._clicked)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([180, 580])
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(splitter, 1)
        self._show(None)

    def _toolbar(self) -> QHBoxLayout:
        self.summary = QLabel()
        self.summary.setObjectName("supervision_summary")
        self.open_button = QPushButton("在台账中打开")
        self.open_button.clicked.connect(self.open_selected)
        self.step_actions: dict[str, QAction] = {}
        self.steps_button = supervision_button(self, self.step_actions)
        self.steps_button.setText("办理")
        for name in SUPERVISION:
            self.step_actions[name].triggered.connect(lambda _c=False, s=name: self.step(s))
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.steps_button)
        row.addWidget(self.open_button)
        return row

    # -- list --------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Query the listed hazards again, keeping the selection."""
        code = self.shown.code if self.shown else None
        today = self.ledger.today()
        rows = []
        for hazard in list_hazards(self.ledger, HazardFilter(supervised=True)):
            supervision = get_supervision(self.ledger, hazard.code)
            if supervision is not None:
                rows.append(ListedHazard(hazard, supervision))
        self.model.set_rows(rows, today)
        late = sum(1 for r in rows if (self.model.days_left(r) or 0) < 0)
        self.summary.setText(
            f"挂牌督办中 {len(rows)} 条"
            + (f"，其中超过督办期限 {late} 条" if late else "")
            + "　（按督办期限排列；双击在台账中打开）"
        )
        self.select(code)

    def select(self, code: str | None) -> None:
        row = self.model.row_of(code) if code else None
        if row is None:
            self.table.clearSelection()
            self._show(None)
        else:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def selected(self) -> ListedHazard | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = self.selected()
        self._show(show_hazard(self.ledger, chosen.hazard.code) if chosen else None)

    def _show(self, detail: HazardDetail | None) -> None:
        self.shown = detail
        self.detail.setHtml(self._render(detail))
        self.open_button.setEnabled(detail is not None)
        for name, offer in offers(detail).items():
            if name in self.step_actions:
                action = self.step_actions[name]
                action.setEnabled(offer.enabled)
                action.setToolTip(offer.why_not or action.text().rstrip("…"))
        self.steps_button.setEnabled(detail is not None)
        self.steps_button.setToolTip(supervision_tip(detail, self.step_actions))

    def _render(self, detail: HazardDetail | None) -> str:
        if detail is None or detail.supervision is None:
            text = "选择一条挂牌督办的隐患查看挂牌、五落实、整改进展与验收。"
            if not self.model.rows:
                text = "目前没有挂牌督办中的隐患。重大事故隐患可在台账中选中后用“挂牌督办”挂牌。"
            return f"<p style='color:{MUTED}'>{html.escape(text)}</p>"
        e = html.escape
        by_report, _others = progress_photos(detail)
        head = (
            f"<h3>{e(detail.code)}　{e(detail.unit)}</h3>"
            f"<p>{e(detail.description)}<br><span style='color:{MUTED}'>"
            f"隐患状态：{e(detail.status.label)}"
            + (f"；整改责任人：{e(detail.responsible)}" if detail.responsible else "")
            + "</span></p>"
        )
        today = self.ledger.today()
        return head + render_supervision(
            detail.supervision, today, self.due_soon_days, by_report, side_by_side=True
        )

    # -- steps -------------------------------------------------------------------------------
    def open_selected(self) -> None:
        if self.shown is not None:
            self.open_hazard.emit(self.shown.code)

    def step(self, name: str) -> None:
        detail = self.shown
        dialog = step_dialog(name, self, self.ledger, detail) if detail else None
        if dialog is not None and dialog.exec():
            self.hazards_changed.emit()
            self.refresh()

    def _clicked(self, url: QUrl) -> None:
        if url.scheme() == "photo":
            self.photo_requested.emit(url.path())

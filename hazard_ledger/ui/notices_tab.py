"""文书: the notices and reviews issued, with search by number or unit, and what can be done to
the selected one: preview and (re)print, 送达回证, 登记送达, 作废, 出具复查意见书."""

import html

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import NoticeView, list_notices
from hazard_ledger.ui.dialogs.notice_steps import (
    ReviewDialog,
    ServeDialog,
    VoidNoticeDialog,
    void_summary,
)
from hazard_ledger.ui.dialogs.pdf_preview import PdfPreviewDialog
from hazard_ledger.ui.documents import preview_notice, preview_receipt
from hazard_ledger.ui.models.notice_table import NoticeTableModel, served_text, status_text

RESULTS = {"pass": "合格", "fail": "不合格"}
COLUMN_WIDTHS = (210, 140, 260, 90, 56, 250, 70)
UNIT_COLUMN = 2


class NoticesTab(QWidget):
    hazards_changed = Signal()  # voiding a notice may withdraw its hazards' 交办

    def __init__(self, ledger: Ledger) -> None:
        super().__init__()
        self.ledger = ledger
        self.last_preview: PdfPreviewDialog | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("按文号或单位名称查找")
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)  # wait for a pause in typing, as the ledger's filter does
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._timer.start)
        self.model = NoticeTableModel()
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
        header.setSectionResizeMode(UNIT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.preview())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = QTextBrowser()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([460, 300])
        layout = QVBoxLayout(self)
        layout.addLayout(self._toolbar())
        layout.addWidget(splitter, 1)
        self._update_buttons()

    def _toolbar(self) -> QHBoxLayout:
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        for name, text, slot in (
            ("preview", "预览/打印", self.preview),
            ("receipt", "送达回证", self.receipt),
            ("serve", "登记送达…", self.serve),
            ("void", "作废…", self.void),
            ("review", "出具复查意见书…", self.review),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
        return row

    # -- list --------------------------------------------------------------------------------
    def refresh(self) -> None:
        number = self.selected().number if self.selected() else None
        self.model.set_notices(list_notices(self.ledger, self.search.text()))
        self.select(number)

    def select(self, number: str | None) -> None:
        row = self.model.row_of(number) if number else None
        if row is None:
            self.table.clearSelection()
            self._show(None)
        else:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def selected(self) -> NoticeView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.notice_at(rows[0].row()) if rows else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show(self.selected())

    def _show(self, notice: NoticeView | None) -> None:
        self.detail.setHtml(_render(notice))
        self._update_buttons()

    def _update_buttons(self) -> None:
        notice = self.selected()
        valid = notice is not None and notice.status != "voided"
        served = notice is not None and notice.served_on is not None
        rectification = notice is not None and notice.kind == "rectification"
        # An imported station's documents are read here, never changed (its chain is its own).
        ours = notice is None or notice.station_local
        self.buttons["preview"].setEnabled(notice is not None)
        self.buttons["receipt"].setEnabled(valid)
        self.buttons["serve"].setEnabled(valid and not served and ours)
        self.buttons["void"].setEnabled(valid and ours)
        self.buttons["review"].setEnabled(valid and rectification and ours)
        why = "" if ours else "该文书属于导入的站点，在本台账中只读"
        for name in ("serve", "void", "review"):
            self.buttons[name].setToolTip(why)

    # -- actions -----------------------------------------------------------------------------
    def preview(self) -> None:
        """Preview, print or save the selected document: the same number and content as when
        it was issued."""
        notice = self.selected()
        if notice is not None:
            self.last_preview = preview_notice(self, self.ledger, notice.uuid, notice.number)

    def receipt(self) -> None:
        notice = self.selected()
        if notice is not None:
            self.last_preview = preview_receipt(self, self.ledger, notice.uuid, notice.number)

    def serve(self) -> None:
        notice = self.selected()
        if notice is not None and ServeDialog(self, self.ledger, notice).exec():
            self.refresh()

    def void(self) -> None:
        notice = self.selected()
        if notice is None:
            return
        dialog = VoidNoticeDialog(self, self.ledger, notice)
        if dialog.exec() and dialog.result_ is not None:
            self.refresh()
            self.hazards_changed.emit()
            QMessageBox.information(self, "已作废", void_summary(notice.number, dialog.result_))

    def review(self) -> None:
        notice = self.selected()
        if notice is None:
            return
        dialog = ReviewDialog(self, self.ledger, notice)
        if dialog.exec():
            self.search.blockSignals(True)
            self.search.clear()  # the new review must be in the list to be selected
            self.search.blockSignals(False)
            self.refresh()
            self.select(dialog.number)
            self.last_preview = preview_notice(self, self.ledger, dialog.number)


def _render(notice: NoticeView | None) -> str:
    if notice is None:
        return "<p style='color:#667085'>在上方选择一份文书查看所列隐患；双击预览、打印。</p>"
    e = html.escape
    facts = [
        ("文号", notice.number),
        ("被检查单位", notice.unit),
        ("下发日期", notice.issued_on.isoformat()),
        ("检查人员", notice.inspectors),
        ("检查地点", notice.inspected_place),
        ("送达", served_text(notice)),
        ("状态", status_text(notice) + (f"（{notice.void_reason}）" if notice.void_reason else "")),
    ]
    if notice.refers_to_number:
        facts.insert(1, ("复查的通知书", notice.refers_to_number))
    head = "".join(
        f"<tr><td style='color:#475467;padding-right:10px'>{e(k)}</td><td>{e(v)}</td></tr>"
        for k, v in facts
        if v
    )
    review = notice.kind == "review"
    columns = ["序号", "编号", "隐患描述", "复查意见" if review else "整改要求", "期限"]
    columns += ["复查结论"] if review else []
    lines = "".join(
        "<tr>"
        + "".join(
            f"<td valign='top'>{e(value)}</td>"
            for value in [
                str(i),
                line.code,
                line.description,
                line.requirement,
                line.deadline.isoformat() if line.deadline else "",
                *([RESULTS.get(line.result, "")] if review else []),
            ]
        )
        + "</tr>"
        for i, line in enumerate(notice.lines, start=1)
    )
    heads = "".join(f"<th align='left'>{e(c)}</th>" for c in columns)
    return (
        f"<h3>{e(notice.title)}</h3><table>{head}</table>"
        "<table cellspacing='0' cellpadding='4'>"
        f"<tr style='background:#f2f4f7'>{heads}</tr>{lines}</table>"
    )

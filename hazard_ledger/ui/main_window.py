"""The ledger window station staff work in all day."""

from PySide6.QtCore import QByteArray, QItemSelection, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.paths import log_file
from hazard_ledger.services import maintenance
from hazard_ledger.services.dto import HazardRow
from hazard_ledger.services.hazard_queries import HazardFilter, filter_choices, show_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences
from hazard_ledger.services.stations import get_local_station, list_stations
from hazard_ledger.ui.dialogs.hazard_form import HazardDialog
from hazard_ledger.ui.dialogs.issue_notice import issue_from_selection
from hazard_ledger.ui.dialogs.pdf_preview import PdfPreviewDialog, preview_document
from hazard_ledger.ui.dialogs.settings import SettingsDialog
from hazard_ledger.ui.documents import (
    ledger_writer,
    preview_notice,
    sheet_writer,
    supervision_writer,
)
from hazard_ledger.ui.errors import report_error
from hazard_ledger.ui.filter_bar import FilterBar
from hazard_ledger.ui.hazard_detail import HazardDetailView, PhotoDialog
from hazard_ledger.ui.hazard_steps import SUPERVISION, notice_offer, offers, step_dialog
from hazard_ledger.ui.ledger_view import HEADER_STATE_KEY, LedgerTableView
from hazard_ledger.ui.models.hazard_table import HazardTableModel
from hazard_ledger.ui.notices_tab import NoticesTab
from hazard_ledger.ui.overview_tab import OverviewTab
from hazard_ledger.ui.print_menu import print_button, update_print_actions
from hazard_ledger.ui.reminders import ReminderLauncher
from hazard_ledger.ui.supervision_menu import supervision_button, supervision_tip
from hazard_ledger.ui.supervision_tab import SupervisionTab
from hazard_ledger.ui.sync_actions import SyncActions, sync_button
from hazard_ledger.ui.units_tab import UnitsTab
from hazard_ledger.ui.worker import run_with_progress


class MainWindow(QMainWindow):
    def __init__(self, ledger: Ledger) -> None:
        super().__init__()
        self.ledger = ledger
        self.preferences = load_preferences(ledger)
        self.filter_bar = FilterBar(self.preferences.due_soon_days)
        self.model = HazardTableModel(ledger, self.preferences.due_soon_days)
        self.table = LedgerTableView(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _i: self.detail.setFocus())
        self.detail = HazardDetailView(ledger.today, self.preferences.due_soon_days)
        self.detail.photo_requested.connect(lambda path: PhotoDialog(self, path).exec())
        self.counts = QLabel()
        self.counts.setObjectName("status_counts")
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1040, 350])
        self.splitter = splitter
        ledger_page = QWidget()
        layout = QVBoxLayout(ledger_page)
        layout.addWidget(self.filter_bar)
        counts_row = QHBoxLayout()
        counts_row.addWidget(self.counts)
        counts_row.addStretch()
        layout.addLayout(counts_row)
        layout.addWidget(splitter, 1)
        self.units_tab = UnitsTab(ledger)
        self.units_tab.units_changed.connect(self.refresh)
        self.overview_tab = OverviewTab(ledger, self.preferences.due_soon_days)
        self.overview_tab.open_hazard.connect(self.open_hazard)
        self.supervision_tab = SupervisionTab(ledger, self.preferences.due_soon_days)
        self.supervision_tab.open_hazard.connect(self.open_hazard)
        self.supervision_tab.photo_requested.connect(lambda p: PhotoDialog(self, p).exec())
        self.supervision_tab.hazards_changed.connect(self._ledger_changed_elsewhere)
        self.notices_tab = NoticesTab(ledger)
        self.notices_tab.hazards_changed.connect(self._ledger_changed_elsewhere)
        self.ledger_stale = False
        self.last_preview: PdfPreviewDialog | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(ledger_page, "隐患台账")
        self.tabs.addTab(self.supervision_tab, "挂牌督办")
        self.tabs.addTab(self.notices_tab, "文书")
        self.tabs.addTab(self.units_tab, "单位")
        self.tabs.addTab(self.overview_tab, "总览")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.setCentralWidget(self.tabs)
        self.reminders = ReminderLauncher(
            self, ledger, self.preferences.due_soon_days, self.open_hazard
        )
        self._make_actions()
        self.filter_bar.changed.connect(self._filters_changed)
        self._show_station()
        self.resize(1400, 860)
        self._restore_layout()
        self.refresh()

    # -- actions -----------------------------------------------------------------------------
    def _make_actions(self) -> None:
        bar = self.addToolBar("操作")
        bar.setObjectName("actions")
        bar.setMovable(False)
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, shortcut, slot in (
            ("new", "新建隐患", QKeySequence.StandardKey.New, self.new_hazard),
            ("assign", "交办", None, lambda: self.step("assign")),
            ("rectify", "整改完成", None, lambda: self.step("rectify")),
            ("verify", "复查", None, lambda: self.step("verify")),
            ("extension_request", "申请延期", None, lambda: self.step("extension_request")),
            ("extension_decide", "审批延期", None, lambda: self.step("extension_decide")),
            ("edit", "修改", None, self.edit_hazard),
            ("void", "作废", None, lambda: self.step("void")),
            ("supervision", "挂牌督办", None, None),
            ("notice", "下发通知书", None, self.issue_notice),
            ("print", "打印", None, None),
            ("sync", "报送", None, None),
            ("refresh", "刷新", QKeySequence(Qt.Key.Key_F5), self.refresh),
            ("reminders", "提醒", None, lambda: self.reminders.start(force=True)),
            ("search", "搜索", QKeySequence.StandardKey.Find, self.focus_search),
            ("backup", "备份", None, self.backup),
            ("settings", "设置", None, self.open_settings),
        ):
            if name == "print":
                self.print_button = print_button(
                    self,
                    self.actions_by_name,
                    {
                        "print_ledger": self.print_ledger,
                        "print_sheet": lambda: self._print_hazard(sheet_writer, "隐患档案"),
                        "print_listing": lambda: self._print_supervision(form=False),
                        "print_form": lambda: self._print_supervision(form=True),
                    },
                )
                bar.addWidget(self.print_button)
                continue
            if name == "sync":
                self.sync = SyncActions(self, self.ledger, self.refresh)
                bar.addWidget(sync_button(self, self.actions_by_name, self.sync))
                continue
            if slot is None:
                self.supervision_button = supervision_button(self, self.actions_by_name)
                for step in SUPERVISION:
                    self.actions_by_name[step].triggered.connect(
                        lambda _c=False, s=step: self.step(s)
                    )
                bar.addWidget(self.supervision_button)
                continue
            action = QAction(text, self)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(slot)
            self.actions_by_name[name] = action
            if name not in ("search",):
                bar.addAction(action)
            self.addAction(action)
        self._update_actions()

    def selected_code(self) -> str | None:
        """The hazard the detail pane shows: the current row if selected, else the first one."""
        current = self.table.currentIndex()
        selection = self.table.selectionModel()
        if current.isValid() and selection.isRowSelected(current.row()):
            row = self.model.row_at(current.row())
        else:
            rows = selection.selectedRows()
            row = self.model.row_at(rows[0].row()) if rows else None
        return row.code if row else None

    def selected_rows(self) -> list[HazardRow]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [hazard for i in rows if (hazard := self.model.row_at(i)) is not None]

    def _update_actions(self) -> None:
        for name, offer in offers(self.detail.detail).items():
            action = self.actions_by_name[name]
            action.setEnabled(offer.enabled)
            action.setToolTip(offer.why_not or action.text().rstrip("…"))
        self.supervision_button.setEnabled(self.detail.detail is not None)
        self.supervision_button.setToolTip(
            supervision_tip(self.detail.detail, self.actions_by_name)
        )
        notice = notice_offer(self.selected_rows(), self.model.stations)
        self.actions_by_name["notice"].setEnabled(notice.enabled)
        self.actions_by_name["notice"].setToolTip(notice.why_not or "下发通知书")
        update_print_actions(self.detail.detail, self.actions_by_name)

    # -- printing ----------------------------------------------------------------------------
    def print_ledger(self) -> PdfPreviewDialog:
        """The ledger as the tab shows it (filters and sort), in the preview."""
        writer = ledger_writer(
            self.ledger, self.filter_bar.filters(), self.model.sort_key, self.model.descending
        )
        name = f"隐患台账 {self.ledger.today().isoformat()}"
        return preview_document(self, "打印台账", writer, name)

    def _print_hazard(self, make, title: str) -> PdfPreviewDialog | None:  # type: ignore[no-untyped-def]
        detail = self.detail.detail
        if detail is None:
            return None
        name = f"{title} {detail.code}"
        return preview_document(self, name, make(self.ledger, detail.code), name)

    def _print_supervision(self, *, form: bool) -> PdfPreviewDialog | None:
        title = "验收销号审批表" if form else "挂牌督办通知书"
        return self._print_hazard(
            lambda ledger, code: supervision_writer(ledger, code, form), title
        )

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        code = self.selected_code()
        self.detail.show_hazard(show_hazard(self.ledger, code) if code else None)
        self._update_actions()

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        """Shift+arrows move the current row after the selection changed: follow it."""
        shown = self.detail.detail.code if self.detail.detail else None
        if self.selected_code() != shown:
            self._selection_changed(QItemSelection(), QItemSelection())

    def new_hazard(self) -> None:
        dialog = HazardDialog(self, self.ledger, inspector=self.ledger.operator)
        if dialog.exec():
            self.refresh()
            self.open_hazard(dialog.code)

    def edit_hazard(self) -> None:
        if self.detail.detail and HazardDialog(self, self.ledger, self.detail.detail).exec():
            self._after_change(self.detail.detail.code)

    def step(self, name: str) -> None:
        """Open the dialog of step ``name`` for the shown hazard (if the step is offered)."""
        detail = self.detail.detail
        dialog = step_dialog(name, self, self.ledger, detail) if detail else None
        if dialog is not None and detail is not None and dialog.exec():
            self._after_change(detail.code)

    def issue_notice(self) -> None:
        """下发整改通知书 for the selected hazards; then show the new notice."""
        code = self.selected_code()
        current = next((r for r in self.model.rows if r.code == code), None)
        number = issue_from_selection(self, self.ledger, self.selected_rows(), current)
        if number is None:
            return
        self.refresh()
        self.last_preview = preview_notice(self, self.ledger, number)

    def _ledger_changed_elsewhere(self) -> None:
        """Hazards changed from another tab: requery when the ledger is shown again."""
        self.ledger_stale = True

    def _after_change(self, code: str) -> None:
        self.refresh()
        self.open_hazard(code)

    def open_hazard(self, code: str) -> None:
        """Show ``code`` in the ledger tab, selecting its row when the current filter shows it."""
        self.tabs.setCurrentIndex(0)
        for row, hazard in enumerate(self.model.rows):
            if hazard.code == code:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
                return
        self.table.clearSelection()
        self.detail.show_hazard(show_hazard(self.ledger, code))
        self._update_actions()

    def _filters_changed(self, filters: HazardFilter) -> None:
        code = self.selected_code()
        self.model.reload(filters)
        self._show_counts()
        self._reselect(code)

    def _reselect(self, code: str | None) -> None:
        """Keep ``code`` selected if the list still shows it; otherwise show nothing."""
        row = next((i for i, r in enumerate(self.model.rows) if r.code == code), None)
        if row is None:
            self.table.clearSelection()
            self.detail.show_hazard(None)
            self._update_actions()
        else:
            self.table.selectRow(row)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def refresh(self) -> None:
        self.ledger_stale = False
        choices = filter_choices(self.ledger)
        self.filter_bar.set_choices(choices["industries"], choices["villages"])
        stations = list_stations(self.ledger)  # a county ledger holds several
        self.filter_bar.set_stations(stations)
        self.table.set_stations(stations)
        code = self.selected_code()
        self.model.reload(self.filter_bar.filters())
        self._show_counts()
        self._tab_changed(self.tabs.currentIndex())
        if code:
            self.open_hazard(code)
        else:
            self.detail.show_hazard(None)
            self._update_actions()

    def _tab_changed(self, index: int) -> None:
        """The other tabs query only when they are looked at."""
        page = self.tabs.widget(index)
        if page is self.units_tab:
            self.units_tab.refresh()
        elif page is self.overview_tab:
            self.overview_tab.refresh()
        elif page is self.notices_tab:
            self.notices_tab.refresh()
        elif page is self.supervision_tab:
            self.supervision_tab.refresh()
        elif self.ledger_stale:
            self.refresh()

    def _show_counts(self) -> None:
        parts = [f"{s.label} {self.model.counts[s]}" for s in HazardStatus]
        self.counts.setText(f"共 {self.model.total} 条　｜　" + "　".join(parts))

    def backup(self) -> None:
        run_with_progress(
            self,
            "正在备份台账…",
            lambda: maintenance.backup(self.ledger),
            lambda path: QMessageBox.information(self, "备份完成", f"已备份到：\n{path}"),
            lambda error: report_error(self, error, log_file(self.ledger.data_dir)),
        )

    def open_settings(self) -> None:
        dialog = SettingsDialog(self, self.ledger)
        if dialog.exec():
            self.preferences = load_preferences(self.ledger)
            self._show_station()

    def _show_station(self) -> None:
        station = get_local_station(self.ledger)
        name = station.name if station else ""
        self.setWindowTitle(f"隐患整改台账 — {name}")
        self.statusBar().showMessage(
            f"{name}　操作员：{self.ledger.operator}　数据目录：{self.ledger.data_dir}"
        )

    # -- layout memory -----------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = QSettings()
        for key, restore in (
            ("geometry", self.restoreGeometry),
            ("state", self.restoreState),
            ("splitter", self.splitter.restoreState),
            (HEADER_STATE_KEY, self.table.horizontalHeader().restoreState),
        ):
            value = settings.value(key if "/" in key else f"main/{key}")
            if isinstance(value, QByteArray):
                restore(value)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.filter_bar.cancel_pending()
        self.reminders.close()
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/state", self.saveState())
        settings.setValue("main/splitter", self.splitter.saveState())
        settings.setValue(HEADER_STATE_KEY, self.table.horizontalHeader().saveState())
        super().closeEvent(event)

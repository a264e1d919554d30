"""The ledger's table view: several rows selectable (for a notice), sorting done by the model
in SQL, the clock columns (derived, unsortable) left out of sorting, and the 站点 column shown
only while the ledger holds several stations."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from hazard_ledger.services.dto import StationView
from hazard_ledger.ui.models.hazard_table import COLUMNS, HazardTableModel

WIDTHS = {
    "code": 116,  # room for the 督 badge
    "station": 64,
    "unit": 140,
    "village": 64,
    "description": 180,
    "level": 40,
    "status": 52,
    "found_on": 84,
    "deadline": 84,
    "overdue_days": 62,
    "closure": 66,
    "clock_flags": 64,
    "responsible": 60,
}
# Saved column layouts of the window before the 站点 column are not restored onto these.
HEADER_STATE_KEY = "main/columns-v3"
COLUMN = {key: i for i, (key, _label) in enumerate(COLUMNS)}
STATION_COLUMN = COLUMN["station"]
# The columns fit beside the detail pane; the 站点 column takes its room from these.
ROOM_FOR_STATION = {"unit": 24, "description": 40}


class LedgerTableView(QTableView):
    def __init__(self, model: HazardTableModel) -> None:
        super().__init__()
        default_sort = model.sort_column()  # enabling sorting makes the view sort by column 0
        self.setModel(model)
        self.ledger_model = model
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows may be selected (for a notice); the detail pane shows the current one.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSortIndicator(default_sort, Qt.SortOrder.DescendingOrder)
        for column, (key, _label) in enumerate(COLUMNS):
            header.resizeSection(column, WIDTHS[key])
        header.sortIndicatorChanged.connect(self._keep_sortable)
        self.setColumnHidden(STATION_COLUMN, True)

    def set_stations(self, stations: list[StationView]) -> None:
        """The ledger's stations: the 站点 column names them, and shows when there are several."""
        self.ledger_model.set_stations(stations)
        hidden = len(stations) < 2
        if hidden != self.isColumnHidden(STATION_COLUMN):
            header = self.horizontalHeader()
            for key, room in ROOM_FOR_STATION.items():
                width = header.sectionSize(COLUMN[key])
                header.resizeSection(COLUMN[key], width + (room if hidden else -room))
        self.setColumnHidden(STATION_COLUMN, hidden)

    def _keep_sortable(self, column: int, _order: Qt.SortOrder) -> None:
        """A click on a clock column leaves the sort (and its indicator) as it was."""
        model = self.ledger_model
        if model.sortable(column):
            return
        header = self.horizontalHeader()
        order = Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
        header.blockSignals(True)
        header.setSortIndicator(model.sort_column(), order)
        header.blockSignals(False)

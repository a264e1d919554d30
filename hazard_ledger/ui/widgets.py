"""Small widgets the forms share: dates, deadlines, pick-lists, multi-line text, photo lists."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.calendar import WEEKENDS_ONLY, WorkingCalendar, missing_years_message
from hazard_ledger.domain.deadlines import add_days
from hazard_ledger.domain.errors import ValidationError

PHOTO_FILTER = "图片 (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff)"


def date_edit(value: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


class DeadlineChooser(QWidget):
    """A deadline given as a date, or as N calendar or working days (of ``calendar``: holidays
    and 调休 counted) from a start date (the date edit ``start``: the 交办 or 下发 date); shows
    the date N days make, and says so when the calendar lacks a year's holidays."""

    def __init__(
        self, start: QDateEdit, calendar: WorkingCalendar = WEEKENDS_ONLY, default_days: int = 7
    ) -> None:
        super().__init__()
        self.start = start
        self.calendar = calendar
        self.deadline = date_edit(date_of(start) + dt.timedelta(days=default_days))
        self.by_days = QCheckBox("按天数")
        self.days = QSpinBox()
        self.days.setRange(0, 365)
        self.days.setValue(default_days)
        self.working = QCheckBox("工作日")
        self.result = QLabel()
        self.result.setObjectName("deadline_result")
        self.result.setStyleSheet("color: #475467;")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.deadline, self.by_days, self.days, self.working, self.result):
            layout.addWidget(widget)
        layout.addStretch()
        self.by_days.toggled.connect(self._mode)
        for signal in (self.days.valueChanged, self.working.toggled, start.dateChanged):
            signal.connect(self._show_result)
        self._mode(False)

    def _mode(self, by_days: bool) -> None:
        self.deadline.setEnabled(not by_days)
        self.days.setEnabled(by_days)
        self.working.setEnabled(by_days)
        self._show_result()

    def _show_result(self) -> None:
        if not self.by_days.isChecked():
            self.result.clear()
            return
        try:
            day = self.chosen()
        except ValidationError as error:
            self.result.setText(error.message)
            return
        text = f"至 {day.isoformat()}"
        if self.working.isChecked():
            missing = self.calendar.missing_years(date_of(self.start), day)
            if missing:
                text += f"（{'、'.join(map(str, missing))} 年无节假日数据，按周一至周五计）"
                self.result.setToolTip(missing_years_message(missing))
        self.result.setText(text)

    def chosen(self) -> dt.date:
        """The deadline; N days are counted from the start date (a ValidationError for N out of
        range, field ``within``)."""
        if self.by_days.isChecked():
            return add_days(
                date_of(self.start),
                self.days.value(),
                working_days=self.working.isChecked(),
                calendar=self.calendar,
            )
        return date_of(self.deadline)


def choice_box(
    choices: list[str] | tuple[str, ...], current: str = "", editable: bool = True
) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    box.addItems(list(choices))
    box.setCurrentText(current)
    return box


def radio_pair(first: str, second: str) -> tuple[QWidget, QRadioButton, QRadioButton]:
    """Two exclusive choices side by side (the first checked): the row and both buttons."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    buttons = (QRadioButton(first), QRadioButton(second))
    buttons[0].setChecked(True)
    for button in buttons:
        layout.addWidget(button)  # one parent: Qt makes them auto-exclusive
    layout.addStretch()
    return row, buttons[0], buttons[1]


def text_area(text: str = "", height: int = 70) -> QPlainTextEdit:
    area = QPlainTextEdit(text)
    area.setTabChangesFocus(True)
    area.setFixedHeight(height)
    return area


class PhotoList(QWidget):
    """Photo files chosen with a file dialog or dropped from the file manager."""

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptDrops(True)
        self.list = QListWidget()
        self.list.setFixedHeight(70)
        self.list.setToolTip("可将照片文件直接拖到这里")
        add = QPushButton("添加照片…")
        add.clicked.connect(self.choose)
        remove = QPushButton("移除")
        remove.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def choose(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "选择照片", "", PHOTO_FILTER)
        self.add_files([Path(f) for f in files])

    def add_files(self, files: list[Path]) -> None:
        for path in files:
            if str(path) not in self.paths():
                self.list.addItem(str(path))

    def paths(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.add_files([f for f in files if f.is_file()])
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()


def menu_button(
    parent: QWidget, text: str, object_name: str, actions: list[QAction | None]
) -> QToolButton:
    """A toolbar button that opens a menu of ``actions`` (None: a separator); greyed actions
    show their tooltip (why they are not offered)."""
    menu = QMenu(text, parent)
    menu.setObjectName(object_name.removesuffix("_button") + "_menu")
    menu.setToolTipsVisible(True)
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)
    button = QToolButton(parent)
    button.setObjectName(object_name)
    button.setText(text)
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    return button

"""Small widgets the forms share: dates, pick-lists, multi-line text, photo lists."""

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PHOTO_FILTER = "图片 (*.jpg *.jpeg *.png *.webp *.bmp *.gif *.tif *.tiff)"


def date_edit(value: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def date_of(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def choice_box(
    choices: list[str] | tuple[str, ...], current: str = "", editable: bool = True
) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    box.addItems(list(choices))
    box.setCurrentText(current)
    return box


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

"""A form dialog whose validation errors appear in Chinese beside the offending field.

Subclasses add rows with ``add_row(label, widget, field)`` and implement ``save()``, which calls
a service; a LedgerError naming a field is shown under that field, any other in a message box.
Nothing is half-saved: a service either completes its one transaction or changes nothing.
"""

from typing import TypeVar

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.errors import LedgerError
from hazard_ledger.ui.errors import show_user_error

W = TypeVar("W", bound=QWidget)


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addLayout(self.form)
        self.body.addWidget(self.buttons)

    def add_row(
        self, label: str, widget: W, field: str | None = None, form: QFormLayout | None = None
    ) -> W:
        """Add ``widget`` to ``form`` (the dialog's own by default), with an error line under it
        when it answers for ``field``."""
        form = form or self.form
        form.addRow(label, widget)
        if field:
            error = QLabel()
            error.setObjectName(f"error_{field}")
            error.setStyleSheet("color: #b42318;")
            error.setWordWrap(True)
            error.hide()
            form.addRow("", error)
            self.errors[field] = error
        return widget

    def error_text(self, field: str) -> str:
        label = self.errors.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.clear()
            label.hide()

    def try_accept(self) -> None:
        self.clear_errors()
        try:
            self.save()
        except LedgerError as error:
            label = self.errors.get(error.field or "")
            if label is None:
                show_user_error(self, error)
            else:
                label.setText(error.message)
                label.show()
                _reveal(label)
            return
        self.accept()

    def save(self) -> None:
        raise NotImplementedError


def _reveal(widget: QWidget) -> None:
    """Bring the tab holding ``widget`` to the front (a settings page may be hidden)."""
    page: QWidget | None = widget
    while page is not None:
        parent = page.parentWidget()
        tabs = parent.parentWidget() if parent is not None else None
        if isinstance(tabs, QTabWidget) and tabs.indexOf(page) >= 0:
            tabs.setCurrentWidget(page)
        page = parent

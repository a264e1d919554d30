"""Long work that reports how far it got: a worker that passes a progress callback to the work
and a progress dialog that follows it (label and percent)."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from hazard_ledger.ui.worker import run_in_background

Progress = Callable[[str, int], None]


class _Relay(QObject):
    """Carries progress from the worker thread to the dialog (queued across threads)."""

    moved = Signal(str, int)


def run_with_percent(
    parent: QWidget | None,
    title: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> QProgressDialog:
    """Run ``work(progress)`` in the background behind a modal progress dialog that shows the
    step and the percent ``progress(text, percent)`` reports; the window keeps painting."""
    dialog = QProgressDialog(title, "", 0, 100, parent)
    dialog.setWindowTitle(title)
    dialog.setObjectName("progress_dialog")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(360)
    relay = _Relay(dialog)

    def moved(text: str, percent: int) -> None:
        dialog.setLabelText(text)
        dialog.setValue(max(0, min(100, percent)))

    relay.moved.connect(moved, Qt.ConnectionType.QueuedConnection)

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(error: BaseException) -> None:
        dialog.close()
        on_error(error)

    dialog.show()
    run_in_background(lambda: work(relay.moved.emit), finished, failed)
    return dialog

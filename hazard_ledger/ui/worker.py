"""Long work off the GUI thread: a QRunnable with its own signals, and a progress dialog."""

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class WorkerSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class Worker(QRunnable):
    """Runs ``work()`` on the thread pool; emits ``finished(result)`` or ``failed(exception)``.
    ``work`` must open its own sessions (services do)."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        # Python owns the runnable (kept in _RUNNING until it reports): Qt must not delete it
        # behind the wrapper's back.
        self.setAutoDelete(False)
        self.work = work
        self.signals = WorkerSignals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the GUI thread, which shows or logs it
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


_RUNNING: set[Worker] = set()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> Worker:
    """Run ``work`` on the thread pool without showing anything; the callbacks run on the GUI
    thread when it is done."""
    worker = Worker(work)

    def finished(result: Any) -> None:
        _RUNNING.discard(worker)
        on_done(result)

    def failed(error: BaseException) -> None:
        _RUNNING.discard(worker)
        on_error(error)

    worker.signals.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    worker.signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    _RUNNING.add(worker)
    QThreadPool.globalInstance().start(worker)
    return worker


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> Worker:
    """Run ``work`` in the background behind a modal busy dialog; the window keeps painting."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle("请稍候")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def finished(result: Any) -> None:
        dialog.close()
        on_done(result)

    def failed(error: BaseException) -> None:
        dialog.close()
        on_error(error)

    return run_in_background(work, finished, failed)


def wait_with_progress(parent: QWidget | None, label: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` in the background behind a busy dialog and wait for it with a local event
    loop (the window keeps painting); returns its result or raises its exception."""
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    run_with_progress(parent, label, work, done, failed)  # type: ignore[arg-type]
    loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]

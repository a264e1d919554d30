"""GUI figures on a generated ledger: start to a usable window, and applying filters there.

Run by bench/run.py in a fresh process (offscreen), so start-up includes imports and migrations.
    python bench/gui.py DATA_DIR   → prints JSON figures
"""

import json
import sys
import time

START = time.perf_counter()

from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt

    from bench.generate import TODAY
    from hazard_ledger.services.ledger import Ledger
    from hazard_ledger.ui.app import make_application
    from hazard_ledger.ui.main_window import MainWindow

    app = make_application(["bench"])
    ledger = Ledger(sys.argv[1], today=lambda: TODAY).open()
    window = MainWindow(ledger)
    window.show()
    app.processEvents()
    window.grab()  # the first frame is painted
    ready = time.perf_counter() - START
    figures = {"window_ready_s": ready, "rows_total": window.model.total}

    def timed(label: str, action) -> None:  # type: ignore[no-untyped-def]
        runs = []
        for _ in range(5):
            begin = time.perf_counter()
            action()
            app.processEvents()
            window.table.viewport().grab()
            runs.append((time.perf_counter() - begin) * 1000)
            reset()
        figures[label] = sorted(runs)[len(runs) // 2]

    def reset() -> None:
        bar = window.filter_bar
        for widget in (bar.search, bar.status, bar.overdue):
            widget.blockSignals(True)
        bar.search.clear()
        bar.status.setCurrentIndex(0)
        bar.overdue.setChecked(False)
        for widget in (bar.search, bar.status, bar.overdue):
            widget.blockSignals(False)
        bar.emit()

    def search(text: str):  # type: ignore[no-untyped-def]
        def apply() -> None:
            window.filter_bar.search.setText(text)
            window.filter_bar.emit()  # what the typing-pause timer does

        return apply

    timed("filter_text_ms", search("配电房"))
    timed("filter_text_short_ms", search("灭火"))
    timed("filter_overdue_ms", lambda: window.filter_bar.overdue.setChecked(True))
    orders = [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder]
    timed("sort_deadline_ms", lambda: window.model.sort(7, orders.reverse() or orders[0]))
    window.close()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

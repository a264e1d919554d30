"""GUI fixtures: a ledger with a few hazards, the main window, and a way to answer modal dialogs."""

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from hazard_ledger.services import hazards
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.ui.app import make_application
from hazard_ledger.ui.main_window import MainWindow

D = dt.date


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("qs"))
    )


@pytest.fixture
def app(qapp: QApplication) -> QApplication:
    return make_application()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes are recorded instead of shown (they would block the test)."""
    shown: list[tuple[str, str]] = []

    def record(kind: str) -> Callable[..., QMessageBox.StandardButton]:
        def box(_parent: QWidget | None, title: str, text: str, *args: object) -> object:
            shown.append((kind, text))
            return QMessageBox.StandardButton.Ok

        return box

    for kind in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return shown


@pytest.fixture
def filled(ledger: Ledger) -> Ledger:
    """Three hazards: one overdue (assigned, deadline 11-10), one discovered, one rectified."""
    a = hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="鑫源五金厂",
            description="配电房内堆放易燃杂物",
            location="配电房",
            found_on=D(2026, 11, 1),
        ),
    )
    hazards.assign_hazard(
        ledger, a, responsible="张国强", deadline=D(2026, 11, 10), on=D(2026, 11, 2)
    )
    hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="老街小吃店",
            description="灭火器压力不足",
            level="major",  # type: ignore[arg-type]
            found_on=D(2026, 11, 5),
        ),
    )
    c = hazards.record_hazard(
        ledger,
        hazards.NewHazard(unit="老街小吃店", description="疏散通道堵塞", found_on=D(2026, 11, 6)),
    )
    hazards.assign_hazard(
        ledger, c, responsible="陈志强", deadline=D(2026, 11, 30), on=D(2026, 11, 6)
    )
    hazards.rectify_hazard(ledger, c, measures="已清理", done_on=D(2026, 11, 8))
    return ledger


@pytest.fixture
def window(app: QApplication, qtbot, filled: Ledger) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    main = MainWindow(filled)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def answer(action: Callable[[QWidget], None]) -> None:
    """Run ``action`` on the next modal dialog as soon as it opens."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, attempt)
            return
        action(dialog)

    QTimer.singleShot(0, attempt)


@pytest.fixture
def waiting(filled: Ledger) -> Ledger:
    """``filled`` plus two more 待交办 hazards of 鑫源五金厂 (LY-2026-0004, LY-2026-0005)."""
    for description, location in (("车间砂轮机无防护罩", "机加工车间"), ("仓库灭火器过期", "仓库")):
        hazards.record_hazard(
            filled,
            hazards.NewHazard(
                unit="鑫源五金厂",
                description=description,
                location=location,
                found_on=D(2026, 11, 12),
            ),
        )
    return filled

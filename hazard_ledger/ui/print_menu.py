"""The toolbar's 打印 button: the ledger as the tab shows it (filters and sort), the selected
hazard's 隐患档案, and a listed hazard's 挂牌督办通知书 and 验收销号审批表 — each opened in the
preview, from where it is printed or saved as PDF."""

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

from hazard_ledger.services.dto import HazardDetail
from hazard_ledger.ui.widgets import menu_button

ITEMS = {
    "print_ledger": "台账（当前筛选）…",
    "print_sheet": "隐患档案…",
    "print_listing": "挂牌督办通知书…",
    "print_form": "验收销号审批表…",
}


def print_button(
    parent: QWidget, actions: dict[str, QAction], slots: dict[str, Callable[[], object]]
) -> QToolButton:
    """The 打印 tool button; its actions are added to ``actions`` by name."""
    entries: list[QAction | None] = []
    for name, text in ITEMS.items():
        action = QAction(text, parent)
        action.setObjectName(name)
        action.triggered.connect(slots[name])
        actions[name] = action
        entries.append(action)
        if name == "print_ledger":
            entries.append(None)
    return menu_button(parent, "打印", "print_button", entries)


def update_print_actions(detail: HazardDetail | None, actions: dict[str, QAction]) -> None:
    """The sheet needs a selected hazard; the supervision documents a listed one."""
    actions["print_sheet"].setEnabled(detail is not None)
    listed = detail is not None and detail.supervision is not None
    for name in ("print_listing", "print_form"):
        actions[name].setEnabled(listed)
        actions[name].setToolTip("" if listed else "只有挂牌督办的隐患有此文书")

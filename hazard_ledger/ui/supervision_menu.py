"""The toolbar's 挂牌督办 button: one menu holding the sub-flow's seven steps, so the toolbar
stays short. Steps not allowed now are greyed, and their tooltip (shown in the menu) says why."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

from hazard_ledger.services.dto import HazardDetail
from hazard_ledger.ui.hazard_steps import GENERAL_NOT_LISTED, SUPERVISION, SUPERVISION_TEXT
from hazard_ledger.ui.widgets import menu_button


def supervision_button(parent: QWidget, actions: dict[str, QAction]) -> QToolButton:
    """The 挂牌督办 tool button; its steps' actions are added to ``actions`` by step name."""
    entries: list[QAction | None] = []
    for name in SUPERVISION:
        action = QAction(SUPERVISION_TEXT[name], parent)
        action.setObjectName(f"supervision_{name}")
        actions[name] = action
        entries.append(action)
        if name == "list":
            entries.append(None)
    return menu_button(parent, "挂牌督办", "supervision_button", entries)


def supervision_tip(detail: HazardDetail | None, actions: dict[str, QAction]) -> str:
    """The button's tooltip: what the menu offers for ``detail``, or why it offers nothing."""
    if detail is None:
        return "挂牌督办：先在台账中选择一条重大事故隐患"
    offered = [actions[n].text().rstrip("…") for n in SUPERVISION if actions[n].isEnabled()]
    if offered:
        return "挂牌督办：" + "、".join(offered)
    if detail.supervision is None and actions["list"].toolTip() == GENERAL_NOT_LISTED:
        return GENERAL_NOT_LISTED
    return "挂牌督办：" + actions["list"].toolTip()

"""The toolbar's 挂牌督办 button: one menu holding the sub-flow's seven steps, so the toolbar
stays short. Steps not allowed now are greyed, and their tooltip (shown in the menu) says why."""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from hazard_ledger.services.dto import HazardDetail
from hazard_ledger.ui.hazard_steps import GENERAL_NOT_LISTED, SUPERVISION, SUPERVISION_TEXT


def supervision_button(parent: QWidget, actions: dict[str, QAction]) -> QToolButton:
    """The 挂牌督办 tool button; its steps' actions are added to ``actions`` by step name."""
    menu = QMenu("挂牌督办", parent)
    menu.setObjectName("supervision_menu")
    menu.setToolTipsVisible(True)
    for name in SUPERVISION:
        action = QAction(SUPERVISION_TEXT[name], parent)
        action.setObjectName(f"supervision_{name}")
        actions[name] = action
        menu.addAction(action)
        if name == "list":
            menu.addSeparator()
    button = QToolButton(parent)
    button.setObjectName("supervision_button")
    button.setText("挂牌督办")
    button.setMenu(menu)
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    return button


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

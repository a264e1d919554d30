"""First run: register this station, or open the demo ledger to look around first."""

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import Preferences, save_preferences
from hazard_ledger.services.stations import init_station
from hazard_ledger.ui.dialogs.form import FormDialog


class FirstRunDialog(FormDialog):
    """After accept, ``wants_demo`` says whether the demo ledger was chosen instead."""

    def __init__(self, parent: QWidget | None, ledger: Ledger) -> None:
        super().__init__(parent, "欢迎使用隐患整改台账")
        self.ledger = ledger
        self.wants_demo = False
        intro = QLabel("请登记本站信息（以后可在“设置”中修改）。也可以先打开示例台账看看。")
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.name = self.add_row("站名*", QLineEdit(), "name")
        self.name.setPlaceholderText("如：罗阳镇应急消防管理站")
        self.township = self.add_row("乡镇（街道）", QLineEdit(), "township")
        self.county = self.add_row("县（市、区）", QLineEdit(), "county")
        self.code = self.add_row("站点简码*", QLineEdit(), "code")
        self.code.setPlaceholderText("1–10 位字母或数字，如 LY，用于隐患编号 LY-2026-0001")
        self.operator = self.add_row("操作员姓名*", QLineEdit(), "operator")
        demo = QPushButton("打开示例台账")
        demo.clicked.connect(self.choose_demo)
        self.buttons.addButton(demo, self.buttons.ButtonRole.ActionRole)

    def choose_demo(self) -> None:
        self.wants_demo = True
        self.accept()

    def save(self) -> None:
        if not self.operator.text().strip():
            raise ValidationError("请填写操作员姓名（记入每条履历）。", field="operator")
        save_preferences(self.ledger, Preferences(operator=self.operator.text()))
        init_station(
            self.ledger,
            code=self.code.text(),
            name=self.name.text(),
            township=self.township.text(),
            county=self.county.text(),
        )

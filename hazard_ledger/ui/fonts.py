"""A Chinese font for the window, even on a machine that has none installed."""

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from hazard_ledger.paths import resources_dir

SHIPPED_FONT = "fonts/wqy-microhei.ttc"
PREFERRED = (
    "Microsoft YaHei",
    "微软雅黑",
    "PingFang SC",
    "Noto Sans CJK SC",
    "WenQuanYi Micro Hei",
)


def ensure_chinese_font(app: QApplication) -> str:
    """Use an installed Chinese UI font if there is one, else load the shipped one.
    Returns the family in use."""
    families = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    family = next((name for name in PREFERRED if name in families), None)
    if family is None:
        font_id = QFontDatabase.addApplicationFont(str(resources_dir() / SHIPPED_FONT))
        loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = loaded[0] if loaded else (sorted(families)[0] if families else "")
    if family:
        font = QFont(family)
        font.setPointSize(max(app.font().pointSize(), 10))
        app.setFont(font)
    return family

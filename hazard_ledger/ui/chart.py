"""A horizontal stacked bar chart painted with QPainter (QtCharts is not in PySide6-Essentials)."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from hazard_ledger.services.overview import IndustryFigures

CLOSED = QColor("#12b76a")
OPEN = QColor("#f79009")
OVERDUE = QColor("#d92d20")
LEGEND = (("已闭环", CLOSED), ("在改（未逾期）", OPEN), ("逾期", OVERDUE))


class IndustryChart(QWidget):
    """Hazards per 行业领域: closed, being fixed, and overdue, one bar each."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[IndustryFigures] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(220)

    def set_rows(self, rows: list[IndustryFigures]) -> None:
        self.rows = rows[:12]
        self.setMinimumHeight(60 + 26 * len(self.rows))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        metrics = painter.fontMetrics()
        label_w = max([metrics.horizontalAdvance(r.industry) for r in self.rows] + [60]) + 12
        top, bar_h, gap = 34.0, 18.0, 8.0
        x = 0.0
        for name, color in LEGEND:
            painter.fillRect(QRectF(8 + x, 10, 12, 12), color)
            painter.setPen(QColor("#344054"))
            painter.drawText(QRectF(24 + x, 6, 140, 20), Qt.AlignmentFlag.AlignVCenter, name)
            x += 30 + metrics.horizontalAdvance(name)
        if not self.rows:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "暂无隐患")
            return
        widest = max(r.found for r in self.rows) or 1
        width = max(40.0, self.width() - label_w - 60)
        for i, row in enumerate(self.rows):
            y = top + i * (bar_h + gap)
            painter.setPen(QColor("#344054"))
            painter.drawText(
                QRectF(4, y, label_w - 8, bar_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                row.industry,
            )
            x = float(label_w)
            others = row.found - row.closed - row.open
            for count, color in (
                (row.closed, CLOSED),
                (row.open - row.overdue, OPEN),
                (row.overdue, OVERDUE),
                (others, QColor("#d0d5dd")),
            ):
                w = width * count / widest
                painter.fillRect(QRectF(x, y, w, bar_h), color)
                x += w
            painter.drawText(
                QRectF(x + 6, y, 60, bar_h), Qt.AlignmentFlag.AlignVCenter, str(row.found)
            )
        painter.end()

"""The 文书 page of the settings: the notice's title, the number templates (with the number the
next document would get), and the font documents print with (what will actually be used)."""

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.notice_numbers import check_template, format_number
from hazard_ledger.reports.fonts import FontChoice, missing_characters, resolve_fonts
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import list_notices
from hazard_ledger.services.preferences import Preferences
from hazard_ledger.ui.dialogs.form import FormDialog

TITLES = ("隐患整改通知书", "责令限期整改意见书")
FONT_FILTER = "TrueType 字体 (*.ttf *.ttc);;所有文件 (*)"
# Characters every document prints: a font without them is no use for Chinese documents.
SAMPLE = "隐患整改通知书被检查单位期限复查意见送达回证"
NOTE_STYLE = "color: #475467;"
WARN_STYLE = "color: #b54708;"


class DocumentSettings:
    """Builds the 文书 page's rows into ``form`` of ``dialog`` (whose errors show beside them)."""

    def __init__(
        self,
        dialog: FormDialog,
        form: QFormLayout,
        ledger: Ledger,
        prefs: Preferences,
        prefix: QLineEdit,
    ) -> None:
        self.prefix = prefix
        self.year = ledger.today().year
        issued = [n for n in list_notices(ledger) if n.issued_on.year == self.year]
        # Serials run per kind and year and count voided documents: the next is one more.
        self.next_serial = {
            kind: 1 + sum(n.kind == kind for n in issued) for kind in ("rectification", "review")
        }
        self.title = QComboBox()
        self.title.setEditable(True)
        self.title.addItems(list(TITLES))
        self.title.setCurrentText(prefs.notice_title)
        dialog.add_row("通知书名称", self.title, "notice_title", form)
        dialog.add_row(
            "", _note("名称含“责令”时，文书印有申请行政复议、提起行政诉讼的告知。"), None, form
        )
        self.notice_template = QLineEdit(prefs.notice_number_template)
        dialog.add_row("通知书文号模板", self.notice_template, "notice_number_template", form)
        self.notice_example = dialog.add_row("", _note(""), None, form)
        self.review_template = QLineEdit(prefs.review_number_template)
        dialog.add_row("复查意见书文号模板", self.review_template, "review_number_template", form)
        self.review_example = dialog.add_row("", _note(""), None, form)
        dialog.add_row(
            "",
            _note("模板中 {prefix} 为文号简称，{year} 为年份，{serial} 为当年序号。"),
            None,
            form,
        )
        self.font = QLineEdit(prefs.document_font)
        self.font.setPlaceholderText("不指定：Windows 仿宋/黑体，或程序自带字体")
        choose = QPushButton("选择…")
        choose.clicked.connect(self.choose_font)
        default = QPushButton("恢复默认")
        default.clicked.connect(self.reset_font)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.font, 1)
        layout.addWidget(choose)
        layout.addWidget(default)
        dialog.add_row("文书字体", row, "document_font", form)
        self.font_used = _note("")
        self.font_used.setObjectName("font_used")
        self.font_warning = QLabel()
        self.font_warning.setWordWrap(True)
        self.font_warning.setStyleSheet(WARN_STYLE)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.font_used)
        column.addWidget(self.font_warning)
        dialog.add_row("", box, None, form)
        for edit in (self.notice_template, self.review_template, prefix):
            edit.textChanged.connect(self.show_examples)
        self.font.editingFinished.connect(self.show_font)
        self.show_examples()
        self.show_font()

    # -- live feedback -----------------------------------------------------------------------
    def show_examples(self) -> None:
        for edit, label, kind in (
            (self.notice_template, self.notice_example, "rectification"),
            (self.review_template, self.review_example, "review"),
        ):
            try:
                number = format_number(
                    edit.text(),
                    prefix=self.prefix.text().strip(),
                    year=self.year,
                    serial=self.next_serial[kind],
                )
            except ValidationError as error:
                label.setText(error.message)
                label.setStyleSheet(WARN_STYLE)
            else:
                label.setText(f"下一份文号将是：{number}")
                label.setStyleSheet(NOTE_STYLE)

    def choose_font(self) -> None:
        current = self.font.text().strip()
        folder = str(Path(current).parent) if current else _fonts_folder()
        chosen, _ = QFileDialog.getOpenFileName(self.font, "选择文书字体", folder, FONT_FILTER)
        if chosen:
            self.font.setText(chosen)
            self.show_font()

    def reset_font(self) -> None:
        self.font.clear()
        self.show_font()

    def show_font(self) -> None:
        """Which font the documents will actually use, and its warning if any."""
        path = self.font.text().strip()
        try:
            fonts = self.font_choice(path)
        except ValidationError as error:
            fonts = resolve_fonts("")
            self.font_warning.setText(error.message)
        else:
            self.font_warning.setText(fonts.warning)
        self.font_used.setText(f"文书将使用：{fonts.source}")
        self.font_warning.setVisible(bool(self.font_warning.text()))

    # -- checks before saving ----------------------------------------------------------------
    @staticmethod
    def font_choice(path: str) -> FontChoice:
        """The fonts ``path`` gives; refused (field document_font) when the file cannot be used
        (not TrueType: an OpenType-CFF font, damaged…) or has no Chinese characters."""
        if not path:
            return resolve_fonts("")
        if not Path(path).is_file():
            raise ValidationError(f"找不到字体文件：{path}", field="document_font")
        fonts = resolve_fonts(path)
        if fonts.body == resolve_fonts("").body:  # fell through to the default order
            raise ValidationError(
                f"无法使用字体文件 {Path(path).name}：只支持 TrueType 字体（.ttf/.ttc，"
                "不支持 OpenType-CFF 字体如思源/Noto CJK 的 .otf/.otc），或文件已损坏。",
                field="document_font",
            )
        lacking = missing_characters(SAMPLE, fonts.body)
        if lacking:
            raise ValidationError(
                f"字体 {Path(path).name} 缺少汉字（如“{lacking[0]}”），不能用于中文文书。",
                field="document_font",
            )
        return fonts

    def checked(self, prefs: Preferences) -> Preferences:
        """``prefs`` with this page's values, each checked so its error shows beside it."""
        title = self.title.currentText().strip()
        if not title:
            raise ValidationError("请填写通知书名称。", field="notice_title")
        templates = {}
        for field, edit in (
            ("notice_number_template", self.notice_template),
            ("review_number_template", self.review_template),
        ):
            try:
                templates[field] = check_template(edit.text())
            except ValidationError as error:
                raise ValidationError(error.message, field=field) from None
        font = self.font.text().strip()
        self.font_choice(font)
        return replace(prefs, notice_title=title, document_font=font, **templates)


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


def _fonts_folder() -> str:
    windows = Path("C:/Windows/Fonts")
    return str(windows) if windows.is_dir() else str(Path.home())

"""What every command that prints a document shares: the output file's checks, made before
anything is changed or written, and the font warning on stderr."""

import sys
from pathlib import Path

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.reports.fonts import FontChoice

PDF, XLSX = ".pdf", ".xlsx"


def output_path(path: str, *, pdf_only: bool = False) -> Path:
    """The file to write, refused when its folder does not exist (or, with ``pdf_only``, when
    it is not named .pdf)."""
    target = Path(path).expanduser().resolve()
    if pdf_only and target.suffix.lower() != PDF:
        if target.suffix.lower() in (XLSX, ".xls"):
            raise ValidationError(
                "这里只能输出 PDF 文件（Excel 用于台账和周报：report ledger、report weekly），"
                "请把文件名改为 .pdf。",
                field="output",
            )
        raise ValidationError(f"输出文件名应以 .pdf 结尾：{target.name}", field="output")
    return _in_a_folder(target)


def report_path(path: str) -> tuple[Path, str]:
    """A report's file and its format, ".pdf" or ".xlsx" by the name; anything else refused
    (an old .xls too: Excel opens .xlsx everywhere it matters)."""
    target = Path(path).expanduser().resolve()
    suffix = target.suffix.lower()
    if suffix not in (PDF, XLSX):
        raise ValidationError(
            f"输出文件名应以 .xlsx（Excel）或 .pdf 结尾：{target.name}", field="output"
        )
    return _in_a_folder(target), suffix


def _in_a_folder(target: Path) -> Path:
    if not target.parent.is_dir():
        raise ValidationError(f"目录不存在：{target.parent}", field="output")
    return target


def warn_fonts(fonts: FontChoice) -> None:
    """Say on stderr when the document's font is not embedded (the CID fallback)."""
    if fonts.warning:
        print(f"注意：{fonts.warning}", file=sys.stderr)

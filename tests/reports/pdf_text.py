"""Reading printed PDFs back in tests: the text of each page with all whitespace removed."""

from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    return ["".join(page.extract_text().split()) for page in PdfReader(path).pages]


def text_of(path: Path) -> str:
    return "".join(page_texts(path))

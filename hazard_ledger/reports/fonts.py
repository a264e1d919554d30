"""Which Chinese fonts the documents use, and which characters they cannot print.

Resolution order (DESIGN §7): the font the user chose in the settings → Windows' own official
fonts (仿宋 for the body, 黑体 for titles) → the TrueType Chinese font shipped in resources/ →
last, reportlab's built-in CID font STSong-Light, which is not embedded (the page then depends on
the viewer's fonts), with a warning. TrueType fonts are embedded as subsets.
"""

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

from hazard_ledger.paths import resources_dir
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences

SHIPPED = ("fonts/wqy-microhei.ttc", 0)
CID_FALLBACK = "STSong-Light"


@dataclass(frozen=True, slots=True)
class FontChoice:
    body: str  # registered reportlab font names
    title: str
    source: str  # where they came from, in Chinese, for the settings page and the log
    embedded: bool
    warning: str = ""


def _windows_fonts() -> Path | None:
    root = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return root if root.is_dir() else None


def _register(name: str, path: Path, index: int = 0) -> str | None:
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    try:
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=index))
    except Exception:  # not TrueType (e.g. CFF outlines), damaged, unreadable: try the next
        return None
    return name


def resolve_fonts(preferred: str = "") -> FontChoice:
    """The fonts to print with; never fails (the CID font is always there)."""
    if preferred:
        path = Path(preferred)
        # Registered under a name of the whole path: two files both called simfang.ttf in
        # one session are two fonts.
        key = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
        if path.is_file() and (name := _register(f"user-{key}", path)):
            return FontChoice(name, name, f"设置中指定的字体（{path.name}）", True)
    windows = _windows_fonts()
    if windows is not None:
        body = _register("win-fangsong", windows / "simfang.ttf")
        title = _register("win-heiti", windows / "simhei.ttf")
        if body and title:
            return FontChoice(body, title, "Windows 仿宋 / 黑体", True)
    shipped, index = SHIPPED
    name = _register("shipped-wqy-microhei", resources_dir() / shipped, index)
    if name:
        return FontChoice(name, name, "程序自带字体（文泉驿微米黑）", True)
    if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return FontChoice(
        CID_FALLBACK,
        CID_FALLBACK,
        "内置字体 STSong-Light（未嵌入）",
        False,
        warning="未找到可嵌入的中文字体，文书使用内置字体，在其他电脑上显示效果可能不同。",
    )


def ledger_fonts(ledger: Ledger) -> FontChoice:
    """The fonts this ledger's documents print with (the settings' choice first)."""
    return resolve_fonts(load_preferences(ledger).document_font)


def missing_characters(text: str, font_name: str) -> list[str]:
    """The distinct characters of ``text`` the font has no glyph for (in order of appearance).
    The CID fallback cannot be checked this way and reports none."""
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    glyphs = getattr(face, "charToGlyph", None)
    if glyphs is None:
        return []
    seen: dict[str, None] = {}
    for ch in text:
        if ch not in seen and not ch.isspace() and ord(ch) not in glyphs:
            seen[ch] = None
    return list(seen)

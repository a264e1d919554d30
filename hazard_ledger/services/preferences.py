"""Preferences kept in the data dir (``preferences.json``): the operator's name and the few
settings later issues add. Window geometry is not here: that is Qt's QSettings."""

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.notice_numbers import check_template
from hazard_ledger.domain.validation import optional_text, required_text
from hazard_ledger.services.ledger import Ledger

FILE_NAME = "preferences.json"


@dataclass(frozen=True, slots=True)
class Preferences:
    operator: str = ""
    due_soon_days: int = 3
    notice_title: str = "隐患整改通知书"  # or 责令限期整改意见书
    notice_number_template: str = "（{prefix}）应消整改〔{year}〕{serial}号"
    review_number_template: str = "（{prefix}）应消复查〔{year}〕{serial}号"
    # A TrueType font file for printed documents; empty: the resolution order of reports.fonts.
    document_font: str = ""
    # The weekday the 周报's week starts on: 0 Monday (the default, Monday–Sunday) … 6 Sunday.
    week_start: int = 0


def load_preferences(ledger: Ledger) -> Preferences:
    """The saved preferences; defaults for anything missing or unreadable."""
    path = ledger.data_dir / FILE_NAME
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Preferences()
    known = {f.name for f in fields(Preferences)}
    try:
        return Preferences(**{k: v for k, v in data.items() if k in known})
    except TypeError:
        return Preferences()


def save_preferences(ledger: Ledger, preferences: Preferences) -> Preferences:
    """Check and save (atomically); also makes the operator the ledger's current actor."""
    operator = optional_text(preferences.operator, field="operator", label="操作员", max_length=50)
    if not 0 <= preferences.due_soon_days <= 60:
        raise ValidationError("临期提醒天数应在 0 到 60 之间。", field="due_soon_days")
    if type(preferences.week_start) is not int or not 0 <= preferences.week_start <= 6:
        raise ValidationError(
            "周报的每周起始日应为 0（周一）到 6（周日）之间的整数。", field="week_start"
        )
    preferences = replace(
        preferences,
        operator=operator,
        notice_number_template=check_template(preferences.notice_number_template),
        review_number_template=check_template(preferences.review_number_template),
        notice_title=required_text(
            preferences.notice_title, field="notice_title", label="文书名称", max_length=30
        ),
    )
    font = preferences.document_font.strip()
    if font and not Path(font).is_file():
        raise ValidationError(f"找不到字体文件：{font}", field="document_font")
    preferences = replace(preferences, document_font=font)
    path: Path = ledger.data_dir / FILE_NAME
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(asdict(preferences), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    if operator:
        ledger.operator = operator
    return preferences

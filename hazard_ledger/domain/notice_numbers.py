"""Document numbers such as ``（罗）应消整改〔2026〕12号``: a template with {prefix}, {year} and
{serial}; serials run per station, document kind and year, and a number is never reused."""

import re

from hazard_ledger.domain.errors import ValidationError

DEFAULT_TEMPLATES = {
    "rectification": "（{prefix}）应消整改〔{year}〕{serial}号",
    "review": "（{prefix}）应消复查〔{year}〕{serial}号",
}
DEFAULT_TITLES = {"rectification": "隐患整改通知书", "review": "整改复查意见书"}
_FIELD = re.compile(r"{([^{}]*)}")
ALLOWED = {"prefix", "year", "serial"}


def check_template(template: str) -> str:
    """Refuse a template that cannot make unique numbers (it needs {year} and {serial})."""
    text = (template or "").strip()
    fields = set(_FIELD.findall(text))
    unknown = fields - ALLOWED
    if unknown:
        name = sorted(unknown)[0]
        raise ValidationError(
            f"文号模板中只能使用 {{prefix}}、{{year}}、{{serial}}，不认识“{{{name}}}”。",
            field="template",
        )
    if not {"year", "serial"} <= fields:
        raise ValidationError(
            "文号模板必须包含 {year} 和 {serial}，否则文号会重复。", field="template"
        )
    if len(text) > 60:
        raise ValidationError("文号模板过长（最多 60 字）。", field="template")
    return text


def format_number(template: str, *, prefix: str, year: int, serial: int) -> str:
    """The document number for ``serial`` in ``year`` (template already checked)."""
    return check_template(template).format(prefix=prefix, year=year, serial=serial)

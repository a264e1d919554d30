import pytest

from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.notice_numbers import DEFAULT_TEMPLATES, check_template, format_number


def test_the_default_number_reads_like_an_official_one() -> None:
    number = format_number(DEFAULT_TEMPLATES["rectification"], prefix="罗", year=2026, serial=12)
    assert number == "（罗）应消整改〔2026〕12号"


def test_a_custom_template() -> None:
    assert (
        format_number("{prefix}应急责改〔{year}〕第{serial}号", prefix="泰", year=2027, serial=3)
        == "泰应急责改〔2027〕第3号"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("（罗）整改〔2026〕{serial}号", "{year}"),
        ("〔{year}〕号", "{serial}"),
        ("{prefix}{year}{serial}{unit}", "不认识"),
    ],
)
def test_templates_that_cannot_make_unique_numbers_are_refused(template: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        check_template(template)

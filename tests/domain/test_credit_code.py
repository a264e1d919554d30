import pytest

from hazard_ledger.domain.credit_code import check_character, normalize_credit_code
from hazard_ledger.domain.errors import ValidationError


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example printed in GB 32100 explanations
        "91330329MA2C000016",
    ],
)
def test_valid_codes_are_accepted_and_normalised(code: str) -> None:
    assert normalize_credit_code(f"  {code.lower()} ") == code


def test_wrong_check_character_is_refused_and_says_the_right_one() -> None:
    with pytest.raises(ValidationError, match="校验位不正确（应为 6）"):
        normalize_credit_code("91330329MA2C000017")


@pytest.mark.parametrize(
    ("code", "message"),
    [("9133032", "应为 18 位"), ("91330329MA2C00001I", "不允许的字符“I”"), ("", "应为 18 位")],
)
def test_malformed_codes_are_refused(code: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        normalize_credit_code(code)


def test_check_character_covers_the_zero_case() -> None:
    # Find a body whose weighted sum is a multiple of 31: its check character must be '0'.
    for n in range(100000):
        body = f"91330329MA2C{n:05d}"
        if check_character(body) == "0":
            assert normalize_credit_code(body + "0") == body + "0"
            return
    pytest.fail("no body with check character 0 found")

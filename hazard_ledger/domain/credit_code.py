"""统一社会信用代码 (GB 32100-2015): 18 characters, the last one a check character."""

from hazard_ledger.domain.errors import ValidationError

# The 31 characters the standard allows (no I, O, Z, S, V), in the order of their values.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The check character for the first 17 characters of a code."""
    total = sum(ALPHABET.index(ch) * weight for ch, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(text: str) -> str:
    """Return the code upper-cased and stripped, or raise ValidationError saying what is wrong."""
    code = text.strip().upper().replace(" ", "")
    if len(code) != 18:
        raise ValidationError(
            f"统一社会信用代码应为 18 位，“{text.strip()}”是 {len(code)} 位。", field="credit_code"
        )
    bad = [ch for ch in code if ch not in ALPHABET]
    if bad:
        raise ValidationError(
            f"统一社会信用代码“{code}”含有不允许的字符“{bad[0]}”（不使用 I、O、Z、S、V）。",
            field="credit_code",
        )
    expected = check_character(code[:17])
    if code[17] != expected:
        raise ValidationError(
            f"统一社会信用代码“{code}”校验位不正确（应为 {expected}），请核对。",
            field="credit_code",
        )
    return code

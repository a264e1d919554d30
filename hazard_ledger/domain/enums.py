"""Enumerations of the domain, with their Chinese labels."""

from enum import StrEnum


class HazardStatus(StrEnum):
    """Where a hazard stands in the closed loop (DESIGN §4)."""

    DISCOVERED = "discovered"
    ASSIGNED = "assigned"
    RECTIFIED = "rectified"
    VERIFIED = "verified"
    VOIDED = "voided"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self not in (HazardStatus.VERIFIED, HazardStatus.VOIDED)


_STATUS_LABELS = {
    HazardStatus.DISCOVERED: "待交办",
    HazardStatus.ASSIGNED: "整改中",
    HazardStatus.RECTIFIED: "待复查",
    HazardStatus.VERIFIED: "已闭环",
    HazardStatus.VOIDED: "已作废",
}


class HazardLevel(StrEnum):
    """一般事故隐患 or 重大事故隐患 (安监总局令第16号). Stored as the English code."""

    GENERAL = "general"
    MAJOR = "major"

    @property
    def label(self) -> str:
        return "一般" if self is HazardLevel.GENERAL else "重大"

    @classmethod
    def parse(cls, text: str) -> "HazardLevel":
        """Accept the Chinese label (一般/重大, also the long forms) or the English code."""
        from hazard_ledger.domain.errors import ValidationError

        value = text.strip()
        for level in cls:
            if value in (level.value, level.label, f"{level.label}隐患", f"{level.label}事故隐患"):
                return level
        raise ValidationError(f"隐患等级只能是“一般”或“重大”，不能是“{text}”。", field="level")


class PhotoKind(StrEnum):
    """What a photo or attachment shows."""

    BEFORE = "before"
    AFTER = "after"
    RECEIPT = "receipt"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"before": "整改前", "after": "整改后", "receipt": "签收单", "other": "其他"}[self]

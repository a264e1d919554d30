"""The 3030 profile this ledger's clocks run on, kept in ``closure_profile.json`` in the data dir.

Only the limits are stored; every clock is derived from them when read, so changing the profile
re-derives every hazard's clocks at once (nothing about clocks is stored by hand).
"""

import json
import os
from pathlib import Path
from typing import Any

from hazard_ledger.domain.clocks import DEFAULT_PROFILE, ClosureProfile, Limit, LimitUnit
from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.validation import required_text
from hazard_ledger.services.ledger import Ledger

FILE_NAME = "closure_profile.json"
USER_SOURCE = "本站在设置中设定"


def _limit(data: Any) -> Limit:
    return Limit(int(data["amount"]), LimitUnit(data["unit"]))


def _limits(data: Any) -> dict[HazardLevel, Limit]:
    return {level: _limit(data[level.value]) for level in HazardLevel}


def load_profile(ledger: Ledger) -> ClosureProfile:
    """The saved profile, or the default 3030 profile when none was saved or the file is
    unreadable."""
    try:
        data = json.loads((ledger.data_dir / FILE_NAME).read_text("utf-8"))
        return ClosureProfile(
            name=str(data["name"]),
            source=str(data.get("source") or USER_SOURCE),
            response=_limits(data["response"]),
            closure=_limits(data["closure"]),
            verification=_limit(data["verification"]),
        )
    except (OSError, ValueError, KeyError, TypeError, ValidationError):
        return DEFAULT_PROFILE


def save_profile(ledger: Ledger, profile: ClosureProfile) -> ClosureProfile:
    """Check and save (atomically). The source becomes the station's own setting."""
    name = required_text(profile.name, field="name", label="时限方案名称", max_length=30)
    for level in HazardLevel:
        closure = profile.closure[level]
        if closure.unit is LimitUnit.MINUTES:
            raise ValidationError("闭环时限应按天或工作日计。", field=f"closure_{level.value}")
    if profile.verification.unit is LimitUnit.MINUTES:
        raise ValidationError("复查时限应按天或工作日计。", field="verification")

    def plain(limit: Limit) -> dict[str, Any]:
        return {"amount": limit.amount, "unit": limit.unit.value}

    data = {
        "name": name,
        "source": USER_SOURCE,
        "response": {level.value: plain(profile.response[level]) for level in HazardLevel},
        "closure": {level.value: plain(profile.closure[level]) for level in HazardLevel},
        "verification": plain(profile.verification),
    }
    path: Path = ledger.data_dir / FILE_NAME
    tmp = path.with_suffix(".part")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return load_profile(ledger)


def reset_profile(ledger: Ledger) -> ClosureProfile:
    """Back to the default 3030 profile."""
    (ledger.data_dir / FILE_NAME).unlink(missing_ok=True)
    return DEFAULT_PROFILE

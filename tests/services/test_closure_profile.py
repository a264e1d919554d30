"""The 3030 profile saved in the data dir."""

from dataclasses import replace

import pytest

from hazard_ledger.domain.clocks import DEFAULT_PROFILE, ClosureProfile, Limit, LimitUnit
from hazard_ledger.domain.enums import HazardLevel as L
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.services.closure_profile import (
    FILE_NAME,
    USER_SOURCE,
    load_profile,
    reset_profile,
    save_profile,
)
from hazard_ledger.services.ledger import Ledger

CUSTOM = ClosureProfile(
    name="本县方案",
    source="ignored",
    response={L.MAJOR: Limit(60, LimitUnit.MINUTES), L.GENERAL: Limit(2, LimitUnit.DAYS)},
    closure={L.MAJOR: Limit(60, LimitUnit.DAYS), L.GENERAL: Limit(20, LimitUnit.WORKING_DAYS)},
    verification=Limit(5, LimitUnit.WORKING_DAYS),
)


def test_the_default_until_one_is_saved_then_the_saved_one(ledger: Ledger) -> None:
    assert load_profile(ledger) == DEFAULT_PROFILE
    saved = save_profile(ledger, CUSTOM)
    assert saved.source == USER_SOURCE and saved.name == "本县方案"
    assert load_profile(ledger).closure[L.GENERAL] == Limit(20, LimitUnit.WORKING_DAYS)
    assert reset_profile(ledger) == DEFAULT_PROFILE == load_profile(ledger)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": " "}, "name"),
        (
            {
                "closure": {
                    L.MAJOR: Limit(30, LimitUnit.MINUTES),
                    L.GENERAL: Limit(30, LimitUnit.DAYS),
                }
            },
            "closure_major",
        ),
        ({"verification": Limit(30, LimitUnit.MINUTES)}, "verification"),
    ],
)
def test_a_bad_profile_is_refused_and_nothing_written(ledger: Ledger, change, field) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as refused:
        save_profile(ledger, replace(CUSTOM, **change))
    assert refused.value.field == field
    assert not (ledger.data_dir / FILE_NAME).exists()


def test_a_damaged_file_falls_back_to_the_default(ledger: Ledger) -> None:
    (ledger.data_dir / FILE_NAME).write_text('{"name": "x", "response": 1}', encoding="utf-8")
    assert load_profile(ledger) == DEFAULT_PROFILE

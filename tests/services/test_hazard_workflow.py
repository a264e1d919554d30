"""The closed loop through the services, on a real SQLite file."""

import datetime as dt
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from hazard_ledger.db.models import Event, Hazard
from hazard_ledger.domain.enums import HazardLevel, HazardStatus, PhotoKind
from hazard_ledger.domain.errors import NotFoundError, ValidationError, WorkflowError
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import show_hazard
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from tests.conftest import TODAY, make_photo

D = dt.date


def new(ledger: Ledger, **overrides: object) -> str:
    data = {
        "unit": "鑫源五金厂",
        "description": "配电房内堆放易燃杂物，未配置灭火器",
        "location": "配电房",
        "found_on": D(2026, 11, 2),
        "inspector": "张建华、李晓峰",
    }
    data.update(overrides)
    return hazards.record_hazard(ledger, hazards.NewHazard(**data))  # type: ignore[arg-type]


def counts(ledger: Ledger) -> tuple[int, int]:
    with ledger.read() as s:
        return s.scalar(select(func.count(Event.id))), s.scalar(select(func.count(Hazard.id)))


def test_full_loop_with_fail_and_pass(ledger: Ledger, photo: Path) -> None:
    code = new(ledger, photos=[photo])
    assert code == "LY-2026-0001"
    hazards.assign_hazard(
        ledger,
        code,
        responsible="张国强",
        deadline=D(2026, 11, 10),
        phone="13800000001",
        requirement="清理杂物",
        on=D(2026, 11, 3),
    )
    assert show_hazard(ledger, code).overdue_days == 8  # today is 11-18
    hazards.rectify_hazard(
        ledger, code, measures="已清理", done_on=D(2026, 11, 12), funds_fen=50000, photos=[photo]
    )
    hazards.verify_hazard(
        ledger,
        code,
        by="李晓峰",
        passed=False,
        new_deadline=D(2026, 11, 25),
        opinion="灭火器未配置",
        on=D(2026, 11, 13),
    )
    d = show_hazard(ledger, code)
    assert d.status is HazardStatus.ASSIGNED and d.deadline == D(2026, 11, 25)
    assert d.rectified_on is None and d.verification_result == "fail" and d.overdue_days == 0
    hazards.rectify_hazard(ledger, code, measures="已配置灭火器", done_on=D(2026, 11, 15))
    hazards.verify_hazard(ledger, code, by="李晓峰", passed=True, on=D(2026, 11, 16))
    d = show_hazard(ledger, code)
    assert d.status is HazardStatus.VERIFIED
    assert [e.kind for e in d.history] == [
        "recorded",
        "assigned",
        "rectified",
        "verification_failed",
        "rectified",
        "verified",
    ]
    assert all(e.actor == "测试员" for e in d.history)
    assert d.history[1].changes["deadline"] == "2026-11-10"
    assert [p.kind for p in d.photos] == [PhotoKind.BEFORE, PhotoKind.AFTER]
    assert check_ledger(ledger).ok


def test_codes_run_per_station_and_year(ledger: Ledger) -> None:
    assert new(ledger) == "LY-2026-0001"
    assert new(ledger) == "LY-2026-0002"
    assert new(ledger, found_on=D(2025, 12, 30)) == "LY-2025-0001"
    assert new(ledger) == "LY-2026-0003"


@pytest.mark.parametrize(
    ("step", "message"),
    [
        (
            lambda lg, c: hazards.rectify_hazard(lg, c, measures="x"),
            "当前状态为“待交办”，不能整改完成",
        ),
        (lambda lg, c: hazards.verify_hazard(lg, c, by="x", passed=True), "不能复查合格"),
        (lambda lg, c: hazards.verify_hazard(lg, c, by="x", passed=False), "不能复查不合格"),
    ],
)
def test_forbidden_steps_are_refused_and_change_nothing(ledger: Ledger, step, message) -> None:  # type: ignore[no-untyped-def]
    code = new(ledger)
    before = counts(ledger), show_hazard(ledger, code)
    with pytest.raises(WorkflowError, match=message):
        step(ledger, code)
    assert (counts(ledger), show_hazard(ledger, code)) == before


def test_closed_and_voided_hazards_cannot_change(ledger: Ledger) -> None:
    code = new(ledger)
    hazards.void_hazard(ledger, code, reason="重复登记")
    for step in (
        lambda: hazards.assign_hazard(ledger, code, responsible="x", deadline=TODAY),
        lambda: hazards.void_hazard(ledger, code, reason="again"),
        lambda: hazards.edit_hazard(ledger, code, hazards.HazardEdit(description="改")),
    ):
        with pytest.raises(WorkflowError, match="已作废"):
            step()
    d = show_hazard(ledger, code)
    assert d.status is HazardStatus.VOIDED and d.void_reason == "重复登记"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"deadline": D(2026, 11, 1)}, "deadline"),  # before the assignment date
        ({"on": D(2026, 11, 19)}, "on"),  # in the future
        ({"on": D(2026, 11, 1)}, "on"),  # before the hazard was found
        ({"responsible": "  "}, "responsible"),
    ],
)
def test_bad_assignment_input_is_refused_and_changes_nothing(ledger: Ledger, kwargs, field) -> None:  # type: ignore[no-untyped-def]
    code = new(ledger)
    args = {"responsible": "张国强", "deadline": D(2026, 11, 30), "on": D(2026, 11, 5), **kwargs}
    before = counts(ledger)
    with pytest.raises(ValidationError) as refused:
        hazards.assign_hazard(ledger, code, **args)
    assert refused.value.field == field
    assert counts(ledger) == before
    assert show_hazard(ledger, code).status is HazardStatus.DISCOVERED


def test_unknown_unit_and_hazard(ledger: Ledger) -> None:
    with pytest.raises(NotFoundError, match="未找到单位“不存在的厂”"):
        new(ledger, unit="不存在的厂")
    with pytest.raises(NotFoundError, match="LY-2026-9999"):
        hazards.void_hazard(ledger, "LY-2026-9999", reason="x")


def test_future_discovery_date_is_refused(ledger: Ledger) -> None:
    with pytest.raises(ValidationError, match="发现日期"):
        new(ledger, found_on=TODAY + dt.timedelta(days=1))


def test_photos_are_resized_with_a_thumbnail_and_stored_by_content(
    ledger: Ledger, tmp_path: Path
) -> None:
    big = make_photo(tmp_path / "big.jpg", (4000, 3000))
    code = new(ledger, photos=[big, big])
    photos = show_hazard(ledger, code).photos
    assert len(photos) == 2 and photos[0].sha256 == photos[1].sha256  # one file, stored once
    with Image.open(photos[0].path) as stored:
        assert max(stored.size) == 2000 and stored.size == (2000, 1500)
    with Image.open(photos[0].thumbnail) as thumb:
        assert max(thumb.size) == 256
    assert photos[0].path.parent.parent == ledger.attachments_dir


def test_a_file_that_is_not_an_image_is_refused_and_nothing_is_saved(
    ledger: Ledger, tmp_path: Path
) -> None:
    fake = tmp_path / "整改报告.jpg"
    fake.write_text("这不是图片")
    before = counts(ledger)
    with pytest.raises(ValidationError, match="不是可识别的图片"):
        new(ledger, photos=[fake])
    truncated = tmp_path / "broken.jpg"
    truncated.write_bytes(make_photo(tmp_path / "ok.jpg").read_bytes()[:300])
    with pytest.raises(ValidationError, match=r"损坏|不是可识别"):
        new(ledger, photos=[truncated])
    assert counts(ledger) == before


def test_edit_records_only_what_changed(ledger: Ledger) -> None:
    code = new(ledger)
    assert hazards.edit_hazard(
        ledger, code, hazards.HazardEdit(location="二楼配电房", level=HazardLevel.MAJOR)
    )
    assert not hazards.edit_hazard(ledger, code, hazards.HazardEdit(location="二楼配电房"))
    d = show_hazard(ledger, code)
    assert d.location == "二楼配电房" and d.level is HazardLevel.MAJOR
    assert d.history[-1].kind == "edited"
    assert d.history[-1].changes == {"location": "二楼配电房", "level": "major"}
    assert len(d.history) == 2
    with pytest.raises(ValidationError, match="尚未交办"):
        hazards.edit_hazard(ledger, code, hazards.HazardEdit(responsible="某人"))
    hazards.edit_hazard(ledger, code, hazards.HazardEdit(unit="老街小吃店"))
    assert show_hazard(ledger, code).unit == "老街小吃店"
    assert check_ledger(ledger).ok

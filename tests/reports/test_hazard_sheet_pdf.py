"""The hazard sheet: every field, the photos before and after embedded and scaled with their
aspect ratio kept, the history; a photo file gone missing is reported, not a crash."""

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader

from hazard_ledger.domain.enums import HazardLevel, PhotoKind
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.reports.hazard_sheet_pdf import PHOTO_HEIGHT, PHOTO_WIDTH, write_hazard_sheet_pdf
from hazard_ledger.services import hazards
from hazard_ledger.services.dto import HazardDetail, StationView
from hazard_ledger.services.extensions import request_extension
from hazard_ledger.services.hazard_queries import show_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import get_local_station
from hazard_ledger.services.supervision import list_hazard, register_plan, report_progress
from tests.conftest import make_photo
from tests.reports.pdf_text import text_of

D = dt.date


def closed_hazard(ledger: Ledger, tmp_path: Path) -> HazardDetail:
    wide = make_photo(tmp_path / "配电房全景.jpg", (3000, 1500), "orange")
    tall = make_photo(tmp_path / "配电柜.jpg", (1200, 1600), "steelblue")
    after = make_photo(tmp_path / "整改后.jpg", (800, 800), "seagreen")
    code = hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="鑫源五金厂",
            description="配电房堆放杂物",
            location="配电房",
            basis="《消防法》第十六条",
            found_on=D(2026, 11, 2),
            inspector="张建华",
            photos=[wide, tall],
        ),
    )
    hazards.assign_hazard(
        ledger,
        code,
        responsible="张国强",
        deadline=D(2026, 11, 10),
        requirement="立即清理",
        on=D(2026, 11, 3),
    )
    hazards.rectify_hazard(
        ledger, code, measures="已清理", done_on=D(2026, 11, 8), funds_fen=120050, photos=[after]
    )
    hazards.verify_hazard(ledger, code, by="李晓峰", passed=True, on=D(2026, 11, 9))
    return show_hazard(ledger, code)


def station_of(ledger: Ledger) -> StationView:
    station = get_local_station(ledger)
    assert station is not None
    return station


def drawn_images(pdf: Path) -> list[tuple[float, float]]:
    """The size (points) each image is drawn at, from the page's transformation before ``Do``."""
    sizes: list[tuple[float, float]] = []
    for page in PdfReader(pdf).pages:
        last: list[float] = []

        def visit(operator: bytes, operands: list, cm: list, tm: list) -> None:  # type: ignore[type-arg]
            nonlocal last
            if operator == b"cm":
                last = [float(x) for x in operands]
            elif operator == b"Do" and last:
                sizes.append((last[0], last[3]))

        page.extract_text(visitor_operand_before=visit)
    return sizes


def embedded_images(pdf: Path) -> list[tuple[int, int]]:
    found = []
    for page in PdfReader(pdf).pages:
        objects = page["/Resources"].get("/XObject", {})
        for ref in objects.values():
            image = ref.get_object()
            if image["/Subtype"] == "/Image":
                found.append((int(image["/Width"]), int(image["/Height"])))
    return found


def test_the_sheet_shows_every_field_the_photos_and_the_history(
    ledger: Ledger, tmp_path: Path
) -> None:
    hazard = closed_hazard(ledger, tmp_path)
    pdf = tmp_path / "档案.pdf"
    printed = write_hazard_sheet_pdf(hazard, station_of(ledger), pdf)
    assert printed.problems == () and printed.pages == len(PdfReader(pdf).pages)
    text = text_of(pdf)
    before, after = text.split("整改后照片")
    for expected in (
        "罗阳镇应急消防管理站",
        "隐患档案",
        f"编号：{hazard.code}",
        "单位鑫源五金厂",
        "村(社区)城东社区",
        "状态已闭环",
        "隐患描述配电房堆放杂物",
        "部位配电房",
        "依据《消防法》第十六条",
        "发现日期2026-11-02",
        "检查人张建华",
        "整改责任人张国强",
        "整改期限2026-11-10",
        "整改措施已清理",
        "整改资金(元)1200.50",
        "复查人李晓峰",
        "复查结论合格",
        "整改前照片",
        "整改前1（配电房全景.jpg）",
        "整改前2（配电柜.jpg）",
    ):
        assert expected in before, expected
    assert "整改后1（整改后.jpg）" in after
    history = after.split("履历")[1]
    assert "时间步骤操作人" in history
    for step in ("登记", "交办", "整改完成", "复查合格"):
        assert f"{step}测试员" in history, step
    # Stored photos: the long side at most 2,000 px.
    assert sorted(embedded_images(pdf)) == sorted([(2000, 1000), (1200, 1600), (800, 800)])
    drawn = drawn_images(pdf)
    stored = [(2000, 1000), (1200, 1600), (800, 800)]  # in the order they are printed
    for (width, height), (w, h) in zip(drawn, stored, strict=True):
        assert width / height == pytest.approx(w / h, rel=1e-3)  # aspect ratio kept
        assert width <= PHOTO_WIDTH + 0.01 and height <= PHOTO_HEIGHT + 0.01
        assert max(width / PHOTO_WIDTH, height / PHOTO_HEIGHT) == pytest.approx(1, rel=1e-3)


def test_a_missing_or_damaged_photo_is_reported_and_the_rest_printed(
    ledger: Ledger, tmp_path: Path
) -> None:
    hazard = closed_hazard(ledger, tmp_path)
    gone, damaged = (p for p in hazard.photos if p.kind is PhotoKind.BEFORE)
    gone.path.unlink()
    damaged.path.write_bytes(b"not a photo at all")
    pdf = tmp_path / "档案.pdf"
    printed = write_hazard_sheet_pdf(hazard, station_of(ledger), pdf)
    assert printed.problems == (
        f"照片文件缺失：{gone.path}",
        f"照片文件无法读取：{damaged.path}",
    )
    text = text_of(pdf)
    assert "照片文件缺失" in text and "照片文件无法读取" in text and "复查结论合格" in text
    assert embedded_images(pdf) == [(800, 800)]  # the photo after the fix is still there


def test_a_hazard_without_photos_says_none(ledger: Ledger, tmp_path: Path) -> None:
    code = hazards.record_hazard(
        ledger,
        hazards.NewHazard(unit="老街小吃店", description="灭火器过期", found_on=D(2026, 11, 2)),
    )
    pdf = tmp_path / "档案.pdf"
    write_hazard_sheet_pdf(show_hazard(ledger, code), station_of(ledger), pdf)
    text = text_of(pdf)
    assert "整改前照片无。整改后照片无。履历" in text and "状态待交办" in text
    assert embedded_images(pdf) == []


def test_a_character_the_font_lacks_stops_the_sheet(ledger: Ledger, tmp_path: Path) -> None:
    code = hazards.record_hazard(
        ledger, hazards.NewHazard(unit="老街小吃店", description="𪚥字招牌松动")
    )
    pdf = tmp_path / "档案.pdf"
    with pytest.raises(ValidationError, match="缺少这些字：𪚥"):
        write_hazard_sheet_pdf(show_hazard(ledger, code), station_of(ledger), pdf)
    assert not pdf.exists()


def test_a_listed_hazard_sheet_shows_its_supervision_and_a_pending_extension(
    ledger: Ledger, tmp_path: Path
) -> None:
    major = hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="鑫源五金厂",
            description="喷漆房无可燃气体报警",
            level=HazardLevel.MAJOR,
            found_on=dt.date(2026, 11, 2),
        ),
    )
    list_hazard(
        ledger,
        major,
        level="县级",
        authority="泰顺县安委会",
        doc_no="泰安委〔2026〕8号",
        listed_on=dt.date(2026, 11, 3),
        deadline=dt.date(2027, 1, 31),
    )
    register_plan(
        ledger,
        major,
        responsibility="张国强",
        measures="加装报警装置",
        funds_fen=1_200_000,
        deadline=dt.date(2026, 12, 31),
        contingency="暂停喷漆作业",
    )
    report_progress(ledger, major, note="设备已采购", on=dt.date(2026, 11, 10))
    pdf = tmp_path / "listed.pdf"
    write_hazard_sheet_pdf(show_hazard(ledger, major), station_of(ledger), pdf)
    text = text_of(pdf)
    for expected in ("挂牌督办", "县级挂牌", "泰安委〔2026〕8号", "五落实·资金(元)", "12000.00"):
        assert expected in text, expected
    assert "2026-11-10设备已采购" in text
    general = hazards.record_hazard(
        ledger, hazards.NewHazard(unit="鑫源五金厂", description="灭火器过期")
    )
    hazards.assign_hazard(ledger, general, responsible="张国强", deadline=dt.date(2026, 11, 25))
    request_extension(ledger, general, to=dt.date(2026, 12, 5), reason="等待配件")
    write_hazard_sheet_pdf(show_hazard(ledger, general), station_of(ledger), pdf)
    assert "延期申请（待审批）" in text_of(pdf) and "等待配件" in text_of(pdf)

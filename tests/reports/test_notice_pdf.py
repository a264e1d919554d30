"""The printed 整改通知书: its text, its embedded font, long notices, missing characters."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from hazard_ledger.domain.errors import ValidationError, WorkflowError
from hazard_ledger.paths import resources_dir
from hazard_ledger.reports.fonts import resolve_fonts
from hazard_ledger.reports.notice_pdf import write_notice_pdf
from hazard_ledger.services import hazards
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import get_notice, issue_notice
from hazard_ledger.services.stations import edit_station, get_local_station
from hazard_ledger.services.units import UnitInput, edit_unit

D = dt.date
LONG = "配电房内堆放纸箱、木料等易燃杂物，未配置灭火器，配电柜前未设置绝缘垫，配电房门未上锁"


def issue(ledger: Ledger, descriptions: list[str]) -> str:
    codes = [
        hazards.record_hazard(
            ledger,
            hazards.NewHazard(
                unit="鑫源五金厂",
                description=text,
                location=f"{i}号车间",
                basis="《中华人民共和国安全生产法》第四十一条",
                found_on=D(2026, 11, 2),
            ),
        )
        for i, text in enumerate(descriptions, start=1)
    ]
    return issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=codes,
        deadline=D(2026, 11, 30),
        requirement="立即整改并书面报告",
        issued_on=D(2026, 11, 3),
        inspectors="张建华、李晓峰",
    )


def text_of(path: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_notice_says_what_it_must(ledger: Ledger, tmp_path: Path) -> None:
    number = issue(ledger, ["砂轮机未安装防护罩", "灭火器压力不足"])
    pdf = tmp_path / "notice.pdf"
    write_notice_pdf(get_notice(ledger, number), get_local_station(ledger), pdf)  # type: ignore[arg-type]
    text = text_of(pdf)
    for expected in (
        "隐患整改通知书",
        number,
        "被检查单位：鑫源五金厂",
        "发现下列2项问题",
        "砂轮机未安装防护罩",
        "灭火器压力不足",
        "立即整改并书面报告",
        "2026年11月30日前",
        "检查人员（签名）",
        "执法证号",
        "被检查单位负责人（签收）",
        "（印章）",
        "2026年11月3日",
        "本文书一式两份：一份存档，一份交被检查单位。",
    ):
        assert expected.replace(" ", "") in text, expected
    assert "行政复议" not in text  # only an enforcement order (责令…) states remedies


def test_the_font_is_embedded_as_a_subset(ledger: Ledger, tmp_path: Path) -> None:
    pdf = tmp_path / "notice.pdf"
    write_notice_pdf(get_notice(ledger, issue(ledger, ["隐患"])), get_local_station(ledger), pdf)  # type: ignore[arg-type]
    fonts = []
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None:
                fonts.append((str(font["/BaseFont"]), "/FontFile2" in descriptor.get_object()))
    chinese = [(name, embedded) for name, embedded in fonts if "WenQuanYi" in name]
    assert chinese and all(embedded for _, embedded in chinese)
    assert all(name.split("+")[0].isupper() and "+" in name for name, _ in chinese)  # subset


def test_fifteen_long_hazards_flow_over_pages(ledger: Ledger, tmp_path: Path) -> None:
    pdf = tmp_path / "long.pdf"
    number = issue(ledger, [f"{LONG}（第{i}处）" for i in range(1, 16)])
    write_notice_pdf(get_notice(ledger, number), get_local_station(ledger), pdf)  # type: ignore[arg-type]
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    text = text_of(pdf)
    for i in range(1, 16):
        assert f"（第{i}处）" in text
    second = reader.pages[1].extract_text().replace(" ", "")
    assert "隐患描述（部位）" in second  # the table header repeats
    assert "第2页" in second


def test_a_character_the_font_lacks_is_reported_before_printing(
    ledger: Ledger, tmp_path: Path
) -> None:
    number = issue(ledger, ["𪚥字号招牌松动"])
    pdf = tmp_path / "rare.pdf"
    with pytest.raises(ValidationError, match="缺少这些字：𪚥"):
        write_notice_pdf(get_notice(ledger, number), get_local_station(ledger), pdf)  # type: ignore[arg-type]
    assert not pdf.exists() and not list(tmp_path.glob("*.part"))


def test_the_enforcement_title_adds_the_remedies(ledger: Ledger, tmp_path: Path) -> None:
    from dataclasses import replace

    notice = replace(get_notice(ledger, issue(ledger, ["隐患"])), title="责令限期整改意见书")
    pdf = tmp_path / "order.pdf"
    write_notice_pdf(notice, get_local_station(ledger), pdf)  # type: ignore[arg-type]
    text = text_of(pdf)
    assert "责令限期整改意见书" in text and "六十日内" in text and "六个月内" in text


def test_fonts_resolve_to_the_shipped_truetype_font_here() -> None:
    choice = resolve_fonts()
    assert choice.embedded and "文泉驿" in choice.source and not choice.warning


def test_the_review_lists_passed_and_failed_with_the_new_deadline(
    ledger: Ledger, tmp_path: Path
) -> None:
    from hazard_ledger.reports.review_pdf import write_review_pdf
    from hazard_ledger.services.reviews import review_notice

    number = issue(ledger, ["砂轮机未安装防护罩", "灭火器压力不足"])
    first, second = (line.code for line in get_notice(ledger, number).lines)
    for code in (first, second):
        hazards.rectify_hazard(ledger, code, measures="已整改", done_on=D(2026, 11, 10))
    with pytest.raises(WorkflowError, match=f"尚未复查.*{first}"):
        review_notice(ledger, number)
    hazards.verify_hazard(ledger, first, by="李晓峰", passed=True, on=D(2026, 11, 12))
    hazards.verify_hazard(
        ledger,
        second,
        by="李晓峰",
        passed=False,
        on=D(2026, 11, 12),
        new_deadline=D(2026, 11, 26),
        opinion="灭火器仍未更换",
    )
    review = get_notice(ledger, review_notice(ledger, number))
    assert review.number == "（罗）应消复查〔2026〕1号"
    assert review.refers_to_number == number and review.refers_to_issued_on == D(2026, 11, 3)
    assert [(line.code, line.result) for line in review.lines] == [
        (first, "pass"),
        (second, "fail"),
    ]
    pdf = tmp_path / "review.pdf"
    write_review_pdf(review, get_local_station(ledger), pdf)  # type: ignore[arg-type]
    text = text_of(pdf)
    passed_part, failed_part = text.split("二、未整改到位的隐患")
    assert "整改复查意见书" in text and number in text and "2026年11月3日" in text
    assert "砂轮机未安装防护罩" in passed_part and "灭火器压力不足" not in passed_part
    assert "灭火器压力不足" in failed_part and "2026年11月26日前" in failed_part
    assert "灭火器仍未更换" in failed_part and "执法证号" in text
    assert check_ledger(ledger).ok


def test_the_proof_of_service(ledger: Ledger, tmp_path: Path) -> None:
    from hazard_ledger.reports.receipt_pdf import write_receipt_pdf
    from hazard_ledger.services.notices import serve_notice

    number = issue(ledger, ["隐患"])
    station = get_local_station(ledger)
    blank = tmp_path / "blank.pdf"
    write_receipt_pdf(get_notice(ledger, number), station, blank)  # type: ignore[arg-type]
    text = text_of(blank)
    assert "送达回证" in text and number in text and "鑫源五金厂" in text and "直接送达" in text
    assert "一式两份" not in text
    serve_notice(ledger, number, refused=True, witness="城东社区王某", on=D(2026, 11, 5))
    refused = tmp_path / "refused.pdf"
    write_receipt_pdf(get_notice(ledger, number), station, refused)  # type: ignore[arg-type]
    text = text_of(refused)
    assert "拒绝签收（见证人：城东社区王某）" in text and "留置送达" in text
    assert "2026年11月5日" in text


def test_a_reprint_is_identical_after_edits_and_renames(ledger: Ledger, tmp_path: Path) -> None:
    number = issue(ledger, ["砂轮机未安装防护罩"])
    first, again = tmp_path / "first.pdf", tmp_path / "again.pdf"
    write_notice_pdf(get_notice(ledger, number), get_local_station(ledger), first)  # type: ignore[arg-type]
    code = get_notice(ledger, number).lines[0].code
    hazards.edit_hazard(ledger, code, hazards.HazardEdit(description="改过的描述"))
    edit_unit(ledger, "鑫源五金厂", UnitInput(name="鑫源五金制品有限公司"))
    edit_station(ledger, name="罗阳镇应急管理站")
    write_notice_pdf(get_notice(ledger, number), get_local_station(ledger), again)  # type: ignore[arg-type]
    assert text_of(again) == text_of(first)
    assert "罗阳镇应急消防管理站" in text_of(again) and "改过的描述" not in text_of(again)


def test_two_font_files_of_the_same_name_are_two_fonts(tmp_path: Path) -> None:
    shipped = resources_dir() / "fonts" / "wqy-microhei.ttc"
    first, second = tmp_path / "a" / "仿宋.ttc", tmp_path / "b" / "仿宋.ttc"
    for target in (first, second):
        target.parent.mkdir()
        shutil.copyfile(shipped, target)
    one, two = resolve_fonts(str(first)), resolve_fonts(str(second))
    assert one.embedded and two.embedded and one.body != two.body
    assert resolve_fonts(str(first)).body == one.body  # the same file: the same font

"""The 挂牌督办 documents: the notice to the unit and the 整改验收销号审批表, read back from the
PDF; both drawn by poppler; a missing glyph refuses; the printed ledger marks listed hazards."""

import datetime as dt
from pathlib import Path

import pytest

from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.reports.ledger_pdf import write_ledger_pdf
from hazard_ledger.reports.supervision_pdf import (
    write_acceptance_form_pdf,
    write_listing_notice_pdf,
)
from hazard_ledger.services import hazards
from hazard_ledger.services.dto import StationView
from hazard_ledger.services.hazard_queries import HazardFilter, show_hazard
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.ledger_rows import ledger_rows
from hazard_ledger.services.stations import get_local_station
from hazard_ledger.services.supervision import (
    apply_acceptance,
    decide_acceptance,
    delist,
    get_supervision,
    list_hazard,
    register_plan,
    report_progress,
)
from tests.reports.pdf_text import page_texts, text_of
from tests.reports.test_rendering import dark_pixels, first_page_png

D = dt.date


def listed(ledger: Ledger, *, supervisor: str = "泰顺县应急管理局", description: str = "") -> str:
    code = hazards.record_hazard(
        ledger,
        hazards.NewHazard(
            unit="鑫源五金厂",
            description=description or "喷漆房未设置可燃气体报警装置",
            location="喷漆房",
            basis="《工贸企业重大事故隐患判定标准》第十一条",
            level=HazardLevel.MAJOR,
            found_on=D(2026, 11, 2),
        ),
    )
    list_hazard(
        ledger,
        code,
        level="县级",
        authority="泰顺县安委会",
        supervisor=supervisor,
        doc_no="泰安委〔2026〕8号",
        listed_on=D(2026, 11, 3),
        deadline=D(2027, 1, 31),
    )
    return code


def closed(ledger: Ledger, photo: Path) -> str:
    code = listed(ledger)
    register_plan(
        ledger,
        code,
        responsibility="鑫源五金厂 张国强（厂长）",
        measures="加装可燃气体报警装置并与排风系统联锁",
        funds_fen=1_200_050,
        deadline=D(2026, 12, 31),
        contingency="整改期间喷漆作业暂停，配备灭火器材",
    )
    report_progress(ledger, code, note="报警装置已采购", on=D(2026, 11, 10), photos=[photo])
    report_progress(ledger, code, note="报警装置安装完毕，联锁调试中", on=D(2026, 11, 14))
    apply_acceptance(ledger, code, on=D(2026, 11, 15))
    decide_acceptance(
        ledger, code, passed=True, by="县应急管理局验收组", on=D(2026, 11, 16), opinion="联锁有效"
    )
    delist(ledger, code, on=D(2026, 11, 17))
    return code


def station(ledger: Ledger) -> StationView:
    found = get_local_station(ledger)
    assert found is not None
    return found


def notice(ledger: Ledger, code: str, target: Path) -> int:
    view = get_supervision(ledger, code)
    assert view is not None
    return write_listing_notice_pdf(view, show_hazard(ledger, code), station(ledger), target).pages


def form(ledger: Ledger, code: str, target: Path) -> int:
    view = get_supervision(ledger, code)
    assert view is not None
    return write_acceptance_form_pdf(view, show_hazard(ledger, code), station(ledger), target).pages


def test_the_notice_tells_the_unit_what_the_listing_requires(
    ledger: Ledger, tmp_path: Path
) -> None:
    code = listed(ledger)
    pdf = tmp_path / "notice.pdf"
    assert notice(ledger, code, pdf) == 1
    text = text_of(pdf)
    for expected in (
        "泰顺县安委会重大事故隐患挂牌督办通知书泰安委〔2026〕8号",  # issuer, title, 文号
        "鑫源五金厂：",
        "经泰顺县安委会研究决定，你单位存在的下列重大事故隐患列入县级挂牌督办",
        f"隐患编号{code}发现日期2026年11月2日",
        "隐患内容喷漆房未设置可燃气体报警装置（喷漆房）",
        "判定依据《工贸企业重大事故隐患判定标准》第十一条",
        "督办单位泰顺县应急管理局整改期限2027年1月31日前",
        "“五落实”",
        "报泰顺县应急管理局备案",
        "公示牌",
        "经泰顺县安委会同意",
        "未经验收合格并销号，不得自行宣布整改完成",
        "被督办单位负责人（签收）",
        "泰顺县安委会（印章）2026年11月3日",
        "抄送：泰顺县应急管理局，罗阳镇应急消防管理站。",
        "本通知书一式三份",
        "第1页/共1页",
    ):
        assert expected in text, expected


def test_without_a_supervising_department_the_authority_supervises(
    ledger: Ledger, tmp_path: Path
) -> None:
    code = listed(ledger, supervisor="")
    pdf = tmp_path / "notice.pdf"
    notice(ledger, code, pdf)
    text = text_of(pdf)
    assert "督办单位泰顺县安委会整改期限" in text and "报泰顺县安委会备案" in text
    assert "抄送：罗阳镇应急消防管理站。" in text


def test_the_form_before_acceptance_leaves_the_opinions_blank(
    ledger: Ledger, tmp_path: Path
) -> None:
    code = listed(ledger)
    pdf = tmp_path / "form.pdf"
    assert form(ledger, code, pdf) == 1
    text = text_of(pdf)
    for expected in (
        "重大事故隐患整改验收销号审批表",
        "填报单位：罗阳镇应急消防管理站填报日期：年月日",
        "单位名称鑫源五金厂",
        f"隐患编号{code}村（社区）城东社区",
        "挂牌级别县级挂牌日期2026年11月3日",
        "挂牌文号泰安委〔2026〕8号督办期限2027年1月31日前",
        "挂牌单位泰顺县安委会督办单位泰顺县应急管理局",
        "整改进展无。",
        "验收组意见验收组成员（签名）：年月日",
        "督办单位意见（签章）年月日",
        "挂牌单位销号意见（签章）年月日",
    ):
        assert expected in text, expected
    assert "验收结论" not in text and "同意销号" not in text


def test_the_form_after_delisting_carries_the_whole_record(
    ledger: Ledger, tmp_path: Path, photo: Path
) -> None:
    code = closed(ledger, photo)
    pdf = tmp_path / "form.pdf"
    form(ledger, code, pdf)
    text = text_of(pdf)
    for expected in (
        "五落实情况责任鑫源五金厂张国强（厂长）",
        "措施加装可燃气体报警装置并与排风系统联锁",
        "资金12000.50元",
        "时限2026年12月31日前",
        "预案整改期间喷漆作业暂停，配备灭火器材",
        "整改进展2026年11月10日：报警装置已采购（附照片1张）"
        "2026年11月14日：报警装置安装完毕，联锁调试中",
        "申请验收日期2026年11月15日",
        "验收结论：验收合格。验收意见：联锁有效验收单位：县应急管理局验收组",
        "验收组成员（签名）：2026年11月16日",
        "同意销号。（签章）2026年11月17日",
    ):
        assert expected in text, expected


def test_both_render_with_their_title_drawn(ledger: Ledger, tmp_path: Path) -> None:
    code = listed(ledger)
    for write in (notice, form):
        pdf = tmp_path / f"{write.__name__}.pdf"
        write(ledger, code, pdf)
        page = first_page_png(pdf)
        assert dark_pixels(page, (0, 0, 210, 30)) == 0  # the top margin is blank
        assert dark_pixels(page, (50, 37, 160, 60)) > 100  # the title under it
        assert dark_pixels(page, (28, 90, 184, 150)) > 1000  # the table and its text


def test_a_character_the_font_lacks_refuses_both(ledger: Ledger, tmp_path: Path) -> None:
    code = listed(ledger, description="𪚥字号招牌松动")
    for write in (notice, form):
        pdf = tmp_path / "x.pdf"
        with pytest.raises(ValidationError, match="缺少这些字：𪚥"):
            write(ledger, code, pdf)
        assert not pdf.exists() and not list(tmp_path.glob("*.part"))


def test_the_printed_ledger_marks_listed_and_delisted_hazards(
    ledger: Ledger, tmp_path: Path, photo: Path
) -> None:
    done = closed(ledger, photo)
    open_ = listed(ledger, description="储罐区可燃气体报警器失效")
    plain = hazards.record_hazard(
        ledger, hazards.NewHazard(unit="鑫源五金厂", description="灭火器过期")
    )
    pdf = tmp_path / "ledger.pdf"
    rows = ledger_rows(ledger, HazardFilter(), sort="code")
    write_ledger_pdf(rows, station(ledger), pdf, selection="全部隐患", printed_on=ledger.today())
    (page,) = page_texts(pdf)
    assert f"{done}挂牌已销号" in page and f"{open_}县级挂牌" in page
    after_plain = page[page.index(plain) + len(plain) :]
    assert not after_plain.startswith(("县级", "挂牌"))

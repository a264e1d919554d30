"""整改通知书: issuing assigns the hazards in one transaction; numbers are never reused."""

import datetime as dt

import pytest
from sqlalchemy import event, func, select

from hazard_ledger.db.models import Event
from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.errors import NotFoundError, ValidationError, WorkflowError
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import show_hazard
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import (
    NoticeView,
    VoidResult,
    get_notice,
    issue_notice,
    list_notices,
    serve_notice,
    void_notice,
)
from hazard_ledger.services.reviews import review_notice
from hazard_ledger.services.stations import edit_station
from hazard_ledger.services.units import UnitInput, edit_unit

D = dt.date


def record(ledger: Ledger, unit: str = "鑫源五金厂", text: str = "配电房堆放杂物") -> str:
    return hazards.record_hazard(
        ledger, hazards.NewHazard(unit=unit, description=text, found_on=D(2026, 11, 2))
    )


def events(ledger: Ledger) -> int:
    with ledger.read() as session:
        return session.scalar(select(func.count(Event.id)))


def test_issuing_numbers_the_notice_and_assigns_every_hazard(ledger: Ledger) -> None:
    a, b = record(ledger), record(ledger, text="灭火器过期")
    number = issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=[a, b],
        deadline=D(2026, 11, 25),
        deadlines={b: D(2026, 11, 20)},
        requirement="限期整改到位",
        issued_on=D(2026, 11, 3),
        inspected_on=D(2026, 11, 2),
        inspectors="张建华、李晓峰",
    )
    assert number == "（罗）应消整改〔2026〕1号"
    for code, deadline in ((a, D(2026, 11, 25)), (b, D(2026, 11, 20))):
        detail = show_hazard(ledger, code)
        assert detail.status is HazardStatus.ASSIGNED and detail.deadline == deadline
        assert detail.responsible == "张国强"  # the unit's contact
        assert detail.requirement == "限期整改到位"
    notice = get_notice(ledger, number)
    assert [line.code for line in notice.lines] == [a, b]
    assert notice.title == "隐患整改通知书" and notice.unit == "鑫源五金厂"
    assert check_ledger(ledger).ok


def test_numbers_run_per_year_and_a_voided_number_is_not_reused(ledger: Ledger) -> None:
    first = issue_notice(ledger, unit="鑫源五金厂", codes=[record(ledger)], deadline=D(2026, 12, 1))
    void_notice(ledger, first, reason="单位名称写错")
    second = issue_notice(
        ledger, unit="鑫源五金厂", codes=[record(ledger)], deadline=D(2026, 12, 1)
    )
    assert (first, second) == ("（罗）应消整改〔2026〕1号", "（罗）应消整改〔2026〕2号")
    voided = get_notice(ledger, first)
    assert voided.status == "voided" and voided.void_reason == "单位名称写错"
    with pytest.raises(WorkflowError, match="已经作废"):
        void_notice(ledger, first, reason="again")
    assert [n.number for n in list_notices(ledger, "2号")] == [second]
    assert len(list_notices(ledger, "鑫源")) == 2
    assert check_ledger(ledger).ok


def test_voiding_a_notice_withdraws_its_assignments_so_a_corrected_one_can_be_issued(
    ledger: Ledger,
) -> None:
    untouched, fixed = record(ledger), record(ledger, text="灭火器过期")
    first = issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=[untouched, fixed],
        deadline=D(2026, 12, 1),
        requirement="写错的要求",
        responsible="张国强",
    )
    hazards.rectify_hazard(ledger, fixed, measures="已更换灭火器")
    result = void_notice(ledger, first, reason="整改要求写错")
    assert result.withdrawn == (untouched,) and result.kept == (fixed,)
    back = show_hazard(ledger, untouched)
    assert back.status is HazardStatus.DISCOVERED
    assert (back.responsible, back.requirement, back.assigned_on, back.deadline) == (
        "",
        "",
        None,
        None,
    )
    assert back.history[-1].label == "撤回交办"
    assert show_hazard(ledger, fixed).status is HazardStatus.RECTIFIED
    second = issue_notice(
        ledger, unit="鑫源五金厂", codes=[untouched], deadline=D(2026, 12, 5), responsible="张国强"
    )
    assert show_hazard(ledger, untouched).deadline == D(2026, 12, 5)
    assert second != first
    assert check_ledger(ledger).ok


def test_voiding_a_review_leaves_the_hazards_alone(ledger: Ledger) -> None:
    code = record(ledger)
    number = issue_notice(ledger, unit="鑫源五金厂", codes=[code], deadline=D(2026, 12, 1))
    hazards.rectify_hazard(ledger, code, measures="已清理")
    hazards.verify_hazard(ledger, code, by="李晓峰", passed=True)
    review = review_notice(ledger, number)
    assert void_notice(ledger, review, reason="日期写错") == VoidResult((), ())
    assert show_hazard(ledger, code).status is HazardStatus.VERIFIED
    assert check_ledger(ledger).ok


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"unit": "老街小吃店"}, ValidationError, "不属于"),
        ({"deadline": None}, ValidationError, "整改期限"),
        ({"deadline": D(2026, 11, 1)}, ValidationError, "不能早于下发日期"),
        ({"codes": []}, ValidationError, "请选择"),
        ({"unit": "无此单位"}, NotFoundError, "未找到单位"),
    ],
)
def test_bad_notices_are_refused_and_change_nothing(ledger: Ledger, kwargs, error, message) -> None:  # type: ignore[no-untyped-def]
    code = record(ledger)
    before = events(ledger)
    args = {"unit": "鑫源五金厂", "codes": [code], "deadline": D(2026, 11, 30), **kwargs}
    with pytest.raises(error, match=message):
        issue_notice(ledger, **args)
    assert events(ledger) == before
    assert show_hazard(ledger, code).status is HazardStatus.DISCOVERED
    assert list_notices(ledger) == []


def test_a_hazard_already_assigned_cannot_be_noticed_again(ledger: Ledger) -> None:
    code = record(ledger)
    other = record(ledger, text="另一条")
    issue_notice(ledger, unit="鑫源五金厂", codes=[code], deadline=D(2026, 11, 30))
    before = events(ledger)
    with pytest.raises(WorkflowError, match="不能交办"):
        issue_notice(ledger, unit="鑫源五金厂", codes=[other, code], deadline=D(2026, 11, 30))
    assert events(ledger) == before  # the other hazard was not assigned either
    assert show_hazard(ledger, other).status is HazardStatus.DISCOVERED


def test_service_is_recorded_once_or_refusal_with_a_witness(ledger: Ledger) -> None:
    one = issue_notice(ledger, unit="鑫源五金厂", codes=[record(ledger)], deadline=D(2026, 12, 1))
    serve_notice(ledger, one, to="张国强", on=D(2026, 11, 18))
    assert get_notice(ledger, one).served_to == "张国强"
    with pytest.raises(WorkflowError, match="已于 2026-11-18 登记送达"):
        serve_notice(ledger, one, to="张国强")
    two = issue_notice(ledger, unit="鑫源五金厂", codes=[record(ledger)], deadline=D(2026, 12, 1))
    with pytest.raises(ValidationError, match="见证人"):
        serve_notice(ledger, two, refused=True)
    serve_notice(ledger, two, refused=True, witness="村干部王某")
    assert get_notice(ledger, two).refused and get_notice(ledger, two).witness == "村干部王某"
    assert check_ledger(ledger).ok


def test_the_title_and_number_template_come_from_the_settings(ledger: Ledger) -> None:
    from dataclasses import replace

    from hazard_ledger.services.preferences import load_preferences, save_preferences

    prefs = load_preferences(ledger)
    with pytest.raises(ValidationError, match="必须包含"):
        save_preferences(ledger, replace(prefs, notice_number_template="罗应急〔{year}〕号"))
    save_preferences(
        ledger,
        replace(
            prefs,
            notice_title="责令限期整改意见书",
            notice_number_template="罗应急责改〔{year}〕{serial}号",
        ),
    )
    number = issue_notice(
        ledger, unit="鑫源五金厂", codes=[record(ledger)], deadline=D(2026, 12, 1)
    )
    assert number == "罗应急责改〔2026〕1号"
    assert get_notice(ledger, number).title == "责令限期整改意见书"


def test_a_failing_preflight_leaves_the_ledger_as_it_was(ledger: Ledger) -> None:
    code = record(ledger)
    before = events(ledger)
    seen = []

    def refuse(view: NoticeView) -> None:
        seen.append(view)
        raise ValidationError("所用字体缺少这些字：䶮")

    with pytest.raises(ValidationError, match="䶮"):
        issue_notice(
            ledger, unit="鑫源五金厂", codes=[code], deadline=D(2026, 12, 1), preflight=refuse
        )
    # It saw the notice exactly as it would have been printed, then the whole issue rolled back.
    assert seen[0].number == "（罗）应消整改〔2026〕1号" and seen[0].lines[0].code == code
    assert events(ledger) == before and list_notices(ledger) == []
    assert show_hazard(ledger, code).status is HazardStatus.DISCOVERED
    # The number was not used up.
    assert issue_notice(ledger, unit="鑫源五金厂", codes=[code], deadline=D(2026, 12, 1)) == (
        "（罗）应消整改〔2026〕1号"
    )


def test_a_notice_keeps_the_text_it_was_printed_with(ledger: Ledger) -> None:
    code = record(ledger)
    number = issue_notice(ledger, unit="鑫源五金厂", codes=[code], deadline=D(2026, 12, 1))
    first = get_notice(ledger, number)
    hazards.edit_hazard(ledger, code, hazards.HazardEdit(description="改过的描述", location="仓库"))
    edit_unit(ledger, "鑫源五金厂", UnitInput(name="鑫源五金制品有限公司"))
    edit_station(ledger, name="罗阳镇应急管理站")
    again = get_notice(ledger, number)
    assert again == first
    assert (again.unit, again.issuer) == ("鑫源五金厂", "罗阳镇应急消防管理站")
    assert again.lines[0].description == "配电房堆放杂物"
    assert check_ledger(ledger).ok


def test_a_second_review_answers_the_failed_items_of_the_first(ledger: Ledger) -> None:
    good, bad = record(ledger), record(ledger, text="灭火器过期")
    number = issue_notice(
        ledger,
        unit="鑫源五金厂",
        codes=[good, bad],
        deadline=D(2026, 11, 20),
        issued_on=D(2026, 11, 10),
    )
    for code in (good, bad):
        hazards.rectify_hazard(ledger, code, measures="已整改", done_on=D(2026, 11, 12))
    hazards.verify_hazard(ledger, good, by="李晓峰", passed=True, on=D(2026, 11, 13))
    hazards.verify_hazard(
        ledger, bad, by="李晓峰", passed=False, on=D(2026, 11, 13), new_deadline=D(2026, 11, 30)
    )
    first = review_notice(ledger, number, issued_on=D(2026, 11, 13))
    # Nothing was verified again since: a second review would say the same.
    with pytest.raises(WorkflowError, match=bad):
        review_notice(ledger, number)
    hazards.rectify_hazard(ledger, bad, measures="已更换", done_on=D(2026, 11, 16))
    hazards.verify_hazard(ledger, bad, by="李晓峰", passed=True, on=D(2026, 11, 17))
    second = get_notice(ledger, review_notice(ledger, number))
    assert second.number != first and [line.result for line in second.lines] == ["pass", "pass"]
    with pytest.raises(WorkflowError, match="全部复查合格"):
        review_notice(ledger, number)
    assert check_ledger(ledger).ok


def test_listing_notices_takes_a_constant_number_of_queries(ledger: Ledger) -> None:
    def statements() -> int:
        seen: list[object] = []

        def count(*args: object) -> None:
            seen.append(args)

        event.listen(ledger.engine, "before_cursor_execute", count)
        try:
            list_notices(ledger)
        finally:
            event.remove(ledger.engine, "before_cursor_execute", count)
        return len(seen)

    def notices(n: int) -> None:
        for _ in range(n):
            issue_notice(ledger, unit="鑫源五金厂", codes=[record(ledger)], deadline=D(2026, 12, 1))

    notices(2)
    few = statements()
    notices(12)
    assert len(list_notices(ledger)) == 14 and statements() == few

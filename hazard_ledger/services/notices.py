"""整改通知书: issue (which assigns the hazards it lists), record service (送达), void, list.

Issuing is one transaction: the notice with its number, its items, and the 交办 step of every
hazard it lists (each step's event names the notice). A voided notice keeps its number.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from hazard_ledger.db.models import Hazard, Notice, NoticeItem, Station, Unit
from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.errors import NotFoundError, ValidationError, WorkflowError
from hazard_ledger.domain.notice_numbers import format_number
from hazard_ledger.domain.validation import not_after, not_before, optional_text, required_text
from hazard_ledger.domain.workflow import Action, next_status
from hazard_ledger.services.batches import chunks
from hazard_ledger.services.events import append_record_event
from hazard_ledger.services.hazards import get_hazard_row, record_step
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.preferences import load_preferences
from hazard_ledger.services.snapshots import changed, snapshot
from hazard_ledger.services.stations import local_station
from hazard_ledger.services.units import find_unit

MAX_ITEMS = 60


@dataclass(frozen=True, slots=True)
class NoticeLine:
    code: str
    description: str
    location: str
    basis: str
    deadline: dt.date | None
    requirement: str
    result: str


@dataclass(frozen=True, slots=True)
class NoticeView:
    uuid: str
    number: str
    title: str
    kind: str
    status: str
    unit: str
    issued_on: dt.date
    inspected_on: dt.date | None
    inspected_place: str
    inspectors: str
    served_on: dt.date | None
    served_to: str
    refused: bool
    witness: str
    void_reason: str
    lines: tuple[NoticeLine, ...]
    refers_to_number: str = ""
    refers_to_issued_on: dt.date | None = None
    refers_to_title: str = ""
    issuer: str = ""  # the station's name as printed at issue ("" on older notices)
    # The station that issued it: in a county ledger, an imported one (read-only here).
    station_code: str = ""
    station_local: bool = True


# Checks a document before it is committed (see issue_notice).
Preflight = Callable[[NoticeView], None]


def issue_notice(
    ledger: Ledger,
    *,
    unit: str,
    codes: Sequence[str],
    deadline: dt.date | None = None,
    deadlines: dict[str, dt.date] | None = None,
    requirement: str = "",
    responsible: str = "",
    issued_on: dt.date | None = None,
    inspected_on: dt.date | None = None,
    inspected_place: str = "",
    inspectors: str = "",
    preflight: Preflight | None = None,
) -> str:
    """Issue a 整改通知书 to ``unit`` for the hazards ``codes`` (all 待交办, all of that unit);
    each gets ``deadlines[code]`` or the common ``deadline``. Returns the document number.

    ``preflight`` sees the notice as it will print, before the transaction commits; whatever it
    raises (say, a character the font lacks) leaves the ledger as it was."""
    today = ledger.today()
    issued_on = issued_on or today
    not_after(issued_on, today, field="issued_on", label="下发日期", limit_label="今天")
    if inspected_on is not None:
        not_after(
            inspected_on, issued_on, field="inspected_on", label="检查日期", limit_label="下发日期"
        )
    wanted = list(dict.fromkeys(code.strip().upper() for code in codes if code.strip()))
    if not wanted:
        raise ValidationError("请选择通知书要列出的隐患。", field="hazards")
    if len(wanted) > MAX_ITEMS:
        raise ValidationError(f"一份通知书最多列 {MAX_ITEMS} 条隐患。", field="hazards")
    requirement = optional_text(requirement, field="requirement", label="整改要求")
    inspected_place = optional_text(
        inspected_place, field="inspected_place", label="检查地点", max_length=200
    )
    inspectors = optional_text(inspectors, field="inspectors", label="检查人员", max_length=200)
    prefs = load_preferences(ledger)
    with ledger.write() as session:
        station = local_station(session)
        target = find_unit(session, station.uuid, unit)
        rows = [get_hazard_row(session, code) for code in wanted]
        for hazard in rows:
            if hazard.unit_uuid != target.uuid:
                raise ValidationError(
                    f"隐患 {hazard.code} 不属于“{target.name}”，不能列入其通知书。", field="hazards"
                )
            next_status(HazardStatus(hazard.status), Action.ASSIGN, code=hazard.code)
            not_before(
                issued_on,
                hazard.found_on,
                field="issued_on",
                label="下发日期",
                limit_label=f"隐患 {hazard.code} 的发现日期",
            )
        due = {h.code: (deadlines or {}).get(h.code, deadline) for h in rows}
        for code, day in due.items():
            if day is None:
                raise ValidationError(f"请为隐患 {code} 填写整改期限。", field="deadline")
            not_before(
                day,
                issued_on,
                field="deadline",
                label=f"隐患 {code} 的整改期限",
                limit_label="下发日期",
            )
        who = required_text(
            responsible or target.contact,
            field="responsible",
            label="整改责任人（或单位联系人）",
            max_length=50,
        )
        title = optional_text(prefs.notice_title, field="title", label="文书名称", max_length=50)
        notice = numbered_notice(
            session,
            station,
            "rectification",
            prefs.notice_number_template,
            issued_on,
            unit_uuid=target.uuid,
            unit_name=target.name,
            title=title or "隐患整改通知书",
            inspected_on=inspected_on,
            inspected_place=inspected_place,
            inspectors=inspectors,
        )
        notice.items = [
            NoticeItem(
                hazard_uuid=h.uuid,
                position=i,
                deadline=due[h.code],
                requirement=requirement or h.requirement,
                result="",
                **printed_text(h),
            )
            for i, h in enumerate(rows, start=1)
        ]
        session.add(notice)
        session.flush()
        append_record_event(
            session, notice, kind="issued", actor=ledger.operator, changes=snapshot(notice)
        )
        for hazard, item in zip(rows, notice.items, strict=True):
            updates = {
                "responsible": who,
                "responsible_phone": target.phone,
                "requirement": item.requirement,
                "assigned_on": issued_on,
                "deadline": item.deadline,
            }
            record_step(session, ledger, hazard, Action.ASSIGN, updates, {"notice": notice.number})
        if preflight is not None:
            preflight(notice_view(session, notice))
        return notice.number


def printed_text(hazard: Hazard) -> dict[str, str]:
    """A hazard's text as a notice prints it, kept on the notice line so reprints match."""
    return {"description": hazard.description, "location": hazard.location, "basis": hazard.basis}


def numbered_notice(
    session: Session,
    station: Station,
    kind: str,
    template: str,
    issued_on: dt.date,
    **fields: object,
) -> Notice:
    """A new notice of ``kind`` with the next serial of its year and the number ``template``
    makes of it (voided notices count: numbers are never given twice)."""
    serial = _next_serial(session, station.uuid, kind, issued_on.year)
    number = format_number(template, prefix=station.doc_prefix, year=issued_on.year, serial=serial)
    return Notice(
        station_uuid=station.uuid,
        issuer=station.name,
        kind=kind,
        number=number,
        year=issued_on.year,
        serial=serial,
        status="issued",
        issued_on=issued_on,
        served_to="",
        witness="",
        void_reason="",
        refused=False,
        **fields,
    )


def _next_serial(session: Session, station_uuid: str, kind: str, year: int) -> int:
    """The next serial: voided notices count, so a number is never given twice."""
    last = session.scalar(
        select(func.max(Notice.serial)).where(
            Notice.station_uuid == station_uuid, Notice.kind == kind, Notice.year == year
        )
    )
    return (last or 0) + 1


def find_notice(session: Session, number: str) -> Notice:
    # Numbers are unique per station; in a county ledger this station's own notice comes first
    # (the window names an imported one by its uuid).
    key = number.strip()
    notice = session.scalars(
        select(Notice)
        .join(Station, Station.uuid == Notice.station_uuid)
        .where(or_(Notice.number == key, Notice.uuid == key))
        .order_by(Station.is_local.desc(), Notice.id)
    ).first()
    if notice is None:
        raise NotFoundError(f"未找到文号为“{number}”的文书。", field="number")
    return notice


def _update(session: Session, ledger: Ledger, notice: Notice, kind: str, values: dict) -> None:  # type: ignore[type-arg]
    before = snapshot(notice)
    for key, value in values.items():
        setattr(notice, key, value)
    session.flush()
    append_record_event(
        session, notice, kind=kind, actor=ledger.operator, changes=changed(before, snapshot(notice))
    )


def serve_notice(
    ledger: Ledger,
    number: str,
    *,
    to: str = "",
    on: dt.date | None = None,
    refused: bool = False,
    witness: str = "",
) -> None:
    """送达: who received it and when, or that the unit refused it (with a witness)."""
    served_on = on or ledger.today()
    not_after(served_on, ledger.today(), field="on", label="送达日期", limit_label="今天")
    if refused:
        values = {
            "refused": True,
            "served_to": optional_text(to, field="to", label="受送达人", max_length=50),
            "witness": required_text(witness, field="witness", label="见证人", max_length=50),
        }
    else:
        values = {
            "refused": False,
            "witness": "",
            "served_to": required_text(to, field="to", label="签收人", max_length=50),
        }
    with ledger.write() as session:
        notice = find_notice(session, number)
        if notice.status == "voided":
            raise WorkflowError(f"文书 {notice.number} 已作废，不能登记送达。")
        if notice.served_on is not None:
            raise WorkflowError(f"文书 {notice.number} 已于 {notice.served_on} 登记送达。")
        not_before(
            served_on, notice.issued_on, field="on", label="送达日期", limit_label="下发日期"
        )
        _update(session, ledger, notice, "served", {**values, "served_on": served_on})


@dataclass(frozen=True, slots=True)
class VoidResult:
    """What voiding a notice did to the hazards it listed."""

    withdrawn: tuple[str, ...]  # back to 待交办, ready for a corrected notice
    kept: tuple[str, ...]  # already past the 交办 (fix reported or verified): left as they are


# A hazard whose 交办 is withdrawn looks as it did before it: 待交办, nobody named, no deadline.
_UNASSIGNED = {
    "responsible": "",
    "responsible_phone": "",
    "requirement": "",
    "assigned_on": None,
    "deadline": None,
}


def void_notice(ledger: Ledger, number: str, *, reason: str) -> VoidResult:
    """作废 a spoiled notice: it keeps its number (never reused) and stays on record.

    Issuing a 整改通知书 was the 交办 of its hazards, so voiding it takes that 交办 back, in the
    same transaction, for every listed hazard still 整改中 with no fix reported or verified
    since: they return to 待交办 and can be put on a corrected notice. Hazards already further
    on keep their assignment (the work happened; only the paper was spoiled)."""
    reason = required_text(reason, field="reason", label="作废原因")
    with ledger.write() as session:
        notice = find_notice(session, number)
        if notice.status == "voided":
            raise WorkflowError(f"文书 {notice.number} 已经作废。")
        _update(session, ledger, notice, "voided", {"status": "voided", "void_reason": reason})
        if notice.kind != "rectification":
            return VoidResult((), ())
        listed = session.scalars(
            select(Hazard)
            .join(NoticeItem, NoticeItem.hazard_uuid == Hazard.uuid)
            .where(NoticeItem.notice_uuid == notice.uuid)
            .order_by(NoticeItem.position)
        ).all()
        withdrawn, kept = [], []
        for hazard in listed:
            untouched = hazard.status == HazardStatus.ASSIGNED.value and hazard.verified_on is None
            if not untouched:
                kept.append(hazard.code)
                continue
            record_step(
                session, ledger, hazard, Action.WITHDRAW, _UNASSIGNED, {"notice": notice.number}
            )
            withdrawn.append(hazard.code)
        return VoidResult(tuple(withdrawn), tuple(kept))


def get_notice(ledger: Ledger, number: str) -> NoticeView:
    with ledger.read() as session:
        return notice_view(session, find_notice(session, number))


def list_notices(ledger: Ledger, search: str = "") -> list[NoticeView]:
    """Notices newest first; ``search`` matches a part of the number or the unit's name (as it
    is now, or as the notice printed it)."""
    query = select(Notice).join(Unit, Unit.uuid == Notice.unit_uuid)
    text = search.strip()
    if text:
        query = query.where(
            Notice.number.contains(text)
            | Unit.name.contains(text)
            | Notice.unit_name.contains(text)
        )
    query = query.options(selectinload(Notice.items))
    with ledger.read() as session:
        local_station(session)
        notices = session.scalars(query.order_by(Notice.issued_on.desc(), Notice.id.desc())).all()
        return _views(session, notices)


def notice_view(session: Session, notice: Notice) -> NoticeView:
    return _views(session, [notice])[0]


def _views(session: Session, notices: Sequence[Notice]) -> list[NoticeView]:
    """The views of ``notices`` with a constant number of queries (units, hazards, originals)."""
    unit_names = _by_uuid(session, Unit.uuid, Unit.name, {n.unit_uuid for n in notices})
    hazard_uuids = {item.hazard_uuid for n in notices for item in n.items}
    hazards: dict[str, Hazard] = {}
    for chunk in chunks(sorted(hazard_uuids)):
        hazards.update(
            (h.uuid, h) for h in session.scalars(select(Hazard).where(Hazard.uuid.in_(chunk)))
        )
    originals = {n.uuid: n for n in notices}
    missing = {n.refers_to_uuid for n in notices if n.refers_to_uuid} - set(originals)
    for chunk in chunks(sorted(missing)):
        originals.update(
            (o.uuid, o) for o in session.scalars(select(Notice).where(Notice.uuid.in_(chunk)))
        )
    stations = {
        uuid: (code, local)
        for uuid, code, local in session.execute(
            select(Station.uuid, Station.code, Station.is_local)
        ).all()
    }
    return [
        replace(
            _view(n, unit_names, hazards, originals),
            station_code=stations[n.station_uuid][0],
            station_local=stations[n.station_uuid][1],
        )
        for n in notices
    ]


def _by_uuid(session: Session, key, value, uuids: set[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    found: dict[str, str] = {}
    for chunk in chunks(sorted(uuids)):
        found.update(session.execute(select(key, value).where(key.in_(chunk))).all())
    return found


def _view(
    notice: Notice,
    unit_names: dict[str, str],
    hazards: dict[str, Hazard],
    originals: dict[str, Notice],
) -> NoticeView:
    unit = notice.unit_name or unit_names[notice.unit_uuid]

    def kept(item: NoticeItem, name: str) -> str:
        value = getattr(item, name)  # NULL on notices issued before schema 0003
        return value if value is not None else getattr(hazards[item.hazard_uuid], name)

    lines = tuple(
        NoticeLine(
            code=hazards[i.hazard_uuid].code,
            description=kept(i, "description"),
            location=kept(i, "location"),
            basis=kept(i, "basis"),
            deadline=i.deadline,
            requirement=i.requirement,
            result=i.result,
        )
        for i in notice.items
    )
    original = originals.get(notice.refers_to_uuid) if notice.refers_to_uuid else None
    return NoticeView(
        uuid=notice.uuid,
        number=notice.number,
        title=notice.title,
        kind=notice.kind,
        status=notice.status,
        unit=unit,
        issued_on=notice.issued_on,
        inspected_on=notice.inspected_on,
        inspected_place=notice.inspected_place,
        inspectors=notice.inspectors,
        served_on=notice.served_on,
        served_to=notice.served_to,
        refused=notice.refused,
        witness=notice.witness,
        void_reason=notice.void_reason,
        lines=lines,
        refers_to_number=original.number if original else "",
        refers_to_issued_on=original.issued_on if original else None,
        refers_to_title=original.title if original else "",
        issuer=notice.issuer or "",
    )

"""整改复查意见书: issued once every hazard of a 整改通知书 has been verified (复查), listing
which passed and which did not, with the new deadline."""

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from hazard_ledger.db.models import Hazard, Notice, NoticeItem
from hazard_ledger.domain.errors import WorkflowError
from hazard_ledger.domain.validation import not_after
from hazard_ledger.services.events import append_record_event
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.notices import (
    Preflight,
    find_notice,
    notice_view,
    numbered_notice,
    printed_text,
)
from hazard_ledger.services.preferences import load_preferences
from hazard_ledger.services.snapshots import snapshot
from hazard_ledger.services.stations import local_station


def review_notice(
    ledger: Ledger,
    number: str,
    *,
    issued_on: dt.date | None = None,
    preflight: Preflight | None = None,
) -> str:
    """整改复查意见书 for the notice ``number``: every hazard it listed must have been verified
    (复查) since; the opinion lists which passed and which failed, with the new deadline.
    Returns the review's own number; ``preflight`` as for issue_notice."""
    today = ledger.today()
    issued_on = issued_on or today
    not_after(issued_on, today, field="issued_on", label="下发日期", limit_label="今天")
    prefs = load_preferences(ledger)
    with ledger.write() as session:
        station = local_station(session)
        original = find_notice(session, number)
        if original.kind != "rectification" or original.status == "voided":
            raise WorkflowError(
                f"文书 {original.number} 不是有效的整改通知书，不能据此出具复查意见书。"
            )
        hazards = {
            h.uuid: h
            for h in session.scalars(
                select(Hazard).where(Hazard.uuid.in_([i.hazard_uuid for i in original.items]))
            )
        }
        pending = [
            h.code
            for h in hazards.values()
            if h.verification_result not in ("pass", "fail")
            or h.verified_on is None
            or h.verified_on < original.issued_on
        ]
        pending += _not_reviewed_again(session, original, hazards)
        if pending:
            raise WorkflowError(
                f"以下隐患尚未复查，不能出具复查意见书：{'、'.join(sorted(pending))}。"
            )
        verifiers = sorted({h.verified_by for h in hazards.values() if h.verified_by})
        review = numbered_notice(
            session,
            station,
            "review",
            prefs.review_number_template,
            issued_on,
            unit_uuid=original.unit_uuid,
            unit_name=original.unit_name,
            refers_to_uuid=original.uuid,
            title="整改复查意见书",
            inspected_on=max(h.verified_on for h in hazards.values() if h.verified_on),
            inspected_place=original.inspected_place,
            inspectors="、".join(verifiers),
        )
        review.items = [
            NoticeItem(
                hazard_uuid=item.hazard_uuid,
                position=item.position,
                deadline=None
                if hazards[item.hazard_uuid].verification_result == "pass"
                else hazards[item.hazard_uuid].deadline,
                requirement=hazards[item.hazard_uuid].verification_opinion,
                result=hazards[item.hazard_uuid].verification_result,
                **printed_text(hazards[item.hazard_uuid]),
            )
            for item in original.items
        ]
        session.add(review)
        session.flush()
        append_record_event(
            session, review, kind="issued", actor=ledger.operator, changes=snapshot(review)
        )
        if preflight is not None:
            preflight(notice_view(session, review))
        return review.number


def _not_reviewed_again(
    session: Session, original: Notice, hazards: dict[str, Hazard]
) -> list[str]:
    """After an earlier review of ``original``, a new one answers its failed items: each must
    have been verified again since (a review with nothing failed needs no successor)."""
    earlier = session.scalars(
        select(Notice)
        .where(Notice.refers_to_uuid == original.uuid, Notice.status != "voided")
        .order_by(Notice.issued_on.desc(), Notice.id.desc())
    ).first()
    if earlier is None:
        return []
    failed = [item.hazard_uuid for item in earlier.items if item.result == "fail"]
    if not failed:
        raise WorkflowError(
            f"文书 {original.number} 所列隐患已在复查意见书 {earlier.number} 中全部复查合格，"
            "不需再出具。"
        )
    since = earlier.inspected_on or earlier.issued_on
    return [
        hazards[uuid].code
        for uuid in failed
        if hazards[uuid].verified_on is None
        or hazards[uuid].verified_on < since
        or (hazards[uuid].verified_on == since and hazards[uuid].verification_result == "fail")
    ]

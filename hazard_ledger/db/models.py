"""The ledger's tables (SQLAlchemy 2 typed models). Portable to PostgreSQL: plain types only.

Times of bookkeeping are UTC ISO text; business dates are DATE. Money is kept in fen (integer).
"""

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hazard_ledger.db.base import Base, new_uuid, utc_now_text

UUID = String(36)
TIMESTAMP = String(32)


class Station(Base):
    """本站: the install's identity; a county install also holds the stations it imported."""

    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID, unique=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    township: Mapped[str] = mapped_column(String(100), default="")
    county: Mapped[str] = mapped_column(String(100), default="")
    doc_prefix: Mapped[str] = mapped_column(String(20), default="")
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)


class Unit(Base):
    """生产经营单位/场所: deduplicated by 统一社会信用代码 and by name within a station."""

    __tablename__ = "units"
    __table_args__ = (
        UniqueConstraint("station_uuid", "name"),
        UniqueConstraint("station_uuid", "credit_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID, unique=True, default=new_uuid)
    station_uuid: Mapped[str] = mapped_column(ForeignKey("stations.uuid"))
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    industry: Mapped[str] = mapped_column(String(100), default="")
    village: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    contact: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    created_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)
    updated_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)


class Inspection(Base):
    """检查: one visit to a unit; hazards found may refer to it."""

    __tablename__ = "inspections"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID, unique=True, default=new_uuid)
    station_uuid: Mapped[str] = mapped_column(ForeignKey("stations.uuid"))
    unit_uuid: Mapped[str] = mapped_column(ForeignKey("units.uuid"), index=True)
    inspected_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="日常")
    inspectors: Mapped[str] = mapped_column(String(200), default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)


HAZARD_STATUSES = ("discovered", "assigned", "rectified", "verified", "voided")


class Hazard(Base):
    """隐患: current state, kept for speed; always equal to the fold of its events."""

    __tablename__ = "hazards"
    __table_args__ = (
        CheckConstraint(f"status IN {HAZARD_STATUSES!r}", name="status"),
        CheckConstraint("level IN ('general', 'major')", name="level"),
        Index("ix_hazards_status_deadline", "status", "deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID, unique=True, default=new_uuid)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    station_uuid: Mapped[str] = mapped_column(ForeignKey("stations.uuid"), index=True)
    unit_uuid: Mapped[str] = mapped_column(ForeignKey("units.uuid"), index=True)
    inspection_uuid: Mapped[str | None] = mapped_column(ForeignKey("inspections.uuid"))
    status: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(8))
    description: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(100), default="")
    industry: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(String(50), default="")
    basis: Mapped[str] = mapped_column(Text, default="")
    found_on: Mapped[dt.date] = mapped_column(Date, index=True)
    inspector: Mapped[str] = mapped_column(String(100), default="")
    # 交办 (assignment)
    responsible: Mapped[str] = mapped_column(String(50), default="")
    responsible_phone: Mapped[str] = mapped_column(String(50), default="")
    requirement: Mapped[str] = mapped_column(Text, default="")
    assigned_on: Mapped[dt.date | None] = mapped_column(Date)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    # 整改 (rectification)
    measures: Mapped[str] = mapped_column(Text, default="")
    rectified_on: Mapped[dt.date | None] = mapped_column(Date)
    funds_fen: Mapped[int | None] = mapped_column(Integer)
    # 复查 (verification); the last verification's result
    verified_by: Mapped[str] = mapped_column(String(100), default="")
    verified_on: Mapped[dt.date | None] = mapped_column(Date)
    verification_result: Mapped[str] = mapped_column(String(8), default="")
    verification_opinion: Mapped[str] = mapped_column(Text, default="")
    # 作废 (void)
    void_reason: Mapped[str] = mapped_column(Text, default="")
    # 延期: a pending request (the deadline moves only when it is approved). Nullable, so
    # that hazards recorded before these columns existed fold to the same state.
    extension_to: Mapped[dt.date | None] = mapped_column(Date)
    extension_reason: Mapped[str | None] = mapped_column(Text)
    extension_requested_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)
    updated_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)


class Event(Base):
    """履历: one change of one record; append-only and hash-chained per station."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("station_uuid", "seq"),
        Index("ix_events_record", "record_uuid", "seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID, unique=True)
    station_uuid: Mapped[str] = mapped_column(ForeignKey("stations.uuid"))
    seq: Mapped[int] = mapped_column(Integer)
    record_type: Mapped[str] = mapped_column(String(20))
    record_uuid: Mapped[str] = mapped_column(UUID)
    kind: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[str] = mapped_column(TIMESTAMP)
    recorded_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)
    actor: Mapped[str] = mapped_column(String(100))
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Attachment(Base):
    """照片/附件: a content-addressed file (sha256) in the data dir, attached to a record."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID, unique=True, default=new_uuid)
    record_uuid: Mapped[str] = mapped_column(UUID, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(50))
    original_name: Mapped[str] = mapped_column(String(255), default="")
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)


class Notice(Base):
    """整改通知书 / 整改复查意见书: a numbered document to one unit about some of its hazards.

    Numbers run per station, kind and year and are never reused: a spoiled notice is voided
    and keeps its number. Service (送达) is recorded on the notice.
    """

    __tablename__ = "notices"
    __table_args__ = (
        UniqueConstraint("station_uuid", "kind", "year", "serial"),
        # Per station: two townships of a county may share a short prefix (schema 0004).
        UniqueConstraint("station_uuid", "number"),
        CheckConstraint("kind IN ('rectification', 'review')", name="kind"),
        CheckConstraint("status IN ('issued', 'voided')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID, unique=True, default=new_uuid)
    station_uuid: Mapped[str] = mapped_column(ForeignKey("stations.uuid"))
    unit_uuid: Mapped[str] = mapped_column(ForeignKey("units.uuid"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    refers_to_uuid: Mapped[str | None] = mapped_column(ForeignKey("notices.uuid"))
    title: Mapped[str] = mapped_column(String(50))
    number: Mapped[str] = mapped_column(String(60), index=True)
    year: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(8), default="issued")
    issued_on: Mapped[dt.date] = mapped_column(Date)
    inspected_on: Mapped[dt.date | None] = mapped_column(Date)
    inspected_place: Mapped[str] = mapped_column(String(200), default="")
    inspectors: Mapped[str] = mapped_column(String(200), default="")
    served_on: Mapped[dt.date | None] = mapped_column(Date)
    served_to: Mapped[str] = mapped_column(String(50), default="")
    refused: Mapped[bool] = mapped_column(Boolean, default=False)
    witness: Mapped[str] = mapped_column(String(50), default="")
    void_reason: Mapped[str] = mapped_column(Text, default="")
    # As printed at issue, so that a reprint is identical after a rename (NULL on notices
    # issued before schema 0003: those print the current names).
    issuer: Mapped[str | None] = mapped_column(String(100))
    unit_name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)
    items: Mapped[list["NoticeItem"]] = relationship(
        primaryjoin="Notice.uuid == foreign(NoticeItem.notice_uuid)",
        order_by="NoticeItem.position",
        cascade="all",
    )


class NoticeItem(Base):
    """One hazard listed on a notice, with its own deadline and requirement (and, on a review,
    whether it passed)."""

    __tablename__ = "notice_items"
    __table_args__ = (UniqueConstraint("notice_uuid", "hazard_uuid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_uuid: Mapped[str] = mapped_column(ForeignKey("notices.uuid"), index=True)
    hazard_uuid: Mapped[str] = mapped_column(ForeignKey("hazards.uuid"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    requirement: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[str] = mapped_column(String(8), default="")
    # The hazard's text as printed at issue (NULL before schema 0003: the current text).
    description: Mapped[str | None] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(200))
    basis: Mapped[str | None] = mapped_column(Text)


SUPERVISION_STATUSES = ("listed", "planned", "applied", "accepted", "delisted")


class Supervision(Base):
    """挂牌督办 of one 重大事故隐患: the listing, its 五落实 plan, acceptance and delisting.
    Progress reports are its events (with photos as attachments of the supervision)."""

    __tablename__ = "supervisions"
    __table_args__ = (
        CheckConstraint(f"status IN {SUPERVISION_STATUSES!r}", name="status"),
        CheckConstraint("level IN ('县级', '市级', '省级')", name="level"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(UUID, unique=True, default=new_uuid)
    station_uuid: Mapped[str] = mapped_column(ForeignKey("stations.uuid"))
    hazard_uuid: Mapped[str] = mapped_column(ForeignKey("hazards.uuid"), unique=True)
    status: Mapped[str] = mapped_column(String(10))
    level: Mapped[str] = mapped_column(String(4))
    authority: Mapped[str] = mapped_column(String(100))  # 挂牌单位
    supervisor: Mapped[str] = mapped_column(String(100), default="")  # 督办单位
    doc_no: Mapped[str] = mapped_column(String(60))  # 挂牌文号
    listed_on: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date] = mapped_column(Date)
    # 五落实: 责任、措施、资金、时限、预案
    plan_responsibility: Mapped[str] = mapped_column(Text, default="")
    plan_measures: Mapped[str] = mapped_column(Text, default="")
    plan_funds_fen: Mapped[int | None] = mapped_column(Integer)
    plan_deadline: Mapped[dt.date | None] = mapped_column(Date)
    plan_contingency: Mapped[str] = mapped_column(Text, default="")
    applied_on: Mapped[dt.date | None] = mapped_column(Date)
    accepted_by: Mapped[str] = mapped_column(String(100), default="")
    accepted_on: Mapped[dt.date | None] = mapped_column(Date)
    acceptance_result: Mapped[str] = mapped_column(String(8), default="")
    acceptance_opinion: Mapped[str] = mapped_column(Text, default="")
    delisted_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)
    updated_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)


class SyncPackage(Base):
    """A weekly sync package this ledger wrote (export, its own station) or merged (import).

    Exports number the station's packages and chain them by the previous manifest's hash; imports
    remember what the county has merged from each station, to report a gap in the sequence."""

    __tablename__ = "sync_packages"
    __table_args__ = (
        CheckConstraint("direction IN ('export', 'import')", name="direction"),
        UniqueConstraint("direction", "station_uuid", "manifest_sha256"),
        Index("ix_sync_packages_station", "station_uuid", "direction", "sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(6))
    station_uuid: Mapped[str] = mapped_column(ForeignKey("stations.uuid"))
    sequence: Mapped[int] = mapped_column(Integer)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    previous_sha256: Mapped[str | None] = mapped_column(String(64))
    first_seq: Mapped[int | None] = mapped_column(Integer)  # events carried (None: none)
    last_seq: Mapped[int | None] = mapped_column(Integer)
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON, as in the manifest
    file_name: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[str] = mapped_column(TIMESTAMP)  # when the package was written
    recorded_at: Mapped[str] = mapped_column(TIMESTAMP, default=utc_now_text)

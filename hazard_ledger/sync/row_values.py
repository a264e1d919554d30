"""A record's state as the row the merge writes: every value checked against its column's type
and length (SQLite would store a text in an integer column without a word)."""

import datetime as dt
import functools
from typing import Any

from hazard_ledger.db.models import Station
from hazard_ledger.domain.errors import ValidationError
from hazard_ledger.domain.history import EventFacts

_BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "is_local", "notice_uuid"})


@functools.cache
def _columns(model: Any) -> tuple[tuple[str, type, bool, int | None], ...]:
    """(name, Python type, nullable, length) of the columns a record's state sets."""
    return tuple(
        (
            column.name,
            column.type.python_type,
            bool(column.nullable),
            getattr(column.type, "length", None),
        )
        for column in model.__table__.columns
        if column.name not in _BOOKKEEPING
    )


def row_values(
    model: Any, state: dict[str, Any], events: list[EventFacts], *, created: bool
) -> dict[str, Any]:
    """The row's column values from a record's state, each checked against its column's type
    (SQLite would store a text in an integer column without a word). Every row of a model has
    the same keys, so rows are written with one executemany."""
    table = model.__tablename__
    values: dict[str, Any] = {}
    for name, kind, nullable, length in _columns(model):
        value = state.get(name)
        if value is None:
            if not nullable:
                raise ValidationError(f"数据包中 {table}.{name} 的值不能为空。")
        elif kind is str:
            if not isinstance(value, str):
                raise ValidationError(f"数据包中 {table}.{name} 的值应为文字。")
            if length is not None and len(value) > length:
                raise ValidationError(f"数据包中 {table}.{name} 的值过长（超过 {length} 字）。")
        else:
            value = _typed(kind, value, f"数据包中 {table}.{name} 的值")
        values[name] = value
    if model is Station:
        values["is_local"] = False
    if events:
        if "updated_at" in model.__table__.columns:
            values["updated_at"] = events[-1].occurred_at
        if created:
            values["created_at"] = events[0].occurred_at
    return values


def _typed(kind: type, value: Any, where: str) -> Any:
    if kind is dt.date:
        if not isinstance(value, str):
            raise ValidationError(f"{where}应为日期。")
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is None or day.isoformat() != value:  # as the ledger writes dates, nothing else
            raise ValidationError(f"{where}“{value[:20]}”不是有效日期（应为 YYYY-MM-DD）。")
        return day
    if kind is bool:
        if type(value) is not bool:
            raise ValidationError(f"{where}应为是/否。")
        return value
    if kind is int:
        if type(value) is not int or abs(value) > 2**62:
            raise ValidationError(f"{where}应为整数。")
        return value
    raise ValidationError(f"{where}类型不受支持。")

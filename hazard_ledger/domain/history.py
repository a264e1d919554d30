"""The append-only history: canonical form of an event, its hash chain, and state as a fold.

Every change of a record is an event. Events of one station form a chain: each event's hash is
sha256 over the previous event's hash and the event's canonical JSON, so a later edit of any event
(or a removed or re-ordered one) breaks every hash after it. A record's current state is the fold
of its events' ``changes``; the stored row must always equal it.
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.supervision import (
    SupervisionStatus,
    SupervisionStep,
    next_supervision_status,
)
from hazard_ledger.domain.workflow import Action, next_status

GENESIS_HASH = "0" * 64


class HistoryError(Exception):
    """The history is inconsistent: a broken chain, an unknown event kind, a forbidden step."""


@dataclass(frozen=True, slots=True)
class EventFacts:
    """The hashed content of an event (``recorded_at`` is local bookkeeping and is not hashed)."""

    uuid: str
    station_uuid: str
    seq: int
    record_type: str
    record_uuid: str
    kind: str
    occurred_at: str
    actor: str
    payload: Mapping[str, Any] = field(default_factory=dict)

    def canonical_json(self) -> str:
        """Stable JSON: sorted keys, no spaces, UTF-8 text kept as it is."""
        return canonical_json(
            {
                "uuid": self.uuid,
                "station_uuid": self.station_uuid,
                "seq": self.seq,
                "record_type": self.record_type,
                "record_uuid": self.record_uuid,
                "kind": self.kind,
                "occurred_at": self.occurred_at,
                "actor": self.actor,
                "payload": self.payload,
            }
        )

    def chained_hash(self, prev_hash: str) -> str:
        """This event's hash when it follows an event whose hash is ``prev_hash``."""
        return chain_hash(prev_hash, self.canonical_json())


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def chain_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


# Event kinds per record type. Hazard kinds are the workflow's actions.
RECORD_KINDS: dict[str, frozenset[str]] = {
    "hazard": frozenset(action.value for action in Action),
    "unit": frozenset({"added", "edited"}),
    "station": frozenset({"created", "edited"}),
    "notice": frozenset({"issued", "served", "voided"}),
    "supervision": frozenset(step.value for step in SupervisionStep),
}


def fold(record_type: str, events: Iterable[EventFacts]) -> dict[str, Any]:
    """The state of one record after its events, in order; raises HistoryError if they don't fit.

    For a hazard (and a supervision) each event must also be a step its transition table allows
    from the state before it, and must leave ``status`` where the table says.
    """
    state: dict[str, Any] = {}
    status: HazardStatus | None = None
    supervision: SupervisionStatus | None = None
    kinds = RECORD_KINDS.get(record_type)
    if kinds is None:
        raise HistoryError(f"未知的记录类型“{record_type}”")
    for event in events:
        if event.kind not in kinds:
            raise HistoryError(f"事件 {event.uuid} 的类型“{event.kind}”不属于{record_type}")
        changes = event.payload.get("changes", {})
        if not isinstance(changes, Mapping):
            raise HistoryError(f"事件 {event.uuid} 的内容不完整（缺少 changes）")
        if record_type == "hazard":
            action = Action(event.kind)
            # An import starts the history in the status the sheet showed (any status).
            landing = _imported_status(event, changes) if action is Action.IMPORT else None
            try:
                after = next_status(
                    status, action, code=str(state.get("code", "")), landing=landing
                )
            except Exception as error:
                raise HistoryError(f"事件 {event.uuid}：{error}") from None
            if changes.get("status", state.get("status")) != after.value:
                raise HistoryError(f"事件 {event.uuid} 记录的状态与流程不符")
            status = after
        elif record_type == "supervision":
            try:
                listed = next_supervision_status(supervision, SupervisionStep(event.kind))
            except Exception as error:
                raise HistoryError(f"事件 {event.uuid}：{error}") from None
            if changes.get("status", state.get("status")) != listed.value:
                raise HistoryError(f"事件 {event.uuid} 记录的状态与流程不符")
            supervision = listed
        elif not state and event.kind not in ("added", "created", "issued"):
            raise HistoryError(f"事件 {event.uuid}：记录在创建之前被修改")
        state.update(changes)
    return state


def _imported_status(event: EventFacts, changes: Mapping[str, Any]) -> HazardStatus:
    try:
        return HazardStatus(changes.get("status"))
    except ValueError:
        raise HistoryError(f"事件 {event.uuid}：导入的隐患没有有效的状态") from None

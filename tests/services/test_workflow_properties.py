"""Random sequences of operations through the services (hypothesis state machine).

Every rule targets a random existing hazard whatever its state, so many steps are forbidden.
The machine keeps a model of every hazard (status and the fields the steps set) and of every
unit. After each step:

- a step the transition table forbids raised WorkflowError and changed nothing (events, hazard
  and unit rows, attachments);
- an allowed step with valid input succeeded, appended exactly one event, and the row equals
  the model;
- invalid input raised ValidationError (or DuplicateError / NotFoundError where that is the
  refusal) and changed nothing;
- `check_ledger` is ok: the chain verifies and every record equals the fold of its events.
"""

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)
from sqlalchemy import func, select

from hazard_ledger.db.models import Attachment, Event, Hazard, Unit
from hazard_ledger.domain.credit_code import ALPHABET, check_character
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import (
    DuplicateError,
    LedgerError,
    NotFoundError,
    ValidationError,
    WorkflowError,
)
from hazard_ledger.domain.workflow import Action, is_allowed, next_status
from hazard_ledger.services import hazards
from hazard_ledger.services.hazard_queries import show_hazard
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import snapshot
from hazard_ledger.services.stations import init_station
from hazard_ledger.services.units import UnitInput, add_unit, edit_unit
from tests.conftest import TODAY, Clock, make_photo

D = dt.date
DAY = dt.timedelta(days=1)
# Hazards are found from the autumn of the year before: codes of two years are numbered.
EARLIEST = D(TODAY.year - 1, 10, 1)

texts = st.text(alphabet="配电房灭火器疏散通道堆放杂物消防栓锁闭", min_size=1, max_size=12)
people = st.sampled_from(["张国强", "李晓峰", "王芳", "陈建华"])
phones = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
blanks = st.sampled_from(["", " ", "\u3000\t"])
levels = st.sampled_from(list(HazardLevel))
UNIT_NAMES = ["鑫源五金厂", "老街小吃店", "城东加油站", "红星竹木制品厂", "罗阳中心幼儿园"]
INDUSTRIES = ["工贸（机械）", "消防（九小场所）", "危化品", ""]


def _credit_code(body: str) -> str:
    return body + check_character(body)


# A small pool, so that two units sometimes claim the same code.
CREDIT_CODES = [_credit_code(f"9133032{i}MA2C{i}000{i}"[:17]) for i in range(1, 5)]
assert all(len(code) == 18 and set(code) <= set(ALPHABET) for code in CREDIT_CODES)


@dataclass
class ExpectedUnit:
    uuid: str
    name: str
    credit_code: str | None
    industry: str
    phone: str = ""

    def fields(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ExpectedHazard:
    """What the hazard row must hold; dates as dates (compared as ISO text)."""

    status: HazardStatus
    unit_uuid: str
    description: str
    location: str
    level: str
    industry: str
    found_on: dt.date
    responsible: str = ""
    responsible_phone: str = ""
    requirement: str = ""
    assigned_on: dt.date | None = None
    deadline: dt.date | None = None
    measures: str = ""
    rectified_on: dt.date | None = None
    funds_fen: int | None = None
    verified_by: str = ""
    verified_on: dt.date | None = None
    verification_result: str = ""
    verification_opinion: str = ""
    void_reason: str = ""
    photos: int = 0

    def fields(self) -> dict[str, Any]:
        values = asdict(self)
        values["status"] = self.status.value
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in values.items()}

    def last_business_date(self) -> dt.date:
        """The latest date of a step so far: the next step cannot be dated before it."""
        dates = (self.found_on, self.assigned_on, self.rectified_on, self.verified_on)
        return max(d for d in dates if d is not None)


def draw_date(data: st.DataObject, low: dt.date, high: dt.date, label: str) -> dt.date:
    assert low <= high, (low, high)
    return low + data.draw(st.integers(0, (high - low).days), label=label) * DAY


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="ledger-prop-"))
        self.clock = Clock(TODAY)
        self.ledger = Ledger(self.folder / "data", operator="性质测试", today=self.clock).open()
        init_station(self.ledger, code="LY", name="罗阳镇应急消防管理站", township="罗阳镇")
        self.units: dict[str, ExpectedUnit] = {}  # by uuid
        self.hazards: dict[str, ExpectedHazard] = {}  # by code
        for name, industry in (("鑫源五金厂", "工贸（机械）"), ("老街小吃店", "")):
            view = add_unit(self.ledger, UnitInput(name=name, industry=industry))
            self.units[view.uuid] = ExpectedUnit(view.uuid, name, None, industry)
        self.photo_count = 0

    def teardown(self) -> None:
        self.ledger.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers -----------------------------------------------------------------------------
    def new_photo(self) -> Path:
        """A small photo of a colour not used before (so it is stored as a new file)."""
        self.photo_count += 1
        n = self.photo_count
        return make_photo(self.folder / f"photo{n}.jpg", (48, 32), f"#{n * 7919 % 0xFFFFFF:06x}")

    def db_state(self) -> tuple[int, int, dict[str, dict], dict[str, dict]]:  # type: ignore[type-arg]
        """Everything a refused step must leave alone."""
        with self.ledger.read() as session:
            events = session.scalar(select(func.count(Event.id)))
            attachments = session.scalar(select(func.count(Attachment.id)))
            rows = {row.code: snapshot(row) for row in session.scalars(select(Hazard))}
            units = {row.uuid: snapshot(row) for row in session.scalars(select(Unit))}
        return events, attachments, rows, units

    def event_count(self) -> int:
        with self.ledger.read() as session:
            return session.scalar(select(func.count(Event.id))) or 0

    def pick_hazard(
        self, data: st.DataObject, action: Action, code: str | None = None
    ) -> tuple[str, ExpectedHazard]:
        """``code`` if given, else any hazard whatever its state; but half of the time one that
        allows ``action`` if there is one: without that bias few hazards would get far enough
        through the loop for rectify and verify to be allowed."""
        if code is not None:
            return code, self.hazards[code]
        codes = list(self.hazards)
        if action is not None and data.draw(st.booleans(), label="prefer allowed"):
            codes = [c for c in codes if is_allowed(self.hazards[c].status, action)] or codes
        code = data.draw(st.sampled_from(codes), label="code")
        return code, self.hazards[code]

    def pick_unit(self, data: st.DataObject) -> ExpectedUnit:
        uuid = data.draw(st.sampled_from(list(self.units)), label="unit")
        return self.units[uuid]

    def unit_ref(self, data: st.DataObject, unit: ExpectedUnit) -> str:
        """How a person names the unit: its name, its credit code (any case) or its uuid."""
        refs = [unit.name, unit.uuid]
        if unit.credit_code:
            refs += [unit.credit_code, unit.credit_code.lower()]
        return data.draw(st.sampled_from(refs), label="unit ref")

    def refused(
        self, step: Callable[[], object], errors: tuple[type[LedgerError], ...], why: str
    ) -> None:
        """``step`` raises one of ``errors`` and changes nothing."""
        before = self.db_state()
        with pytest.raises(errors):
            step()
        assert self.db_state() == before, f"a refused step ({why}) changed the ledger"

    def attempt(
        self,
        code: str,
        action: Action,
        step: Callable[[], object],
        apply: Callable[[ExpectedHazard], None],
    ) -> object:
        """Run a step with valid input: it succeeds with one event if the table allows it,
        otherwise it raises WorkflowError and changes nothing."""
        expected = self.hazards[code]
        if not is_allowed(expected.status, action):
            self.refused(step, (WorkflowError,), f"{action} on {expected.status}")
            return None
        events = self.event_count()
        result = step()
        apply(expected)
        expected.status = next_status(expected.status, action)
        assert self.event_count() == events + 1, f"{action} must append exactly one event"
        assert show_hazard(self.ledger, code).status is expected.status
        return result

    # -- units -------------------------------------------------------------------------------
    @initialize(data=st.data())
    def some_hazards_at_every_stage(self, data: st.DataObject) -> None:
        """Start each run with a few hazards already some way through the loop, so that every
        step has hazards it is allowed on, even in runs where hypothesis's swarm testing has
        switched off the rules that would bring them there."""
        for _ in range(data.draw(st.integers(1, 4), label="hazards")):
            code = self.record_one(data)
            for step in (self.assign, self.rectify, self.verify, self.rectify, self.verify):
                if self.hazards[code].status.is_open and data.draw(st.booleans(), label="go on"):
                    step(data, code)
                else:
                    break

    @rule(data=st.data(), adding=st.booleans())
    def units(self, data: st.DataObject, adding: bool) -> None:
        """Add a unit or edit one (sometimes a duplicate name or credit code, refused)."""
        if adding:
            self.add_unit(
                data.draw(st.sampled_from(UNIT_NAMES), label="name"),
                data.draw(st.booleans(), label="padded"),
                data.draw(st.none() | st.sampled_from(CREDIT_CODES), label="credit code"),
                data.draw(st.sampled_from(INDUSTRIES), label="industry"),
            )
        else:
            self.edit_unit(
                data,
                data.draw(st.none() | st.sampled_from(UNIT_NAMES), label="name"),
                data.draw(st.none() | st.just("") | st.sampled_from(CREDIT_CODES), label="code"),
                data.draw(st.none() | phones, label="phone"),
            )

    def add_unit(self, name: str, padded: bool, credit_code: str | None, industry: str) -> None:
        typed = f"  {name} " if padded else name
        step = lambda: add_unit(  # noqa: E731
            self.ledger, UnitInput(name=typed, credit_code=credit_code, industry=industry)
        )
        taken = {u.name for u in self.units.values()}
        codes = {u.credit_code for u in self.units.values() if u.credit_code}
        if name in taken or credit_code in codes:
            self.refused(step, (DuplicateError,), "duplicate unit")
            return
        view = step()
        assert view.name == name and view.credit_code == credit_code
        self.units[view.uuid] = ExpectedUnit(view.uuid, name, credit_code, industry)

    def edit_unit(
        self, data: st.DataObject, name: str | None, credit_code: str | None, phone: str | None
    ) -> None:
        unit = self.pick_unit(data)
        ref = self.unit_ref(data, unit)
        step = lambda: edit_unit(  # noqa: E731
            self.ledger, ref, UnitInput(name=name, credit_code=credit_code, phone=phone)
        )
        others = [u for u in self.units.values() if u.uuid != unit.uuid]
        if (name is not None and name in {u.name for u in others}) or (
            credit_code and credit_code in {u.credit_code for u in others}
        ):
            self.refused(step, (DuplicateError,), "edit to a duplicate unit")
            return
        events = self.event_count()
        before = unit.fields()
        step()
        if name is not None:
            unit.name = name
        if credit_code is not None:
            unit.credit_code = credit_code or None
        if phone is not None:
            unit.phone = phone
        assert self.event_count() == events + (unit.fields() != before)

    # -- hazards: record ---------------------------------------------------------------------
    @rule(data=st.data())
    def record(self, data: st.DataObject) -> None:
        self.record_one(data)

    def record_one(self, data: st.DataObject) -> str:
        description = data.draw(texts, label="description")
        location = data.draw(st.just("") | texts, label="location")
        level = data.draw(levels, label="level")
        with_photo = data.draw(st.booleans(), label="with photo")
        unit = self.pick_unit(data)
        found_on = draw_date(data, EARLIEST, TODAY, "found_on")
        photos = [self.new_photo()] if with_photo else []
        events = self.event_count()
        code = hazards.record_hazard(
            self.ledger,
            hazards.NewHazard(
                unit=self.unit_ref(data, unit),
                description=description,
                location=location,
                level=level,
                found_on=found_on,
                photos=photos,
            ),
        )
        # Codes are numbered per year of discovery, never reused.
        serial = 1 + sum(h.found_on.year == found_on.year for h in self.hazards.values())
        assert code == f"LY-{found_on.year}-{serial:04d}"
        assert self.event_count() == events + 1
        self.hazards[code] = ExpectedHazard(
            status=HazardStatus.DISCOVERED,
            unit_uuid=unit.uuid,
            description=description,
            location=location,
            level=level.value,
            industry=unit.industry,
            found_on=found_on,
            photos=len(photos),
        )
        return code

    # -- hazards: the steps, with valid input ------------------------------------------------
    @precondition(lambda self: self.hazards)
    @rule(data=st.data())
    def assign(self, data: st.DataObject, code: str | None = None) -> None:
        code, expected = self.pick_hazard(data, Action.ASSIGN, code)
        responsible = data.draw(people, label="responsible")
        phone = data.draw(st.just("") | phones, label="phone")
        requirement = data.draw(texts, label="requirement")
        on = draw_date(data, expected.found_on, TODAY, "on")
        deadline = draw_date(data, on, on + 60 * DAY, "deadline")

        def apply(h: ExpectedHazard) -> None:
            h.responsible, h.responsible_phone, h.requirement = responsible, phone, requirement
            h.assigned_on, h.deadline = on, deadline

        self.attempt(
            code,
            Action.ASSIGN,
            lambda: hazards.assign_hazard(
                self.ledger,
                code,
                responsible=responsible,
                deadline=deadline,
                phone=phone,
                requirement=requirement,
                on=on,
            ),
            apply,
        )

    @precondition(lambda self: self.hazards)
    @rule(data=st.data())
    def rectify(self, data: st.DataObject, code: str | None = None) -> None:
        code, expected = self.pick_hazard(data, Action.RECTIFY, code)
        measures = data.draw(texts, label="measures")
        funds = data.draw(st.none() | st.integers(0, 10**9), label="funds_fen")
        with_photo = data.draw(st.booleans(), label="with photo")
        # Not before the assignment, nor before a failed verification it answers.
        done_on = draw_date(data, expected.last_business_date(), TODAY, "done_on")
        photos = [self.new_photo()] if with_photo else []

        def apply(h: ExpectedHazard) -> None:
            h.measures, h.rectified_on, h.funds_fen = measures, done_on, funds
            h.photos += len(photos)

        self.attempt(
            code,
            Action.RECTIFY,
            lambda: hazards.rectify_hazard(
                self.ledger,
                code,
                measures=measures,
                done_on=done_on,
                funds_fen=funds,
                photos=photos,
            ),
            apply,
        )

    @precondition(lambda self: self.hazards)
    @rule(data=st.data())
    def verify(self, data: st.DataObject, code: str | None = None) -> None:
        code, expected = self.pick_hazard(data, Action.VERIFY_PASS, code)
        passed = data.draw(st.booleans(), label="passed")
        new_deadline = data.draw(st.booleans(), label="with new deadline")
        by = data.draw(people, label="by")
        opinion = data.draw(st.just("") | texts, label="opinion")
        on = draw_date(data, expected.last_business_date(), TODAY, "on")
        deadline = None
        if new_deadline and not passed:
            deadline = draw_date(data, on, on + 30 * DAY, "new_deadline")

        def apply(h: ExpectedHazard) -> None:
            h.verified_by, h.verified_on, h.verification_opinion = by, on, opinion
            h.verification_result = "pass" if passed else "fail"
            if not passed:
                h.rectified_on = None
                if deadline is not None:
                    h.deadline = deadline

        self.attempt(
            code,
            Action.VERIFY_PASS if passed else Action.VERIFY_FAIL,
            lambda: hazards.verify_hazard(
                self.ledger,
                code,
                by=by,
                passed=passed,
                new_deadline=deadline,
                opinion=opinion,
                on=on,
            ),
            apply,
        )

    @precondition(lambda self: self.hazards)
    @rule(data=st.data())
    def void(self, data: st.DataObject) -> None:
        code, _ = self.pick_hazard(data, Action.VOID)
        reason = data.draw(texts, label="reason")

        def apply(h: ExpectedHazard) -> None:
            h.void_reason = reason

        self.attempt(
            code, Action.VOID, lambda: hazards.void_hazard(self.ledger, code, reason=reason), apply
        )

    @precondition(lambda self: self.hazards)
    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        code, expected = self.pick_hazard(data, Action.EDIT)
        maybe = lambda strategy: data.draw(st.none() | strategy)  # noqa: E731
        description, location, level = maybe(texts), maybe(st.just("") | texts), maybe(levels)
        year_end = D(expected.found_on.year, 12, 31)
        latest = min(expected.assigned_on or TODAY, TODAY, year_end)
        found_on = None
        if data.draw(st.booleans(), label="edit found_on"):
            first = D(expected.found_on.year, 1, 1)
            found_on = draw_date(data, first, latest, "found_on")
        unit = self.pick_unit(data) if data.draw(st.booleans(), label="edit unit") else None
        responsible = phone = requirement = None
        if expected.status is not HazardStatus.DISCOVERED:  # only once assigned
            responsible, phone, requirement = maybe(people), maybe(phones), maybe(texts)
        change = hazards.HazardEdit(
            unit=self.unit_ref(data, unit) if unit else None,
            description=description,
            location=f" {location} " if location else location,
            level=level,
            found_on=found_on,
            responsible=responsible,
            responsible_phone=phone,
            requirement=requirement,
        )
        after = ExpectedHazard(**{**asdict(expected), "status": expected.status})
        for name, value in (
            ("description", description),
            ("location", location),
            ("level", level.value if level else None),
            ("found_on", found_on),
            ("unit_uuid", unit.uuid if unit else None),
            ("responsible", responsible),
            ("responsible_phone", phone),
            ("requirement", requirement),
        ):
            if value is not None:
                setattr(after, name, value)
        differs = after.fields() != expected.fields()

        def apply(h: ExpectedHazard) -> None:
            for name, value in asdict(after).items():
                if name != "status":
                    setattr(h, name, value)

        if is_allowed(expected.status, Action.EDIT) and not differs:
            # Nothing differs: edit says so and writes nothing.
            before = self.db_state()
            assert hazards.edit_hazard(self.ledger, code, change) is False
            assert self.db_state() == before
            return
        result = self.attempt(
            code, Action.EDIT, lambda: hazards.edit_hazard(self.ledger, code, change), apply
        )
        if is_allowed(expected.status, Action.EDIT):
            assert result is True

    # -- invalid input -----------------------------------------------------------------------
    @rule(data=st.data(), days=st.integers(1, 40))
    def invalid_input(self, data: st.DataObject, days: int) -> None:
        """Invalid input is refused with ValidationError and changes nothing. When the step is
        also forbidden for the hazard's state, WorkflowError is an equally good refusal."""
        if not self.hazards or data.draw(st.integers(0, 3), label="record") == 0:
            self.invalid_record(data, days)
            return
        code, h = self.pick_hazard(data, Action.EDIT)
        ledger, back, ahead = self.ledger, days * DAY, TODAY + days * DAY
        some_day = draw_date(data, h.found_on, TODAY, "some day")
        assign = lambda **kw: hazards.assign_hazard(ledger, code, **kw)  # noqa: E731
        rectify = lambda **kw: hazards.rectify_hazard(ledger, code, **kw)  # noqa: E731
        verify = lambda **kw: hazards.verify_hazard(ledger, code, **kw)  # noqa: E731
        edit = lambda **kw: hazards.edit_hazard(ledger, code, hazards.HazardEdit(**kw))  # noqa: E731
        blank = data.draw(blanks, label="blank")
        cases: dict[str, tuple[Action, Callable[[], object]]] = {
            "deadline before assignment": (
                Action.ASSIGN,
                lambda: assign(responsible="张国强", on=some_day, deadline=some_day - back),
            ),
            "assignment in the future": (
                Action.ASSIGN,
                lambda: assign(responsible="张国强", on=ahead, deadline=ahead),
            ),
            "assignment before discovery": (
                Action.ASSIGN,
                lambda: assign(responsible="张国强", on=h.found_on - back, deadline=TODAY),
            ),
            "empty responsible": (
                Action.ASSIGN,
                lambda: assign(responsible=blank, on=some_day, deadline=TODAY),
            ),
            "responsible too long": (
                Action.ASSIGN,
                lambda: assign(responsible="张" * 51, on=some_day, deadline=TODAY),
            ),
            "rectified in the future": (
                Action.RECTIFY,
                lambda: rectify(measures="已整改", done_on=ahead),
            ),
            "empty measures": (Action.RECTIFY, lambda: rectify(measures=blank, done_on=TODAY)),
            "verified in the future": (
                Action.VERIFY_PASS,
                lambda: verify(by="李晓峰", passed=True, on=ahead),
            ),
            "passed with a new deadline": (
                Action.VERIFY_PASS,
                lambda: verify(by="李晓峰", passed=True, new_deadline=TODAY, on=TODAY),
            ),
            "new deadline before verification": (
                Action.VERIFY_FAIL,
                lambda: verify(by="李晓峰", passed=False, new_deadline=TODAY - back, on=TODAY),
            ),
            "empty verifier": (
                Action.VERIFY_FAIL,
                lambda: verify(by=blank, passed=False, on=TODAY),
            ),
            "empty void reason": (
                Action.VOID,
                lambda: hazards.void_hazard(ledger, code, reason=blank),
            ),
            "found in the future": (Action.EDIT, lambda: edit(found_on=ahead)),
            "found in another year": (
                Action.EDIT,
                lambda: edit(found_on=D(h.found_on.year - 1, 12, 31)),
            ),
            "empty description": (Action.EDIT, lambda: edit(description=blank)),
            "empty responsible in an edit": (Action.EDIT, lambda: edit(responsible=blank)),
        }
        if h.assigned_on is not None:
            cases["rectified before assignment"] = (
                Action.RECTIFY,
                lambda: rectify(measures="已整改", done_on=h.assigned_on - back),
            )
            if h.assigned_on < TODAY:
                cases["found after assignment"] = (
                    Action.EDIT,
                    lambda: edit(found_on=h.assigned_on + DAY),
                )
        if h.rectified_on is not None:
            cases["verified before rectification"] = (
                Action.VERIFY_PASS,
                lambda: verify(by="李晓峰", passed=True, on=h.rectified_on - back),
            )
        if h.status is HazardStatus.DISCOVERED:
            cases["responsible before assignment"] = (Action.EDIT, lambda: edit(responsible="张"))
        if (
            h.verification_result == "fail"
            and h.assigned_on is not None
            and h.verified_on is not None
            and h.assigned_on < h.verified_on
        ):
            # The new fix answers the failed verification: it cannot be dated before it.
            early = draw_date(data, h.assigned_on, h.verified_on - DAY, "early fix")
            cases["rectified before the failed verification"] = (
                Action.RECTIFY,
                lambda: rectify(measures="再次整改", done_on=early),
            )
        name = data.draw(st.sampled_from(sorted(cases)), label="invalid input")
        action, step = cases[name]
        errors = (
            (ValidationError,)
            if is_allowed(h.status, action)
            else (
                ValidationError,
                WorkflowError,
            )
        )
        self.refused(step, errors, name)

    def invalid_record(self, data: st.DataObject, days: int) -> None:
        mistake = data.draw(st.sampled_from(["future", "blank", "unknown unit"]), label="mistake")
        unit = self.pick_unit(data).name
        new = {"unit": unit, "description": "配电房堆放杂物", "found_on": TODAY}
        if mistake == "future":
            new["found_on"] = TODAY + days * DAY
        elif mistake == "blank":
            new["description"] = data.draw(blanks)
        else:
            new["unit"] = "不存在的单位"
        error = NotFoundError if mistake == "unknown unit" else ValidationError
        self.refused(
            lambda: hazards.record_hazard(self.ledger, hazards.NewHazard(**new)),  # type: ignore[arg-type]
            (error,),
            f"record: {mistake}",
        )

    # -- invariants --------------------------------------------------------------------------
    @invariant()
    def history_is_whole(self) -> None:
        report = check_ledger(self.ledger)
        assert report.ok, report.problems

    @invariant()
    def rows_equal_the_model(self) -> None:
        _, _, rows, units = self.db_state()
        with self.ledger.read() as session:
            photos = dict(
                session.execute(
                    select(Attachment.record_uuid, func.count()).group_by(Attachment.record_uuid)
                ).all()
            )
        assert set(rows) == set(self.hazards)
        for code, expected in self.hazards.items():
            row = rows[code]
            actual = {key: row[key] for key in expected.fields() if key != "photos"}
            actual["photos"] = photos.get(row["uuid"], 0)
            assert actual == expected.fields(), code
        assert {
            uuid: {k: row[k] for k in ExpectedUnit.__annotations__} for uuid, row in units.items()
        } == {uuid: u.fields() for uuid, u in self.units.items()}


LedgerMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLedgerWorkflow = LedgerMachine.TestCase


def test_rectification_cannot_predate_the_failed_verification(ledger: Ledger) -> None:
    """A fix reported after a failed verification answers that verification, so it cannot be
    dated before it (decisions.md: assignment ≤ rectification ≤ verification). Otherwise the
    hazard can even be closed with a passing verification dated before the failed one."""
    code = hazards.record_hazard(
        ledger,
        hazards.NewHazard(unit="鑫源五金厂", description="配电房堆放杂物", found_on=D(2026, 11, 1)),
    )
    hazards.assign_hazard(
        ledger, code, responsible="张国强", deadline=D(2026, 11, 20), on=D(2026, 11, 2)
    )
    hazards.rectify_hazard(ledger, code, measures="已清理", done_on=D(2026, 11, 5))
    hazards.verify_hazard(ledger, code, by="李晓峰", passed=False, on=D(2026, 11, 10))
    with pytest.raises(ValidationError):
        hazards.rectify_hazard(ledger, code, measures="再次清理", done_on=D(2026, 11, 3))
    assert show_hazard(ledger, code).status is HazardStatus.ASSIGNED

"""Property: no sequence of operations closes (or voids) a listed hazard before it is delisted.

Random steps of the hazard loop and of the 挂牌督办 sub-flow, on a few major and general hazards,
in any order and with dates anywhere around the listing. Refused steps must change nothing;
after every step a hazard whose supervision is not delisted is neither 已闭环 nor 已作废, a closed
listed hazard's supervision is delisted, and the ledger checks clean.
"""

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from sqlalchemy import func, select

from hazard_ledger.db.models import Event, Hazard, Supervision
from hazard_ledger.domain.enums import HazardLevel, HazardStatus
from hazard_ledger.domain.errors import LedgerError
from hazard_ledger.services import hazards, supervision
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import init_station
from hazard_ledger.services.units import UnitInput, add_unit
from tests.conftest import TODAY

D = dt.date
FOUND = D(2026, 11, 2)
days = st.integers(0, (TODAY - FOUND).days).map(lambda n: FOUND + dt.timedelta(days=n))


class SupervisionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="supervision-prop-"))
        self.ledger = Ledger(self.folder, operator="性质测试", today=lambda: TODAY).open()
        init_station(self.ledger, code="LY", name="罗阳镇应急消防管理站")
        add_unit(self.ledger, UnitInput(name="鑫源五金厂"))
        self.codes: list[str] = []

    def teardown(self) -> None:
        self.ledger.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @initialize(majors=st.integers(1, 2), generals=st.integers(0, 1))
    def hazards(self, majors: int, generals: int) -> None:
        for level in [HazardLevel.MAJOR] * majors + [HazardLevel.GENERAL] * generals:
            self.codes.append(
                hazards.record_hazard(
                    self.ledger,
                    hazards.NewHazard(
                        unit="鑫源五金厂", description="喷漆房无报警", level=level, found_on=FOUND
                    ),
                )
            )

    def events(self) -> int:
        with self.ledger.read() as session:
            return session.scalar(select(func.count(Event.id))) or 0

    def attempt(self, step: Callable[[], object]) -> None:
        before = self.events()
        try:
            step()
        except LedgerError:
            assert self.events() == before, "a refused step changed the ledger"

    # -- the hazard's own loop ----------------------------------------------------------------
    @rule(data=st.data(), on=days, deadline=days)
    def assign(self, data: st.DataObject, on: dt.date, deadline: dt.date) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(
            lambda: hazards.assign_hazard(
                self.ledger, code, responsible="张国强", deadline=deadline, on=on
            )
        )

    @rule(data=st.data(), on=days)
    def rectify(self, data: st.DataObject, on: dt.date) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(
            lambda: hazards.rectify_hazard(self.ledger, code, measures="已整改", done_on=on)
        )

    @rule(data=st.data(), passed=st.booleans(), on=days)
    def verify(self, data: st.DataObject, passed: bool, on: dt.date) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(
            lambda: hazards.verify_hazard(self.ledger, code, by="李晓峰", passed=passed, on=on)
        )

    @rule(data=st.data())
    def void(self, data: st.DataObject) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(lambda: hazards.void_hazard(self.ledger, code, reason="误报"))

    @rule(data=st.data(), level=st.sampled_from(list(HazardLevel)))
    def edit_level(self, data: st.DataObject, level: HazardLevel) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(
            lambda: hazards.edit_hazard(self.ledger, code, hazards.HazardEdit(level=level))
        )

    # -- the sub-flow -------------------------------------------------------------------------
    @rule(data=st.data(), on=days)
    def list_it(self, data: st.DataObject, on: dt.date) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(
            lambda: supervision.list_hazard(
                self.ledger,
                code,
                level="县级",
                authority="县安委会",
                doc_no=f"泰安委〔2026〕{len(code)}号",
                listed_on=on,
                deadline=D(2027, 3, 1),
            )
        )

    @rule(data=st.data(), deadline=days)
    def plan(self, data: st.DataObject, deadline: dt.date) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(
            lambda: supervision.register_plan(
                self.ledger,
                code,
                responsibility="张国强",
                measures="加装报警",
                funds_fen=100,
                deadline=deadline,
                contingency="停用",
            )
        )

    @rule(data=st.data(), on=days)
    def apply(self, data: st.DataObject, on: dt.date) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(lambda: supervision.apply_acceptance(self.ledger, code, on=on))

    @rule(data=st.data(), passed=st.booleans(), on=days)
    def accept(self, data: st.DataObject, passed: bool, on: dt.date) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(
            lambda: supervision.decide_acceptance(
                self.ledger, code, passed=passed, by="县局", on=on
            )
        )

    @rule(data=st.data(), on=days)
    def delist(self, data: st.DataObject, on: dt.date) -> None:
        code = data.draw(st.sampled_from(self.codes))
        self.attempt(lambda: supervision.delist(self.ledger, code, on=on))

    # -- invariants ---------------------------------------------------------------------------
    @invariant()
    def no_listed_hazard_closes_before_delisting(self) -> None:
        with self.ledger.read() as session:
            rows = session.execute(
                select(Hazard.code, Hazard.status, Hazard.level, Supervision.status).outerjoin(
                    Supervision, Supervision.hazard_uuid == Hazard.uuid
                )
            ).all()
        for code, status, level, listing in rows:
            if listing is None:
                continue
            assert level == HazardLevel.MAJOR.value, f"{code}: a listed hazard became general"
            if listing != "delisted":
                assert status not in (HazardStatus.VERIFIED, HazardStatus.VOIDED), (
                    f"{code} is {status} while its supervision is {listing}"
                )
            if status == HazardStatus.VERIFIED:
                assert listing == "delisted"

    @invariant()
    def the_ledger_checks_clean(self) -> None:
        report = check_ledger(self.ledger)
        assert report.ok, report.problems


SupervisionMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestSupervisionNeverClosesEarly = SupervisionMachine.TestCase

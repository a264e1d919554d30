"""Random sequences of operations through the services (hypothesis).

After every step: a step the transition table forbids was refused and changed nothing, an
allowed step succeeded, the hash chain verifies and every record equals the fold of its events.
"""

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule
from sqlalchemy import func, select

from hazard_ledger.db.models import Event, Hazard
from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.domain.errors import LedgerError, ValidationError, WorkflowError
from hazard_ledger.domain.workflow import Action, is_allowed, next_status
from hazard_ledger.services import hazards
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.snapshots import snapshot
from hazard_ledger.services.stations import init_station
from hazard_ledger.services.units import UnitInput, add_unit, edit_unit

D = dt.date
TODAY = D(2026, 11, 18)
FOUND, ASSIGNED_ON, DONE_ON, VERIFIED_ON = (
    D(2026, 11, 1),
    D(2026, 11, 2),
    D(2026, 11, 3),
    D(2026, 11, 4),
)

texts = st.text(alphabet="配电房灭火器疏散通道堆放杂物消防栓锁闭", min_size=1, max_size=12)


class LedgerMachine(RuleBasedStateMachine):
    codes = Bundle("codes")
    units = Bundle("units")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="ledger-prop-"))
        self.ledger = Ledger(self.folder, operator="性质测试", today=lambda: TODAY).open()
        init_station(self.ledger, code="LY", name="罗阳镇应急消防管理站")
        self.model: dict[str, HazardStatus] = {}
        self.unit_count = 0

    def teardown(self) -> None:
        self.ledger.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- helpers -----------------------------------------------------------------------------
    def state(self, code: str) -> tuple[int, dict]:  # type: ignore[type-arg]
        with self.ledger.read() as session:
            events = session.scalar(select(func.count(Event.id)))
            row = session.scalars(select(Hazard).where(Hazard.code == code)).one()
            return events, snapshot(row)

    def attempt(self, code: str, action: Action, step: Callable[[], object]) -> None:
        before = self.state(code)
        current = self.model[code]
        if is_allowed(current, action):
            step()
            self.model[code] = next_status(current, action)
            assert self.state(code)[1]["status"] == self.model[code].value
        else:
            try:
                step()
            except WorkflowError:
                pass
            else:
                raise AssertionError(f"{action} was allowed on a {current} hazard")
            assert self.state(code) == before

    # -- rules -------------------------------------------------------------------------------
    @rule(target=units, name=texts)
    def add_unit(self, name: str) -> str:
        self.unit_count += 1
        unit = f"{name}{self.unit_count}"
        add_unit(self.ledger, UnitInput(name=unit, village="城东社区"))
        return unit

    @rule(unit=units, phone=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True))
    def edit_unit(self, unit: str, phone: str) -> None:
        edit_unit(self.ledger, unit, UnitInput(phone=phone))

    @rule(target=codes, unit=units, description=texts, major=st.booleans())
    def record(self, unit: str, description: str, major: bool) -> str:
        code = hazards.record_hazard(
            self.ledger,
            hazards.NewHazard(
                unit=unit,
                description=description,
                found_on=FOUND,
                level="major" if major else "general",
            ),  # type: ignore[arg-type]
        )
        self.model[code] = HazardStatus.DISCOVERED
        return code

    @rule(code=codes, days=st.integers(0, 60))
    def assign(self, code: str, days: int) -> None:
        self.attempt(
            code,
            Action.ASSIGN,
            lambda: hazards.assign_hazard(
                self.ledger,
                code,
                responsible="张国强",
                on=ASSIGNED_ON,
                deadline=ASSIGNED_ON + dt.timedelta(days=days),
            ),
        )

    @rule(code=codes, funds=st.none() | st.integers(0, 10**8))
    def rectify(self, code: str, funds: int | None) -> None:
        self.attempt(
            code,
            Action.RECTIFY,
            lambda: hazards.rectify_hazard(
                self.ledger, code, measures="已整改", done_on=DONE_ON, funds_fen=funds
            ),
        )

    @rule(code=codes, passed=st.booleans(), new_deadline=st.booleans())
    def verify(self, code: str, passed: bool, new_deadline: bool) -> None:
        deadline = VERIFIED_ON + dt.timedelta(days=10) if new_deadline and not passed else None
        action = Action.VERIFY_PASS if passed else Action.VERIFY_FAIL
        self.attempt(
            code,
            action,
            lambda: hazards.verify_hazard(
                self.ledger, code, by="李晓峰", passed=passed, new_deadline=deadline, on=VERIFIED_ON
            ),
        )

    @rule(code=codes, reason=texts)
    def void(self, code: str, reason: str) -> None:
        self.attempt(
            code, Action.VOID, lambda: hazards.void_hazard(self.ledger, code, reason=reason)
        )

    @rule(code=codes, location=texts)
    def edit(self, code: str, location: str) -> None:
        self.attempt(
            code,
            Action.EDIT,
            lambda: hazards.edit_hazard(self.ledger, code, hazards.HazardEdit(location=location)),
        )

    @rule(
        code=codes,
        mistake=st.sampled_from(
            ["early_deadline", "future_rectify", "no_responsible", "empty_measures", "future_found"]
        ),
    )
    def bad_input(self, code: str, mistake: str) -> None:
        """Invalid input is refused (as a validation or workflow error) and changes nothing."""
        steps = {
            "early_deadline": lambda: hazards.assign_hazard(
                self.ledger, code, responsible="张", on=ASSIGNED_ON, deadline=FOUND
            ),
            "future_rectify": lambda: hazards.rectify_hazard(
                self.ledger, code, measures="x", done_on=TODAY + dt.timedelta(days=1)
            ),
            "no_responsible": lambda: hazards.assign_hazard(
                self.ledger, code, responsible=" ", deadline=TODAY, on=ASSIGNED_ON
            ),
            "empty_measures": lambda: hazards.rectify_hazard(self.ledger, code, measures=""),
            "future_found": lambda: hazards.edit_hazard(
                self.ledger, code, hazards.HazardEdit(found_on=TODAY + dt.timedelta(days=3))
            ),
        }
        before = self.state(code)
        try:
            steps[mistake]()
        except (ValidationError, WorkflowError):
            pass
        except LedgerError as error:
            raise AssertionError(f"unexpected refusal: {error}") from error
        else:
            raise AssertionError(f"{mistake} was accepted")
        assert self.state(code) == before

    # -- invariants --------------------------------------------------------------------------
    @invariant()
    def history_is_whole(self) -> None:
        report = check_ledger(self.ledger)
        assert report.ok, report.problems

    @invariant()
    def every_status_matches_the_model(self) -> None:
        with self.ledger.read() as session:
            rows = dict(session.execute(select(Hazard.code, Hazard.status)).all())
        assert rows == {code: status.value for code, status in self.model.items()}


LedgerMachine.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestLedgerWorkflow = LedgerMachine.TestCase

"""A realistic demo ledger: a station, about ten units across 行业领域, and about sixty hazards
in every state (some overdue, some major), each with a genuine history made through the services."""

import datetime as dt
import random
from typing import Any

from hazard_ledger.domain.enums import HazardLevel
from hazard_ledger.domain.errors import DuplicateError
from hazard_ledger.services import hazards
from hazard_ledger.services.demo_content import (
    INSPECTORS,
    MEASURES,
    SOURCES,
    UNITS,
    credit_code,
    hazards_for,
    phone,
)
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import get_local_station, init_station
from hazard_ledger.services.units import UnitInput, add_unit

DEMO_HAZARDS = 60


def create_demo_ledger(ledger: Ledger, *, seed: int = 2026) -> dict[str, Any]:
    """Fill an empty ledger with the demo; refused if the ledger already has a station."""
    if get_local_station(ledger) is not None:
        raise DuplicateError("数据目录中已有台账，示例台账只能生成在新的（空的）数据目录中。")
    operator = ledger.operator
    rng = random.Random(seed)
    today = ledger.today()
    station = init_station(
        ledger,
        code="LY",
        name="罗阳镇应急消防管理站",
        township="罗阳镇",
        county="泰顺县",
        doc_prefix="罗",
    )
    for index, (name, industry, village, contact) in enumerate(UNITS, start=1):
        add_unit(
            ledger,
            UnitInput(
                name=name,
                credit_code=credit_code(index) if index % 4 else "",
                industry=industry,
                village=village,
                address=f"泰顺县罗阳镇{village}{index * 3}号",
                contact=contact,
                phone=phone(index),
            ),
        )
    counts: dict[str, int] = {}
    found_dates = sorted(
        today - dt.timedelta(days=rng.randint(0, 120)) for _ in range(DEMO_HAZARDS)
    )
    for number, found_on in enumerate(found_dates):
        name, industry, _village, contact = UNITS[number % len(UNITS)]
        pool = hazards_for(industry)
        desc, location, basis, category, requirement, level = pool[rng.randrange(len(pool))]
        inspectors = rng.sample(INSPECTORS, 2)
        ledger.operator = inspectors[0]
        code = hazards.record_hazard(
            ledger,
            hazards.NewHazard(
                unit=name,
                description=desc,
                location=location,
                level=HazardLevel.parse(level),
                category=category,
                industry=industry,
                source=rng.choice(SOURCES),
                basis=basis,
                found_on=found_on,
                inspector="、".join(inspectors),
            ),
        )
        outcome = _advance(ledger, rng, code, found_on, today, contact, requirement, inspectors)
        counts[outcome] = counts.get(outcome, 0) + 1
    ledger.operator = operator
    return {
        "station": station.name,
        "units": len(UNITS),
        "hazards": DEMO_HAZARDS,
        "by_status": counts,
    }


def _advance(
    ledger: Ledger,
    rng: random.Random,
    code: str,
    found_on: dt.date,
    today: dt.date,
    contact: str,
    requirement: str,
    inspectors: list[str],
) -> str:
    """Move a freshly recorded hazard along the loop to a plausible state for its age:
    about half closed, a quarter being fixed (some of them overdue), the rest in between."""
    age = (today - found_on).days
    roll = rng.random()
    if roll < 0.05 and age > 3:
        hazards.void_hazard(ledger, code, reason="经核实系重复登记，与同一单位同一部位隐患合并")
        return "voided"
    if age < 2 or roll < 0.13:
        return "discovered"
    assigned_on = found_on + dt.timedelta(days=rng.randint(0, 1))
    if roll < 0.38:
        # Still being fixed: a deadline around today, so that about half are overdue.
        target = today + dt.timedelta(days=rng.randint(-25, 20))
        deadline = max(target, assigned_on + dt.timedelta(days=3))
    else:
        deadline = assigned_on + dt.timedelta(days=rng.choice([3, 7, 15, 30]))
    hazards.assign_hazard(
        ledger,
        code,
        responsible=contact,
        deadline=deadline,
        phone=phone(len(code) + age),
        requirement=requirement,
        on=assigned_on,
    )
    if roll < 0.38 or deadline > today:
        return "assigned"
    span = (deadline - assigned_on).days
    done_on = min(today, assigned_on + dt.timedelta(days=rng.randint(1, span)))
    ledger.operator = contact
    hazards.rectify_hazard(
        ledger,
        code,
        measures=rng.choice(MEASURES),
        done_on=done_on,
        funds_fen=rng.choice([None, 20000, 85000, 350000]),
    )
    ledger.operator = inspectors[0]
    if (today - done_on).days < 2 or roll < 0.46:
        return "rectified"
    verify_on = min(today, done_on + dt.timedelta(days=rng.randint(1, 3)))
    if roll < 0.52:
        hazards.verify_hazard(
            ledger,
            code,
            by="、".join(inspectors),
            passed=False,
            on=verify_on,
            new_deadline=verify_on + dt.timedelta(days=rng.choice([7, 15, 30])),
            opinion="整改不彻底，需继续整改",
        )
        return "assigned"
    hazards.verify_hazard(
        ledger,
        code,
        by="、".join(inspectors),
        passed=True,
        on=verify_on,
        opinion="整改到位，同意销号",
    )
    return "verified"

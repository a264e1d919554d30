"""Shared fixtures: a ledger on a temporary SQLite file, with a fixed 'today'."""

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import init_station
from hazard_ledger.services.units import UnitInput, add_unit

TODAY = dt.date(2026, 11, 18)  # a Wednesday


class Clock:
    """A settable 'today' for services."""

    def __init__(self, today: dt.date = TODAY) -> None:
        self.today = today

    def __call__(self) -> dt.date:
        return self.today


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def empty_ledger(tmp_path: Path, clock: Clock) -> Iterator[Ledger]:
    """An opened ledger with no station yet."""
    with Ledger(tmp_path / "data", operator="测试员", today=clock) as ledger:
        yield ledger


@pytest.fixture
def ledger(empty_ledger: Ledger) -> Ledger:
    """An opened ledger with a station (LY) and two units."""
    init_station(
        empty_ledger, code="LY", name="罗阳镇应急消防管理站", township="罗阳镇", county="泰顺县"
    )
    add_unit(
        empty_ledger,
        UnitInput(
            name="鑫源五金厂",
            credit_code="91330329MA2C000016",
            industry="工贸（机械）",
            village="城东社区",
            contact="张国强",
            phone="13800000001",
        ),
    )
    add_unit(
        empty_ledger, UnitInput(name="老街小吃店", industry="消防（九小场所）", village="罗阳村")
    )
    return empty_ledger


def make_photo(path: Path, size: tuple[int, int] = (3000, 1500), color: str = "orange") -> Path:
    """Write a JPEG photo of ``size`` to ``path``."""
    Image.new("RGB", size, color).save(path, "JPEG")
    return path


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    return make_photo(tmp_path / "现场照片.jpg")

"""The same models, migrations and services on PostgreSQL (DESIGN §6).

Runs when $HAZARD_LEDGER_TEST_DATABASE_URL names a server database the tests may create
databases beside (CI starts one); skipped otherwise.
"""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import DBAPIError

from hazard_ledger.domain.enums import HazardStatus
from hazard_ledger.services.demo import create_demo_ledger
from hazard_ledger.services.hazard_queries import HazardFilter, list_hazards
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from tests.conftest import Clock

URL = os.environ.get("HAZARD_LEDGER_TEST_DATABASE_URL", "")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not URL, reason="no PostgreSQL server (HAZARD_LEDGER_TEST_DATABASE_URL)"),
]


@pytest.fixture
def pg_ledger(tmp_path: Path, clock: Clock) -> Iterator[Ledger]:
    name = f"ledger_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(URL).set(database=name).render_as_string(hide_password=False)
    try:
        with Ledger(tmp_path, operator="测试员", database_url=url, today=clock) as ledger:
            yield ledger
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_demo_ledger_on_postgresql_passes_check(pg_ledger: Ledger) -> None:
    summary = create_demo_ledger(pg_ledger)
    report = check_ledger(pg_ledger)
    assert report.ok, report.problems
    assert report.events > summary["hazards"]
    rows = list_hazards(pg_ledger)
    assert len(rows) == summary["hazards"]
    assert {r.status for r in rows} == set(HazardStatus)
    assert list_hazards(pg_ledger, HazardFilter(overdue=True))
    found = list_hazards(pg_ledger, HazardFilter(search="灭火器"))
    assert found and all("灭火器" in r.description for r in found)


def test_events_are_append_only_on_postgresql(pg_ledger: Ledger) -> None:
    create_demo_ledger(pg_ledger)
    for statement in ("UPDATE events SET actor = 'x'", "DELETE FROM events"):
        with pytest.raises(DBAPIError, match="append-only"), pg_ledger.engine.begin() as conn:
            conn.execute(text(statement))


def test_a_station_package_merges_into_a_postgresql_county(
    pg_ledger: Ledger, tmp_path: Path, clock: Clock
) -> None:
    from hazard_ledger.services.stations import init_station
    from hazard_ledger.sync.export import export_package
    from hazard_ledger.sync.importer import import_package

    with Ledger(tmp_path / "station", operator="站员", today=clock) as station:
        summary = create_demo_ledger(station)
        package = export_package(station, tmp_path / "LY.zip").file
    init_station(pg_ledger, code="TSX", name="泰顺县应急管理局")
    result = import_package(pg_ledger, package, accept_new_station=True)
    assert result.new_hazards == summary["hazards"]
    report = check_ledger(pg_ledger)
    assert report.ok, report.problems
    assert import_package(pg_ledger, package).already_imported

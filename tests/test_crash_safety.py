"""A process killed (SIGKILL) in the middle of a burst of writes leaves a ledger that passes
`check` and holds every change it reported as done."""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hazard_ledger.services.hazard_queries import list_hazards
from hazard_ledger.services.integrity import check_ledger
from hazard_ledger.services.ledger import Ledger
from hazard_ledger.services.stations import init_station
from hazard_ledger.services.units import UnitInput, add_unit

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL on Windows"),
]

ORDER = ["discovered", "assigned", "rectified"]

WRITER = textwrap.dedent(
    """
    import datetime as dt, sys
    from hazard_ledger.services import hazards
    from hazard_ledger.services.ledger import Ledger

    ledger = Ledger(sys.argv[1], operator="压力测试").open()
    today = dt.date.today()
    n = 0
    while True:
        code = hazards.record_hazard(ledger, hazards.NewHazard(
            unit="鑫源五金厂", description=f"第{n}条隐患：配电房堆放杂物", location="配电房"))
        print("done", code, "discovered", flush=True)
        if n % 2 == 0:
            hazards.assign_hazard(ledger, code, responsible="张国强",
                                  deadline=today + dt.timedelta(days=7))
            print("done", code, "assigned", flush=True)
            if n % 4 == 0:
                hazards.rectify_hazard(ledger, code, measures="已清理")
                print("done", code, "rectified", flush=True)
        n += 1
    """
)


@pytest.mark.parametrize("kill_after", [5, 37, 120])
def test_sigkill_during_writes_loses_nothing_reported(tmp_path: Path, kill_after: int) -> None:
    data = tmp_path / "data"
    with Ledger(data, operator="测试员") as ledger:
        init_station(ledger, code="LY", name="罗阳镇应急消防管理站")
        add_unit(ledger, UnitInput(name="鑫源五金厂"))
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(data)],
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert child.stdout is not None
    reported: dict[str, str] = {}
    for count, line in enumerate(child.stdout, start=1):
        _, code, status = line.split()
        reported[code] = status
        if count == kill_after:
            os.kill(child.pid, signal.SIGKILL)
            break
    child.wait(timeout=60)
    for line in child.stdout:  # whatever it printed before it died was also committed
        _, code, status = line.split()
        reported[code] = status
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with Ledger(data, operator="测试员") as ledger:
        report = check_ledger(ledger)
        assert report.ok, report.problems
        stored = {row.code: row.status.value for row in list_hazards(ledger)}
    for code, status in reported.items():
        assert code in stored, f"{code} was reported done but is missing"
        # the writer prints after each commit, so the ledger may be one step ahead, never behind
        assert ORDER.index(stored[code]) >= ORDER.index(status), code
    assert len(stored) - len(reported) in (0, 1)

    result = subprocess.run(
        [sys.executable, "-m", "hazard_ledger", "--data-dir", str(data), "check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr

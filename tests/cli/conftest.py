"""The CLI as a subprocess, as scripts and station staff run it, on an initialised ledger."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TODAY = dt.date.today()


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


class Cli:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.env = {**os.environ, "HAZARD_LEDGER_OPERATOR": "张建华"}
        self.env.pop("HAZARD_LEDGER_HOME", None)

    def run(self, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "hazard_ledger", "--data-dir", str(self.data_dir), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env,
            timeout=120,
        )
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    def json(self, *args: str) -> dict:  # type: ignore[type-arg]
        return json.loads(self.run(*args, "--json").stdout)

    def refused(self, *args: str) -> str:
        """Run a command that must fail as a user error: exit 2, one line, no traceback."""
        result = self.run(*args, ok=False)
        assert result.returncode == 2, (result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert "Traceback" not in result.stderr
        return lines[0]


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "data")
    cli.run(
        "init",
        "--code",
        "LY",
        "--name",
        "罗阳镇应急消防管理站",
        "--township",
        "罗阳镇",
        "--county",
        "泰顺县",
    )
    cli.run(
        "unit",
        "add",
        "--name",
        "鑫源五金厂",
        "--credit-code",
        "91330329MA2C000016",
        "--industry",
        "工贸（机械）",
        "--village",
        "城东社区",
        "--contact",
        "张国强",
        "--phone",
        "13800000001",
    )
    return cli

"""The layers of DESIGN §2 import one way only. Checked on the source, so it cannot drift."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hazard_ledger"

# layer → modules (top-level names inside hazard_ledger, or third-party roots) it must not import
FORBIDDEN = {
    "domain": {
        "db",
        "services",
        "reports",
        "sync",
        "cli",
        "ui",
        "app",
        "sqlalchemy",
        "alembic",
        "PySide6",
        "PIL",
        "reportlab",
        "openpyxl",
    },
    "db": {"services", "reports", "sync", "cli", "ui", "app", "PySide6"},
    "services": {"reports", "sync", "cli", "ui", "app", "PySide6"},
    "reports": {"cli", "ui", "app", "db", "PySide6"},
    "sync": {"cli", "ui", "app", "PySide6"},
    "cli": {"ui", "PySide6"},
}


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            names.add(parts[1] if parts[0] == "hazard_ledger" and len(parts) > 1 else parts[0])
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_go_one_way(layer: str) -> None:
    folder = PACKAGE / layer
    files = sorted(folder.rglob("*.py")) if folder.is_dir() else []
    if layer in ("domain", "db", "services", "cli"):
        assert files, f"{layer} should exist"
    bad = {
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files
        for name in imported_names(path) & FORBIDDEN[layer]
    }
    assert not bad, sorted(bad)

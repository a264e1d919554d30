"""Every path the program uses: the data dir (platformdirs), its files, and resources/."""

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "hazard_ledger"
HOME_ENV = "HAZARD_LEDGER_HOME"
DATABASE_NAME = "ledger.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data dir: ``override`` (``--data-dir``), else $HAZARD_LEDGER_HOME, else the user's
    platform data dir (on Windows ``%LOCALAPPDATA%\\hazard_ledger``)."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser().resolve()
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def database_file(root: Path) -> Path:
    return root / DATABASE_NAME


def attachments_dir(root: Path) -> Path:
    return root / "attachments"


def backups_dir(root: Path) -> Path:
    return root / "backups"


def log_file(root: Path) -> Path:
    return root / "hazard_ledger.log"


def package_dir() -> Path:
    return Path(__file__).resolve().parent


def migrations_dir() -> Path:
    return package_dir() / "db" / "migrations"


def resources_dir() -> Path:
    """resources/ beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return package_dir().parent / "resources"

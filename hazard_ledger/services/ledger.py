"""The open ledger: data dir, engine, the operator's name, and the clock."""

import contextlib
import datetime as dt
import getpass
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from hazard_ledger import paths
from hazard_ledger.db import migrate
from hazard_ledger.db.engine import WRITE_OPTIONS, make_engine
from hazard_ledger.db.sqlite_backup import copy_database

log = logging.getLogger(__name__)

OPERATOR_ENV = "HAZARD_LEDGER_OPERATOR"


class Ledger:
    """One open ledger. Services receive it and open short sessions through it.

    Args:
        data_dir: the data dir (``--data-dir``); None means $HAZARD_LEDGER_HOME or the platform's.
        operator: who is working (recorded as the actor of every event).
        database_url: another database instead of the data dir's SQLite file (PostgreSQL).
        today: a clock for business dates; tests pass a fixed one.
        now: the local time of day for minute-counted limits; by default today's date at the
            current time of day (so a fixed ``today`` keeps every clock consistent).
    """

    def __init__(
        self,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        operator: str | None = None,
        database_url: str | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        self.data_dir = paths.data_dir(data_dir)
        self.operator = (operator or os.environ.get(OPERATOR_ENV) or _login_name()).strip()
        self._today = today
        self._now = now
        self.database_file = paths.database_file(self.data_dir)
        self.url = database_url or f"sqlite:///{self.database_file}"
        self.is_sqlite = self.url.startswith("sqlite")
        self._engine: Engine | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def open(self) -> "Ledger":
        """Create the data dir if needed, check the schema and migrate (backing up first)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(self.url)
        try:
            if migrate.upgrade(engine, backup=self._backup_before_migration):
                log.info("schema migrated to %s", migrate.head_revision())
        except BaseException:
            engine.dispose()
            raise
        self._engine = engine
        return self

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def __enter__(self) -> "Ledger":
        return self.open() if self._engine is None else self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise RuntimeError("ledger is not open")
        return self._engine

    # -- sessions ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE on SQLite): committed if the block ends normally,
        rolled back entirely otherwise."""
        with Session(self.engine.execution_options(**WRITE_OPTIONS)) as session, session.begin():
            yield session

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction with a consistent snapshot."""
        with Session(self.engine) as session, session.begin():
            yield session
            session.rollback()

    def today(self) -> dt.date:
        return self._today()

    def now(self) -> dt.datetime:
        """Local time, naive (as people read deadlines)."""
        if self._now is not None:
            return self._now()
        return dt.datetime.combine(self.today(), dt.datetime.now().time())

    # -- files -------------------------------------------------------------------------------
    @property
    def attachments_dir(self) -> Path:
        return paths.attachments_dir(self.data_dir)

    @property
    def backups_dir(self) -> Path:
        return paths.backups_dir(self.data_dir)

    def _backup_before_migration(self, revision: str) -> Path:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.backups_dir / f"before-migration-{revision}-{stamp}.sqlite3"
        self.backups_dir.mkdir(parents=True, exist_ok=True)
        copy_database(self.database_file, target)
        log.info("backed up %s to %s before migrating", self.database_file, target)
        return target


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name on some Windows setups
        return "操作员"

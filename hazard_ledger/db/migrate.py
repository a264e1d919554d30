"""Schema migrations, run in-process at start: refuse a newer schema, back up, then upgrade."""

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, inspect

from hazard_ledger.domain.errors import StorageError
from hazard_ledger.paths import migrations_dir


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def check_schema(engine: Engine) -> str | None:
    """Return the database's revision; refuse a database that is not ours or is from a newer
    version of the program."""
    revision = current_revision(engine)
    if revision is None:
        tables = set(inspect(engine).get_table_names()) - {"alembic_version"}
        if tables:
            raise StorageError("该数据库文件不是隐患整改台账（缺少版本信息），未作任何改动。")
        return None
    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except CommandError:
        raise StorageError(
            f"该台账由更新版本的程序创建（数据结构版本 {revision}），本程序无法打开。"
            "请升级程序后再打开，台账文件未作任何改动。"
        ) from None
    return revision


def upgrade(engine: Engine, backup: Callable[[str], Path] | None = None) -> bool:
    """Bring the schema to head. Before changing an existing ledger, ``backup(revision)`` is
    called to copy it aside. Returns whether anything was migrated."""
    revision = check_schema(engine)
    if revision == head_revision():
        return False
    if revision is not None and backup is not None:
        backup(revision)
    config = alembic_config()
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # A batch migration rebuilds a table (copy, drop, rename); SQLite would refuse to
            # drop a table other tables refer to. Keys are off only for the migration (the pragma
            # has no effect inside a transaction) and are checked before it commits.
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise StorageError(
                            f"升级数据结构后有 {len(broken)} 处引用不完整，已放弃升级，台账未改动。"
                        )
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]
    return True


def known_revisions() -> set[str]:
    """Every schema revision this version of the program knows."""
    return {
        script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
    }


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """Autogenerate filter: the FTS5 search tables are made by hand in the migrations."""
    return not (type_ == "table" and (name or "").startswith("hazard_fts"))

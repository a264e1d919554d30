"""initial ledger schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 15:43:58.641436
"""

import sqlalchemy as sa
from alembic import op

from hazard_ledger.db.engine import fts5_trigram_available

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(length=50), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachments")),
        sa.UniqueConstraint("uuid", name=op.f("uq_attachments_uuid")),
    )
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_attachments_record_uuid"), ["record_uuid"], unique=False
        )

    op.create_table(
        "stations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("township", sa.String(length=100), nullable=False),
        sa.Column("county", sa.String(length=100), nullable=False),
        sa.Column("doc_prefix", sa.String(length=20), nullable=False),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stations")),
        sa.UniqueConstraint("code", name=op.f("uq_stations_code")),
        sa.UniqueConstraint("uuid", name=op.f("uq_stations_uuid")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("station_uuid", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("record_type", sa.String(length=20), nullable=False),
        sa.Column("record_uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("occurred_at", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_uuid"], ["stations.uuid"], name=op.f("fk_events_station_uuid_stations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("station_uuid", "seq", name=op.f("uq_events_station_uuid_seq")),
        sa.UniqueConstraint("uuid", name=op.f("uq_events_uuid")),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index("ix_events_record", ["record_uuid", "seq"], unique=False)

    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("station_uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=True),
        sa.Column("industry", sa.String(length=100), nullable=False),
        sa.Column("village", sa.String(length=100), nullable=False),
        sa.Column("address", sa.String(length=300), nullable=False),
        sa.Column("contact", sa.String(length=50), nullable=False),
        sa.Column("phone", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_uuid"], ["stations.uuid"], name=op.f("fk_units_station_uuid_stations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint(
            "station_uuid", "credit_code", name=op.f("uq_units_station_uuid_credit_code")
        ),
        sa.UniqueConstraint("station_uuid", "name", name=op.f("uq_units_station_uuid_name")),
        sa.UniqueConstraint("uuid", name=op.f("uq_units_uuid")),
    )
    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("station_uuid", sa.String(length=36), nullable=False),
        sa.Column("unit_uuid", sa.String(length=36), nullable=False),
        sa.Column("inspected_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("inspectors", sa.String(length=200), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["station_uuid"], ["stations.uuid"], name=op.f("fk_inspections_station_uuid_stations")
        ),
        sa.ForeignKeyConstraint(
            ["unit_uuid"], ["units.uuid"], name=op.f("fk_inspections_unit_uuid_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspections")),
        sa.UniqueConstraint("uuid", name=op.f("uq_inspections_uuid")),
    )
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspections_unit_uuid"), ["unit_uuid"], unique=False)

    op.create_table(
        "hazards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("station_uuid", sa.String(length=36), nullable=False),
        sa.Column("unit_uuid", sa.String(length=36), nullable=False),
        sa.Column("inspection_uuid", sa.String(length=36), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=8), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("location", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=False),
        sa.Column("industry", sa.String(length=100), nullable=False),
        sa.Column("source", sa.String(length=50), nullable=False),
        sa.Column("basis", sa.Text(), nullable=False),
        sa.Column("found_on", sa.Date(), nullable=False),
        sa.Column("inspector", sa.String(length=100), nullable=False),
        sa.Column("responsible", sa.String(length=50), nullable=False),
        sa.Column("responsible_phone", sa.String(length=50), nullable=False),
        sa.Column("requirement", sa.Text(), nullable=False),
        sa.Column("assigned_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("rectified_on", sa.Date(), nullable=True),
        sa.Column("funds_fen", sa.Integer(), nullable=True),
        sa.Column("verified_by", sa.String(length=100), nullable=False),
        sa.Column("verified_on", sa.Date(), nullable=True),
        sa.Column("verification_result", sa.String(length=8), nullable=False),
        sa.Column("verification_opinion", sa.Text(), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("level IN ('general', 'major')", name=op.f("ck_hazards_level")),
        sa.CheckConstraint(
            "status IN ('discovered', 'assigned', 'rectified', 'verified', 'voided')",
            name=op.f("ck_hazards_status"),
        ),
        sa.ForeignKeyConstraint(
            ["inspection_uuid"],
            ["inspections.uuid"],
            name=op.f("fk_hazards_inspection_uuid_inspections"),
        ),
        sa.ForeignKeyConstraint(
            ["station_uuid"], ["stations.uuid"], name=op.f("fk_hazards_station_uuid_stations")
        ),
        sa.ForeignKeyConstraint(
            ["unit_uuid"], ["units.uuid"], name=op.f("fk_hazards_unit_uuid_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hazards")),
        sa.UniqueConstraint("code", name=op.f("uq_hazards_code")),
        sa.UniqueConstraint("uuid", name=op.f("uq_hazards_uuid")),
    )
    with op.batch_alter_table("hazards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_hazards_found_on"), ["found_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_hazards_station_uuid"), ["station_uuid"], unique=False)
        batch_op.create_index("ix_hazards_status_deadline", ["status", "deadline"], unique=False)
        batch_op.create_index(batch_op.f("ix_hazards_unit_uuid"), ["unit_uuid"], unique=False)

    # History is append-only: refuse any change to a stored event at the database level too.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
            "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
            "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
        )
        if fts5_trigram_available():
            create_hazard_fts()
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'events are append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION events_append_only()"
        )


HAZARD_FTS_ROW = (
    "new.id, new.code, new.description, new.location, "
    "(SELECT name FROM units WHERE uuid = new.unit_uuid)"
)


def create_hazard_fts() -> None:
    """Substring search in Chinese: FTS5 with the trigram tokenizer, kept by triggers."""
    op.execute(
        "CREATE VIRTUAL TABLE hazard_fts USING "
        "fts5(code, description, location, unit_name, tokenize='trigram')"
    )
    op.execute(
        "CREATE TRIGGER hazards_fts_insert AFTER INSERT ON hazards BEGIN "
        "INSERT INTO hazard_fts(rowid, code, description, location, unit_name) "
        f"VALUES ({HAZARD_FTS_ROW}); END"
    )
    op.execute(
        "CREATE TRIGGER hazards_fts_update "
        "AFTER UPDATE OF code, description, location, unit_uuid ON hazards BEGIN "
        "DELETE FROM hazard_fts WHERE rowid = old.id; "
        "INSERT INTO hazard_fts(rowid, code, description, location, unit_name) "
        f"VALUES ({HAZARD_FTS_ROW}); END"
    )
    op.execute(
        "CREATE TRIGGER hazards_fts_delete AFTER DELETE ON hazards BEGIN "
        "DELETE FROM hazard_fts WHERE rowid = old.id; END"
    )
    op.execute(
        "CREATE TRIGGER units_fts_rename AFTER UPDATE OF name ON units BEGIN "
        "UPDATE hazard_fts SET unit_name = new.name "
        "WHERE rowid IN (SELECT id FROM hazards WHERE unit_uuid = new.uuid); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS hazard_fts")
        for trigger in ("events_no_update", "events_no_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    else:
        op.execute("DROP TRIGGER IF EXISTS events_no_change ON events")
        op.execute("DROP FUNCTION IF EXISTS events_append_only()")
    with op.batch_alter_table("hazards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hazards_unit_uuid"))
        batch_op.drop_index("ix_hazards_status_deadline")
        batch_op.drop_index(batch_op.f("ix_hazards_station_uuid"))
        batch_op.drop_index(batch_op.f("ix_hazards_found_on"))

    op.drop_table("hazards")
    with op.batch_alter_table("inspections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspections_unit_uuid"))

    op.drop_table("inspections")
    op.drop_table("units")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index("ix_events_record")

    op.drop_table("events")
    op.drop_table("stations")
    with op.batch_alter_table("attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachments_record_uuid"))

    op.drop_table("attachments")

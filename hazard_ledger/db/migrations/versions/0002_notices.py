"""notices: 整改通知书 / 整改复查意见书 and the hazards each lists

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 17:11:01.360995
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("station_uuid", sa.String(length=36), nullable=False),
        sa.Column("unit_uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("refers_to_uuid", sa.String(length=36), nullable=True),
        sa.Column("title", sa.String(length=50), nullable=False),
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("inspected_on", sa.Date(), nullable=True),
        sa.Column("inspected_place", sa.String(length=200), nullable=False),
        sa.Column("inspectors", sa.String(length=200), nullable=False),
        sa.Column("served_on", sa.Date(), nullable=True),
        sa.Column("served_to", sa.String(length=50), nullable=False),
        sa.Column("refused", sa.Boolean(), nullable=False),
        sa.Column("witness", sa.String(length=50), nullable=False),
        sa.Column("void_reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint("kind IN ('rectification', 'review')", name=op.f("ck_notices_kind")),
        sa.CheckConstraint("status IN ('issued', 'voided')", name=op.f("ck_notices_status")),
        sa.ForeignKeyConstraint(
            ["refers_to_uuid"], ["notices.uuid"], name=op.f("fk_notices_refers_to_uuid_notices")
        ),
        sa.ForeignKeyConstraint(
            ["station_uuid"], ["stations.uuid"], name=op.f("fk_notices_station_uuid_stations")
        ),
        sa.ForeignKeyConstraint(
            ["unit_uuid"], ["units.uuid"], name=op.f("fk_notices_unit_uuid_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notices")),
        sa.UniqueConstraint("number", name=op.f("uq_notices_number")),
        sa.UniqueConstraint(
            "station_uuid",
            "kind",
            "year",
            "serial",
            name=op.f("uq_notices_station_uuid_kind_year_serial"),
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_notices_uuid")),
    )
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notices_unit_uuid"), ["unit_uuid"], unique=False)

    op.create_table(
        "notice_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("notice_uuid", sa.String(length=36), nullable=False),
        sa.Column("hazard_uuid", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("requirement", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["hazard_uuid"], ["hazards.uuid"], name=op.f("fk_notice_items_hazard_uuid_hazards")
        ),
        sa.ForeignKeyConstraint(
            ["notice_uuid"], ["notices.uuid"], name=op.f("fk_notice_items_notice_uuid_notices")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notice_items")),
        sa.UniqueConstraint(
            "notice_uuid", "hazard_uuid", name=op.f("uq_notice_items_notice_uuid_hazard_uuid")
        ),
    )
    with op.batch_alter_table("notice_items", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notice_items_hazard_uuid"), ["hazard_uuid"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_notice_items_notice_uuid"), ["notice_uuid"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("notice_items", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notice_items_notice_uuid"))
        batch_op.drop_index(batch_op.f("ix_notice_items_hazard_uuid"))

    op.drop_table("notice_items")
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notices_unit_uuid"))

    op.drop_table("notices")

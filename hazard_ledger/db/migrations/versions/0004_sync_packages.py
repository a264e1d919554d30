"""Weekly sync packages (exported and imported); notice numbers unique per station

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_packages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=6), nullable=False),
        sa.Column("station_uuid", sa.String(length=36), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("full", sa.Boolean(), nullable=False),
        sa.Column("manifest_sha256", sa.String(length=64), nullable=False),
        sa.Column("previous_sha256", sa.String(length=64), nullable=True),
        sa.Column("first_seq", sa.Integer(), nullable=True),
        sa.Column("last_seq", sa.Integer(), nullable=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "direction IN ('export', 'import')", name=op.f("ck_sync_packages_direction")
        ),
        sa.ForeignKeyConstraint(
            ["station_uuid"],
            ["stations.uuid"],
            name=op.f("fk_sync_packages_station_uuid_stations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_packages")),
        sa.UniqueConstraint(
            "direction",
            "station_uuid",
            "manifest_sha256",
            name=op.f("uq_sync_packages_direction_station_uuid_manifest_sha256"),
        ),
    )
    with op.batch_alter_table("sync_packages", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sync_packages_station", ["station_uuid", "direction", "sequence"], unique=False
        )
    # A county ledger holds several stations whose short prefixes may coincide.
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_constraint("uq_notices_number", type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_notices_station_uuid_number"), ["station_uuid", "number"]
        )
        batch_op.create_index(batch_op.f("ix_notices_number"), ["number"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notices_number"))
        batch_op.drop_constraint(batch_op.f("uq_notices_station_uuid_number"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_notices_number"), ["number"])
    with op.batch_alter_table("sync_packages", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_packages_station")
    op.drop_table("sync_packages")

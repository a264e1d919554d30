"""挂牌督办 (supervisions), pending 延期 requests on hazards, notices keep their printed text

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 16:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hazards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extension_to", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("extension_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("extension_requested_on", sa.Date(), nullable=True))

    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("issuer", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("unit_name", sa.String(length=200), nullable=True))
    with op.batch_alter_table("notice_items", schema=None) as batch_op:
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("location", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("basis", sa.Text(), nullable=True))

    op.create_table(
        "supervisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("station_uuid", sa.String(length=36), nullable=False),
        sa.Column("hazard_uuid", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("authority", sa.String(length=100), nullable=False),
        sa.Column("supervisor", sa.String(length=100), nullable=False),
        sa.Column("doc_no", sa.String(length=60), nullable=False),
        sa.Column("listed_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("plan_responsibility", sa.Text(), nullable=False),
        sa.Column("plan_measures", sa.Text(), nullable=False),
        sa.Column("plan_funds_fen", sa.Integer(), nullable=True),
        sa.Column("plan_deadline", sa.Date(), nullable=True),
        sa.Column("plan_contingency", sa.Text(), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("accepted_by", sa.String(length=100), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("acceptance_result", sa.String(length=8), nullable=False),
        sa.Column("acceptance_opinion", sa.Text(), nullable=False),
        sa.Column("delisted_on", sa.Date(), nullable=True),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        sa.CheckConstraint(
            "status IN ('listed', 'planned', 'applied', 'accepted', 'delisted')",
            name=op.f("ck_supervisions_status"),
        ),
        sa.CheckConstraint("level IN ('县级', '市级', '省级')", name=op.f("ck_supervisions_level")),
        sa.ForeignKeyConstraint(
            ["hazard_uuid"], ["hazards.uuid"], name=op.f("fk_supervisions_hazard_uuid_hazards")
        ),
        sa.ForeignKeyConstraint(
            ["station_uuid"],
            ["stations.uuid"],
            name=op.f("fk_supervisions_station_uuid_stations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_supervisions")),
        sa.UniqueConstraint("hazard_uuid", name=op.f("uq_supervisions_hazard_uuid")),
        sa.UniqueConstraint("uuid", name=op.f("uq_supervisions_uuid")),
    )


def downgrade() -> None:
    op.drop_table("supervisions")
    with op.batch_alter_table("notice_items", schema=None) as batch_op:
        batch_op.drop_column("basis")
        batch_op.drop_column("location")
        batch_op.drop_column("description")
    with op.batch_alter_table("notices", schema=None) as batch_op:
        batch_op.drop_column("unit_name")
        batch_op.drop_column("issuer")
    with op.batch_alter_table("hazards", schema=None) as batch_op:
        batch_op.drop_column("extension_requested_on")
        batch_op.drop_column("extension_reason")
        batch_op.drop_column("extension_to")

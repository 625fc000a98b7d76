"""Initial schema: partnerships, aid actions, users, login attempts, audit log, meta.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

PARTNERSHIP_TEXT = (
    "a_country", "a_name", "a_kind", "a_admin1",
    "b_country", "b_name", "b_kind", "b_admin1",
    "relation", "since", "status", "source_url", "note",
)
AID_TEXT = ("date", "category", "what", "quantity", "amount_eur", "source_url")


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "partnerships",
        sa.Column("id", sa.String(64), primary_key=True),
        *[sa.Column(name, sa.Text, nullable=False, server_default="") for name in PARTNERSHIP_TEXT],
        *_stamps(),
    )
    op.create_table(
        "aid_actions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("partnership_id", sa.String(64), sa.ForeignKey("partnerships.id"), nullable=False, index=True),
        *[sa.Column(name, sa.Text, nullable=False, server_default="") for name in AID_TEXT],
        *_stamps(),
    )
    op.create_table(
        "users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("password_hash", sa.Text, nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, index=True),
        sa.Column("attempted_at", sa.Float, nullable=False),
        sa.Column("succeeded", sa.Boolean, nullable=False),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("table_name", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(64), nullable=False, index=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before_json", sa.Text, nullable=True),
        sa.Column("after_json", sa.Text, nullable=True),
    )
    op.create_table(
        "atlas_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("atlas_meta", "audit_log", "login_attempts", "users", "aid_actions", "partnerships"):
        op.drop_table(name)

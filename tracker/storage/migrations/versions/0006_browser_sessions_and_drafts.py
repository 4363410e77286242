"""browser sessions (one-time hand-over to an HttpOnly cookie) and server-side form drafts

Revision ID: 0006
Revises: 0003
A session opened by the sign-in form is handed to the browser's cookie through a one-time code:
only the code's SHA-256 is stored, beside the token sealed with that code. Drafts keep a form's
unsaved input per person, form and object, so a reload does not lose it.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handoff_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("handoff_sealed", sa.String(length=128), nullable=True))
        batch_op.add_column(sa.Column("handoff_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_sessions_handoff_hash"), ["handoff_hash"], unique=True)
    op.create_table(
        "drafts",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=40), nullable=False),
        sa.Column("object_key", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_drafts_user_id_users")),
        sa.PrimaryKeyConstraint("user_id", "form", "object_key", name=op.f("pk_drafts")),
    )


def downgrade() -> None:
    op.drop_table("drafts")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessions_handoff_hash"))
        batch_op.drop_column("handoff_until")
        batch_op.drop_column("handoff_sealed")
        batch_op.drop_column("handoff_hash")

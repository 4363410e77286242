"""site audits kept with their monitoring visit: the checklist version and every answer

Revision ID: 0009
Revises: 0007
A visit recorded from the site-audit checklist keeps the checklist version it was answered with
and all answers (``visits.audit``, JSON); visits typed in by hand keep ``NULL``. Existing rows are
untouched.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.add_column(sa.Column("audit", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("visits", schema=None) as batch_op:
        batch_op.drop_column("audit")

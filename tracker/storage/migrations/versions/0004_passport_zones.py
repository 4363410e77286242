"""the accessibility passport per functional zone × category; visits' findings per zone

Revision ID: 0004
Revises: 0003
Objects gain the zone matrix (``passport_zones``, JSON) beside the per-category summary the
map reads (``passport``, kept as it was: today's data becomes the object-level summary) and
the conclusion written from that summary (``passport_conclusion``, e.g. «ДЧ-И (К, О)») and
the summary's current state per category as plain columns (``passport_wheelchair`` …), so
dashboards, lists and exports need not decode JSON. Visits gain their findings per zone.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# Frozen copy of the conclusion rule at this revision (tracker.domain.passport), so that later
# changes to the live code cannot change what this migration wrote.
_CATEGORIES = (("wheelchair", "К"), ("mobility", "О"), ("vision", "С"), ("hearing", "Г"), ("intellectual", "У"))
_STATES = (("DP", "ДП"), ("DCH", "ДЧ"), ("DU", "ДУ"), ("VND", "ВНД"))


def _conclusion(passport: dict) -> str | None:
    current = {key: (passport.get(key) or {}).get("current") for key, _ in _CATEGORIES}
    parts = []
    for value, code in _STATES:
        held = [letter for key, letter in _CATEGORIES if current[key] == value]
        if not held:
            continue
        letters = ", ".join(held)
        if value == "VND":
            parts.append(code if len(held) == len(_CATEGORIES) else f"{code} ({letters})")
        elif len(held) == len(_CATEGORIES):
            parts.append(f"{code}-В")
        else:
            parts.append(f"{code}-И ({letters})")
    return ", ".join(parts) or None


def upgrade() -> None:
    # Plain ADD COLUMN (with a constant default) works on SQLite too; a batch copy of
    # ``facilities`` would trip the foreign keys of visits and evidence.
    op.add_column("facilities", sa.Column("passport_zones", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
    op.add_column("facilities", sa.Column("passport_conclusion", sa.String(length=120), nullable=True))
    op.create_index("ix_facilities_passport_conclusion", "facilities", ["passport_conclusion"])
    for key, _ in _CATEGORIES:
        op.add_column("facilities", sa.Column(f"passport_{key}", sa.String(length=3), nullable=True))
    op.add_column("visits", sa.Column("zone_findings", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))

    facilities = sa.table(
        "facilities",
        sa.column("id", sa.Integer),
        sa.column("passport", sa.JSON),
        sa.column("passport_conclusion"),
        *(sa.column(f"passport_{key}") for key, _ in _CATEGORIES),
    )
    bind = op.get_bind()
    for fid, passport in bind.execute(sa.select(facilities.c.id, facilities.c.passport)).all():
        passport = passport if isinstance(passport, dict) else {}
        values = {f"passport_{key}": (passport.get(key) or {}).get("current") for key, _ in _CATEGORIES}
        values["passport_conclusion"] = _conclusion(passport)
        if any(values.values()):
            bind.execute(facilities.update().where(facilities.c.id == fid).values(**values))


def downgrade() -> None:
    op.drop_index("ix_facilities_passport_conclusion", table_name="facilities")
    op.drop_column("visits", "zone_findings")
    op.drop_column("facilities", "passport_conclusion")
    for key, _ in _CATEGORIES:
        op.drop_column("facilities", f"passport_{key}")
    op.drop_column("facilities", "passport_zones")

"""register tables with history

Revision ID: 0001
Revises:
Every record carries a version and soft-deletion; the history table is append-only.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_version")),
    )
    op.create_table(
        "districts",
        sa.Column("kato", sa.String(length=9), nullable=False),
        sa.Column("name_kk", sa.String(length=200), nullable=False),
        sa.Column("name_ru", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("oblast_kk", sa.String(length=200), nullable=False),
        sa.Column("oblast_ru", sa.String(length=200), nullable=False),
        sa.Column("oblast_en", sa.String(length=200), nullable=False),
        sa.Column("admin_centre", sa.String(length=200), nullable=True),
        sa.Column("centre_lat", sa.Float(), nullable=True),
        sa.Column("centre_lon", sa.Float(), nullable=True),
        sa.Column("centre_approximate", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("area_km2", sa.Float(), nullable=True),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("kato", name=op.f("pk_districts")),
    )
    with op.batch_alter_table("districts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_districts_oblast_en"), ["oblast_en"], unique=False)

    op.create_table(
        "history",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("change_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_history")),
    )
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_history_change_id"), ["change_id"], unique=False)
        batch_op.create_index("ix_history_entity", ["entity", "entity_id", "version"], unique=False)

    op.create_table(
        "district_boundaries",
        sa.Column("kato", sa.String(length=9), nullable=False),
        sa.Column("geojson", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["kato"], ["districts.kato"], name=op.f("fk_district_boundaries_kato_districts")),
        sa.PrimaryKeyConstraint("kato", name=op.f("pk_district_boundaries")),
    )
    op.create_table(
        "facilities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("name_kk", sa.String(length=500), nullable=True),
        sa.Column("name_ru", sa.String(length=500), nullable=True),
        sa.Column("sector", sa.String(length=40), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=True),
        sa.Column("district_kato", sa.String(length=9), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("ownership", sa.String(length=20), nullable=False),
        sa.Column("program_year", sa.Integer(), nullable=False),
        sa.Column("program_years", sa.JSON(), nullable=False),
        sa.Column("measures", sa.JSON(), nullable=False),
        sa.Column("measures_done", sa.JSON(), nullable=False),
        sa.Column("budget_planned_tiyn", sa.BigInteger(), nullable=False),
        sa.Column("budget_allocated_tiyn", sa.BigInteger(), nullable=False),
        sa.Column("budget_contracted_tiyn", sa.BigInteger(), nullable=False),
        sa.Column("budget_spent_tiyn", sa.BigInteger(), nullable=False),
        sa.Column("funding_source", sa.String(length=20), nullable=False),
        sa.Column("overrun", sa.Boolean(), nullable=False),
        sa.Column("contractor", sa.String(length=300), nullable=True),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("stage_dates", sa.JSON(), nullable=False),
        sa.Column("planned_completion", sa.Date(), nullable=True),
        sa.Column("actual_completion", sa.Date(), nullable=True),
        sa.Column("passport", sa.JSON(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["district_kato"], ["districts.kato"], name=op.f("fk_facilities_district_kato_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_facilities")),
        sa.UniqueConstraint("external_id", name=op.f("uq_facilities_external_id")),
    )
    with op.batch_alter_table("facilities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_facilities_district_kato"), ["district_kato"], unique=False)
        batch_op.create_index(batch_op.f("ix_facilities_funding_source"), ["funding_source"], unique=False)
        batch_op.create_index(batch_op.f("ix_facilities_program_year"), ["program_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_facilities_sector"), ["sector"], unique=False)
        batch_op.create_index(batch_op.f("ix_facilities_stage"), ["stage"], unique=False)

    op.create_table(
        "invataxi_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("district_kato", sa.String(length=9), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("vehicles", sa.Integer(), nullable=False),
        sa.Column("operator", sa.String(length=300), nullable=True),
        sa.Column("trips", sa.Integer(), nullable=False),
        sa.Column("refused", sa.JSON(), nullable=False),
        sa.Column("avg_wait_min", sa.Float(), nullable=True),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["district_kato"], ["districts.kato"], name=op.f("fk_invataxi_reports_district_kato_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invataxi_reports")),
    )
    with op.batch_alter_table("invataxi_reports", schema=None) as batch_op:
        batch_op.create_index("ix_invataxi_district_month", ["district_kato", "month"], unique=False)

    op.create_table(
        "rehab_centers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=True),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("target_groups", sa.JSON(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("opening_year", sa.Integer(), nullable=True),
        sa.Column("budget_tiyn", sa.BigInteger(), nullable=True),
        sa.Column("district_kato", sa.String(length=9), nullable=False),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
        sa.Column("operator", sa.String(length=300), nullable=True),
        sa.Column("source", sa.String(length=500), nullable=True),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=200), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["district_kato"], ["districts.kato"], name=op.f("fk_rehab_centers_district_kato_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rehab_centers")),
        sa.UniqueConstraint("external_id", name=op.f("uq_rehab_centers_external_id")),
    )
    with op.batch_alter_table("rehab_centers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rehab_centers_district_kato"), ["district_kato"], unique=False)

    op.bulk_insert(sa.table("data_version", sa.column("id"), sa.column("version")), [{"id": 1, "version": 0}])
    _history_append_only()


def _history_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER history_no_{action.lower()} BEFORE {action} ON history "
                "BEGIN SELECT RAISE(ABORT, 'history is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            "BEGIN RAISE EXCEPTION 'history is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON history "
            "FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER history_no_update")
        op.execute("DROP TRIGGER history_no_delete")
    else:
        op.execute("DROP TRIGGER history_append_only ON history")
        op.execute("DROP FUNCTION history_append_only()")
    with op.batch_alter_table("rehab_centers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rehab_centers_district_kato"))

    op.drop_table("rehab_centers")
    with op.batch_alter_table("invataxi_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_invataxi_district_month")

    op.drop_table("invataxi_reports")
    with op.batch_alter_table("facilities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_facilities_stage"))
        batch_op.drop_index(batch_op.f("ix_facilities_sector"))
        batch_op.drop_index(batch_op.f("ix_facilities_program_year"))
        batch_op.drop_index(batch_op.f("ix_facilities_funding_source"))
        batch_op.drop_index(batch_op.f("ix_facilities_district_kato"))

    op.drop_table("facilities")
    op.drop_table("district_boundaries")
    with op.batch_alter_table("history", schema=None) as batch_op:
        batch_op.drop_index("ix_history_entity")
        batch_op.drop_index(batch_op.f("ix_history_change_id"))

    op.drop_table("history")
    with op.batch_alter_table("districts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_districts_oblast_en"))

    op.drop_table("districts")
    op.drop_table("data_version")

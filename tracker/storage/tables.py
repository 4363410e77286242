"""Tables of the register. Money is kept in tiyn (1/100 ₸) as integers: exact on every backend; NULL is unknown."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    false,
    text,
    true,
)

#: The passport categories (tracker.domain.enums.DisabilityCategory), one summary column each.
PASSPORT_CATEGORIES = ("wheelchair", "mobility", "vision", "hearing", "intellectual")

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _record_columns() -> list[Column]:
    """Columns every record carries: its version, when it was made and changed, soft deletion."""
    return [
        Column("version", Integer, nullable=False, server_default=text("1")),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("updated_by", String(200), nullable=False),
        Column("deleted_at", DateTime(timezone=True), nullable=True),
    ]


districts = Table(
    "districts",
    metadata,
    Column("kato", String(9), primary_key=True),
    Column("name_kk", String(200), nullable=False),
    Column("name_ru", String(200), nullable=False),
    Column("name_en", String(200), nullable=False),
    Column("oblast_kk", String(200), nullable=False),
    Column("oblast_ru", String(200), nullable=False),
    Column("oblast_en", String(200), nullable=False, index=True),
    Column("admin_centre", String(200)),
    Column("centre_lat", Float),
    Column("centre_lon", Float),
    Column("centre_approximate", Boolean, nullable=False, server_default=true()),
    Column("area_km2", Float),
    Column("figures", JSON, nullable=False),
    *_record_columns(),
)

facilities = Table(
    "facilities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("external_id", String(100), unique=True),
    Column("name_kk", String(500)),
    Column("name_ru", String(500)),
    Column("sector", String(40), nullable=False, index=True),
    Column("address", String(500)),
    Column("district_kato", String(9), ForeignKey("districts.kato"), nullable=False, index=True),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("location_precision", String(20), nullable=False, server_default="exact"),
    Column("ownership", String(20), nullable=False),
    Column("program_year", Integer, nullable=False, index=True),
    Column("program_years", JSON, nullable=False),
    Column("measures", JSON, nullable=False),
    Column("measures_done", JSON, nullable=False),
    Column("budget_planned_tiyn", BigInteger),
    Column("budget_allocated_tiyn", BigInteger),
    Column("budget_contracted_tiyn", BigInteger),
    Column("budget_spent_tiyn", BigInteger),
    Column("funding_source", String(20), nullable=False, index=True),
    Column("overrun", Boolean, nullable=False),
    Column("contractor", String(300)),
    Column("stage", String(20), nullable=False, index=True),
    Column("stage_dates", JSON, nullable=False),
    Column("planned_completion", Date),
    Column("actual_completion", Date),
    # The per-category summary (JSON, and its current states as plain columns the dashboards
    # read without decoding JSON) and the conclusion; the zone matrix is read only per object.
    Column("passport", JSON, nullable=False),
    Column("passport_zones", JSON, nullable=False),
    Column("passport_conclusion", String(120), index=True),
    *(Column(f"passport_{category}", String(3)) for category in PASSPORT_CATEGORIES),
    Column("demo", Boolean, nullable=False),
    *_record_columns(),
)

rehab_centers = Table(
    "rehab_centers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("external_id", String(100), unique=True),
    Column("name", String(500), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("target_groups", JSON, nullable=False),
    Column("places", Integer),
    Column("status", String(30), nullable=False),
    Column("opening_year", Integer),
    Column("budget_tiyn", BigInteger),
    Column("district_kato", String(9), ForeignKey("districts.kato"), nullable=False, index=True),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("operator", String(300)),
    Column("source", String(500)),
    Column("demo", Boolean, nullable=False),
    *_record_columns(),
)

invataxi_reports = Table(
    "invataxi_reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("district_kato", String(9), ForeignKey("districts.kato"), nullable=False),
    Column("month", String(7), nullable=False),
    Column("vehicles", Integer, nullable=False),
    Column("operator", String(300)),
    Column("trips", Integer, nullable=False),
    Column("refused", JSON, nullable=False),
    Column("avg_wait_min", Float),
    Column("source", String(500)),
    Column("demo", Boolean, nullable=False),
    *_record_columns(),
    Index("ix_invataxi_district_month", "district_kato", "month"),
)

district_boundaries = Table(
    "district_boundaries",
    metadata,
    Column("kato", String(9), ForeignKey("districts.kato"), primary_key=True),
    Column("geojson", Text, nullable=False),
    Column("source", String(500), nullable=False),
    *_record_columns(),
)

# Append-only: triggers (SQLite) and a trigger function (PostgreSQL) refuse UPDATE and DELETE.
history = Table(
    "history",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("change_id", String(36), nullable=False, index=True),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(100), nullable=False),
    Column("version", Integer, nullable=False),
    Column("field", String(200), nullable=False),
    Column("old_value", Text, nullable=True),
    Column("new_value", Text, nullable=True),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("comment", Text),
    Index("ix_history_entity", "entity", "entity_id", "version"),
)

# One row: bumped by every write transaction so that caches can be keyed on it.
data_version = Table(
    "data_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", BigInteger, nullable=False),
)

# --- people, sessions, monitoring visits, evidence (revision 0003) ---------------------------

# A user's role and scope; the password hash is argon2 (empty for accounts that sign in by OIDC).
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("email", String(320), index=True),
    Column("oidc_subject", String(255), unique=True),
    Column("role", String(20), nullable=False),
    Column("districts", JSON, nullable=False),
    Column("oblasts", JSON, nullable=False),
    Column("organisation", String(300)),
    Column("password_hash", String(255)),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("password_changed_at", DateTime(timezone=True)),
    *_record_columns(),
)

# Server-side sessions: only a SHA-256 of the random token is stored, so a leaked table
# cannot be replayed; idle and absolute expiry are checked on every use.
sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("client", String(100)),
    Column("method", String(20), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    # Revision 0006: the one-time code that hands the session to the browser's HttpOnly cookie
    # (its SHA-256), the token sealed with that code, and until when the code works.
    Column("handoff_hash", String(64), unique=True, index=True),
    Column("handoff_sealed", String(128)),
    Column("handoff_until", DateTime(timezone=True)),
)

# A form's unsaved input, per person, form and object (revision 0006); not register data.
drafts = Table(
    "drafts",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("form", String(40), primary_key=True),
    Column("object_key", String(64), primary_key=True),
    Column("payload", JSON, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Every sign-in attempt, to slow down guessing per account and per client.
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False),
    Column("client", String(100), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("success", Boolean, nullable=False),
    Index("ix_login_attempts_username_at", "username", "at"),
    Index("ix_login_attempts_client_at", "client", "at"),
)

# What an NGO monitor found on site: a state per zone × passport category, per category, notes per zone.
visits = Table(
    "visits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("facility_id", Integer, ForeignKey("facilities.id"), nullable=False, index=True),
    Column("visited_on", Date, nullable=False),
    Column("organisation", String(300), nullable=False),
    Column("findings", JSON, nullable=False),
    Column("zone_findings", JSON, nullable=False),
    Column("zone_notes", JSON, nullable=False),
    Column("comment", Text),
    Column("demo", Boolean, nullable=False, server_default=false()),
    Column("audit", JSON),  # revision 0009: the site-audit checklist version and answers
    *_record_columns(),
)

# Photos and documents: the bytes live on disk under data_dir, named by a random id.
evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("facility_id", Integer, ForeignKey("facilities.id"), nullable=False, index=True),
    Column("visit_id", Integer, ForeignKey("visits.id"), index=True),
    Column("kind", String(20), nullable=False),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("size_bytes", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("stored_name", String(100), nullable=False, unique=True),
    Column("comment", Text),
    *_record_columns(),
)

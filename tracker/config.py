"""The one place that reads the environment: ``TRACKER_*`` variables and an optional ``.env``."""

from functools import lru_cache
from os import environ
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tracker.domain.language import DEFAULT_LANGUAGE, LANGUAGES


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRACKER_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("var"), description="Where the SQLite file, caches and uploads live")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; empty means the embedded SQLite file in data_dir"
    )
    default_language: str = Field(
        default=DEFAULT_LANGUAGE, description="Language of a visit that names none (the sidebar and ?lang= change it)"
    )
    public_view: bool = Field(default=True, description="Let visitors who are not signed in see the map")
    demo_on_empty: bool = Field(default=True, description="Load the demo data when the database is empty")
    session_idle_minutes: int = Field(
        default=30, ge=1, le=24 * 60, description="Sign-out after this long without activity"
    )
    session_max_hours: int = Field(
        default=12, ge=1, le=24 * 30, description="Sign-out this long after signing in, however active"
    )
    login_max_failures: int = Field(
        default=5, ge=1, le=100, description="Failed sign-ins per account before it is paused"
    )
    login_max_client_failures: int = Field(
        default=20, ge=1, le=1000, description="Failed sign-ins per client before it is paused"
    )
    login_lockout_minutes: int = Field(
        default=15, ge=1, le=24 * 60, description="Longest wait for a client that keeps failing to sign in"
    )
    cookie_secure: bool = Field(
        default=False,
        description="Mark the session cookie Secure even when the request does not say it came over HTTPS "
        "(set it behind a TLS proxy that does not send X-Forwarded-Proto)",
    )
    upload_max_mb: int = Field(default=10, ge=1, le=200, description="Largest photo or document accepted, in MB")
    postgres_bin: Path | None = Field(
        default=None,
        description="PostgreSQL programs (pg_dump, pg_restore, initdb); default: the newest /usr/lib/postgresql/*/bin",
    )
    invataxi_norm_per_1000: float = Field(
        default=0.49,
        gt=0,
        le=100,
        allow_inf_nan=False,
        description="Invataxi vehicles per 1,000 registered people with disabilities that districts are compared "
        "with: the seed oblast's 33 for 66,947 (2021); a comparison point, not a legal norm",
    )
    invataxi_eligible_share: float = Field(
        default=0.026,
        gt=0,
        le=1,
        allow_inf_nan=False,
        description="Share of registered people with disabilities taken as eligible for Invataxi (groups I-II with "
        "mobility limits, wheelchair users, children with mobility limits; order No. 859 of 01.11.2013) where a "
        "district gives no count: national users ~19,000 ÷ registered ~732,000 (2022), a lower bound, to confirm",
    )
    reach_km: float = Field(
        default=50.0,
        gt=0,
        le=2000,
        allow_inf_nan=False,
        description="A settlement further than this from a suitable rehabilitation centre is under-served",
    )
    gap_min_completeness: float = Field(
        default=0.6,
        ge=0,
        le=1,
        allow_inf_nan=False,
        description="Share of the gap index's weight that needs data; below it a district is 'insufficient data'",
    )
    adapted_min_assessed: int = Field(
        default=5,
        ge=1,
        le=10_000,
        description="Fewest objects assessed for a passport category before its adapted share is used",
    )
    map_tiles: str | None = Field(
        default="OpenStreetMap",
        description="Basemap of the progress map (a folium tiles name or URL); empty for none. Without "
        "internet the tiles do not load and districts and objects show on a plain background",
    )
    import_max_mb: int = Field(
        default=20, ge=1, le=500, description="Largest spreadsheet or GeoJSON accepted by the importer, in MB"
    )
    programme_last_year: int = Field(
        default=2029,
        ge=2021,
        le=2100,
        description="Last year a planned completion may fall in: the national follow-ups of the programme run to "
        "2027-2029 (roadmap 2023-2027, about 20 % of priority objects a year; to confirm against the current "
        "government decree)",
    )
    import_max_rows: int = Field(default=60_000, ge=1, le=1_000_000, description="Most data rows one import may hold")

    @field_validator("default_language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"one of {', '.join(LANGUAGES)}")
        return value

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'tracker.db').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")


@lru_cache
def get_settings() -> Settings:
    return Settings()


def child_environment(overrides: dict[str, str]) -> dict[str, str]:
    """This process's environment with ``overrides``, for a child process (a replica, pg_dump)."""
    return {**environ, **overrides}

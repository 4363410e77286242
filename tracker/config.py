"""The one place that reads the environment: ``TRACKER_*`` variables and an optional ``.env``."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

LANGUAGES = ("kk", "ru", "en")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TRACKER_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("var"), description="Where the SQLite file, caches and uploads live")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; empty means the embedded SQLite file in data_dir"
    )
    boundaries_download: bool = Field(
        default=False, description="Try to download the public geokz boundaries when none are loaded"
    )
    boundaries_download_timeout: float = Field(default=5.0, gt=0, le=60)
    default_language: str = Field(default="kk", pattern="^(kk|ru|en)$")
    public_view: bool = Field(default=True, description="Let visitors who are not signed in see the map")
    demo_on_empty: bool = Field(default=True, description="Load the demo data when the database is empty")

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

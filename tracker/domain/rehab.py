"""Rehabilitation centres for people with disabilities."""

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tracker.domain.district import KATO_PATTERN
from tracker.domain.enums import RehabKind, RehabStatus, TargetGroup
from tracker.domain.geography import Latitude, Longitude, check_in_kazakhstan
from tracker.domain.money import Tenge


class RehabCenter(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: int | None = None
    external_id: str | None = Field(default=None, max_length=100)
    name: str = Field(min_length=1, max_length=500)
    kind: RehabKind
    target_groups: list[TargetGroup] = Field(min_length=1)
    places: int | None = Field(default=None, ge=0, le=100_000)
    status: RehabStatus
    opening_year: int | None = Field(default=None, ge=1900, le=2100)
    budget: Tenge | None = None
    district_kato: str = Field(pattern=KATO_PATTERN)
    lat: Latitude
    lon: Longitude
    operator: str | None = Field(default=None, max_length=300)
    source: str | None = Field(default=None, max_length=500)
    demo: bool = False

    @model_validator(mode="after")
    def _inside(self) -> "RehabCenter":
        check_in_kazakhstan(self.lat, self.lon)
        return self

"""A district's official polygon, as imported from a boundary file."""

from pydantic import BaseModel, ConfigDict, Field

from tracker.domain.district import KATO_PATTERN


class DistrictBoundary(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kato: str = Field(pattern=KATO_PATTERN)
    geojson: str = Field(min_length=2)
    source: str = Field(min_length=1, max_length=500)

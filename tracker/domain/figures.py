"""A figure shown to people always travels with its source, its year and an estimate flag."""

from pydantic import BaseModel, ConfigDict, Field


class SourcedFigure(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    value: int = Field(ge=0)
    source: str = Field(min_length=1, max_length=500)
    year: int = Field(ge=1990, le=2100)
    estimate: bool = False

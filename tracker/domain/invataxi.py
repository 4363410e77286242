"""Monthly Invataxi reports: free special transport for people with disabilities, per district."""

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tracker.domain.district import KATO_PATTERN
from tracker.domain.enums import RefusalReason
from tracker.domain.errors import RuleViolation

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"


class InvataxiReport(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: int | None = None
    district_kato: str = Field(pattern=KATO_PATTERN)
    month: str = Field(pattern=MONTH_PATTERN, description="YYYY-MM")
    vehicles: int = Field(ge=0, le=10_000)
    operator: str | None = Field(default=None, max_length=300)
    trips: int = Field(ge=0, le=10_000_000)
    refused: dict[RefusalReason, int] = Field(default_factory=dict)
    avg_wait_min: float | None = Field(default=None, ge=0, le=60 * 24 * 14, allow_inf_nan=False)
    source: str | None = Field(default=None, max_length=500)
    demo: bool = False

    @model_validator(mode="after")
    def _counts(self) -> "InvataxiReport":
        if any(n < 0 for n in self.refused.values()):
            raise RuleViolation("invataxi.negative_refused")
        return self

    @property
    def refused_total(self) -> int:
        return sum(self.refused.values())

    @property
    def refusal_rate(self) -> float | None:
        asked = self.trips + self.refused_total
        return self.refused_total / asked if asked else None

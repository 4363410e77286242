"""An object (building) slated for adaptation: what it is, where, its money, stage and passport."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tracker.domain.district import KATO_PATTERN
from tracker.domain.enums import (
    DisabilityCategory,
    LocationPrecision,
    Measure,
    Ownership,
    PassportState,
    Sector,
    Stage,
)
from tracker.domain.errors import RuleViolation
from tracker.domain.geography import Latitude, Longitude, check_in_kazakhstan
from tracker.domain.language import display_name
from tracker.domain.money import Budget
from tracker.domain.passport import Zone, ZoneAssessment, category_states, conclusion

PROGRAM_YEARS = range(2021, 2030)
_MEASURE_ORDER = {m: i for i, m in enumerate(Measure)}


def check_program_years(years: list[int]) -> None:
    if any(y not in PROGRAM_YEARS for y in years):
        raise RuleViolation("facility.years_range", first=PROGRAM_YEARS.start, last=PROGRAM_YEARS.stop - 1)


def check_name(name_kk: str | None, name_ru: str | None) -> None:
    if not (name_kk or name_ru):
        raise RuleViolation("facility.no_name")


def check_completion(stage: Stage, actual_completion: date | None) -> None:
    """An actual completion date belongs to a completed or accepted object only."""
    if actual_completion and stage not in (Stage.COMPLETED, Stage.ACCEPTED):
        raise RuleViolation("facility.completion_stage")


class PassportEntry(BaseModel):
    """The state of the object for one category now, and the state the adaptation aims at."""

    model_config = ConfigDict(extra="forbid")

    current: PassportState | None = None
    target: PassportState | None = None
    assessed_on: date | None = None

    @property
    def meets_target(self) -> bool | None:
        if self.current is None or self.target is None:
            return None
        return self.current.rank <= self.target.rank


def summary_from_zones(
    zones: dict[Zone, ZoneAssessment], before: dict[DisabilityCategory, PassportEntry]
) -> dict[DisabilityCategory, PassportEntry]:
    """The per-category summary with every category the zones assess computed from them.

    A category no zone assesses keeps the summary entered for it; assessment dates are kept.
    """
    current, target = category_states(zones, "current"), category_states(zones, "target")
    summary = dict(before)
    for category in DisabilityCategory:
        if current[category] is None and target[category] is None:
            continue
        assessed_on = before[category].assessed_on if category in before else None
        summary[category] = PassportEntry(current=current[category], target=target[category], assessed_on=assessed_on)
    return {c: summary[c] for c in DisabilityCategory if c in summary}


class Facility(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: int | None = None
    external_id: str | None = Field(default=None, max_length=100)
    name_kk: str | None = Field(default=None, max_length=500)
    name_ru: str | None = Field(default=None, max_length=500)
    sector: Sector
    address: str | None = Field(default=None, max_length=500)
    district_kato: str = Field(pattern=KATO_PATTERN)
    lat: Latitude
    lon: Longitude
    location_precision: LocationPrecision = LocationPrecision.EXACT
    ownership: Ownership = Ownership.COMMUNAL
    program_years: list[int] = Field(min_length=1)
    measures: list[Measure] = Field(default_factory=list)
    measures_done: list[Measure] = Field(default_factory=list)
    budget: Budget = Field(default_factory=Budget)
    contractor: str | None = Field(default=None, max_length=300)
    stage: Stage = Stage.PLANNED
    stage_dates: dict[Stage, date] = Field(default_factory=dict)
    planned_completion: date | None = None
    actual_completion: date | None = None
    #: The object-level summary per category; computed from ``passport_zones`` when zones are assessed.
    passport: dict[DisabilityCategory, PassportEntry] = Field(default_factory=dict)
    passport_zones: dict[Zone, ZoneAssessment] = Field(default_factory=dict)
    demo: bool = False

    @field_validator("program_years")
    @classmethod
    def _years_in_programme(cls, years: list[int]) -> list[int]:
        check_program_years(years)
        return sorted(set(years))

    @field_validator("measures", "measures_done")
    @classmethod
    def _unique_measures(cls, measures: list[Measure]) -> list[Measure]:
        return sorted(set(measures), key=_MEASURE_ORDER.__getitem__)

    @field_validator("passport_zones")
    @classmethod
    def _assessed_zones(cls, zones: dict[Zone, ZoneAssessment]) -> dict[Zone, ZoneAssessment]:
        return {zone: zones[zone] for zone in Zone if zone in zones and not zones[zone].empty}

    @model_validator(mode="after")
    def _consistent(self) -> "Facility":
        check_name(self.name_kk, self.name_ru)
        check_in_kazakhstan(self.lat, self.lon)
        check_completion(self.stage, self.actual_completion)
        if any(z.states for z in self.passport_zones.values()):
            self.passport = summary_from_zones(self.passport_zones, self.passport)
        return self

    @property
    def conclusion(self) -> str | None:
        """The passport conclusion from the per-category summary, e.g. «ДЧ-И (К, О)»."""
        return conclusion({c: e.current for c, e in self.passport.items()})

    @property
    def name(self) -> str:
        return self.name_kk or self.name_ru or ""

    def display_name(self, lang: str) -> str:
        return display_name(self, lang)

    @property
    def first_year(self) -> int:
        return self.program_years[0]

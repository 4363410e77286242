"""Districts (аудан) and cities of oblast significance, keyed by their KATO code."""

from pydantic import BaseModel, ConfigDict, Field

from tracker.domain.figures import SourcedFigure
from tracker.domain.geography import Latitude, Longitude
from tracker.domain.language import display_name

KatoCode = str
KATO_PATTERN = r"^\d{9}$"
# KATO oblast prefixes of the cities of republican significance: Astana, Almaty, Shymkent.
REPUBLICAN_CITY_PREFIXES = ("71", "75", "79")


class District(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kato: KatoCode = Field(pattern=KATO_PATTERN)
    name_kk: str = Field(min_length=1, max_length=200)
    name_ru: str = Field(min_length=1, max_length=200)
    name_en: str = Field(min_length=1, max_length=200)
    oblast_kk: str = Field(min_length=1, max_length=200)
    oblast_ru: str = Field(min_length=1, max_length=200)
    oblast_en: str = Field(min_length=1, max_length=200)
    admin_centre: str | None = Field(default=None, max_length=200)
    centre_lat: Latitude | None = None
    centre_lon: Longitude | None = None
    centre_approximate: bool = True
    area_km2: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    population: SourcedFigure | None = None
    disabled_total: SourcedFigure | None = None
    disabled_children: SourcedFigure | None = None
    wheelchair_users: SourcedFigure | None = None
    #: People the Invataxi rules make eligible (groups I-II with mobility limits, wheelchair users,
    #: children with disabilities with mobility limits), when the akimat's register gives the count.
    invataxi_eligible: SourcedFigure | None = None

    @property
    def in_republican_city(self) -> bool:
        """A district of Astana, Almaty or Shymkent (cities of republican significance), not of an oblast."""
        return self.kato[:2] in REPUBLICAN_CITY_PREFIXES

    def name(self, lang: str) -> str:
        return display_name(self, lang)

    def oblast(self, lang: str) -> str:
        return display_name(self, lang, "oblast")

"""Small builders of valid domain records; tests override only what they are about."""

from datetime import date
from decimal import Decimal

from tracker.domain import (
    Budget,
    District,
    Facility,
    InvataxiReport,
    PassportEntry,
    RehabCenter,
    SourcedFigure,
)
from tracker.domain.enums import DisabilityCategory, PassportState

TALDYKORGAN = "331000000"
TEKELI = "331800000"


def district(kato: str = TALDYKORGAN, **over) -> District:
    data = dict(
        kato=kato,
        name_kk="Талдықорған",
        name_ru="Талдыкорган",
        name_en="Taldykorgan",
        oblast_kk="Жетісу облысы",
        oblast_ru="область Жетісу",
        oblast_en="Zhetysu Region",
        admin_centre="Талдықорған",
        centre_lat=45.015,
        centre_lon=78.373,
        centre_approximate=False,
        area_km2=385.9,
        population=SourcedFigure(value=201_644, source="Bureau of National Statistics", year=2023),
    )
    return District(**(data | over))


def facility(**over) -> Facility:
    data = dict(
        external_id="T-1",
        name_kk="№3 мектеп",
        name_ru="Школа №3",
        sector="education",
        address="Талдықорған қ., Абай к-сі, 12",
        district_kato=TALDYKORGAN,
        lat=45.01,
        lon=78.37,
        program_years=[2021],
        measures=["ramp", "handrails", "accessible_toilet"],
        budget=Budget(planned=Decimal("1500000.00"), allocated=Decimal("1200000.50")),
        passport={
            c: PassportEntry(current=PassportState.NONE, target=PassportState.FULL, assessed_on=date(2021, 2, 1))
            for c in DisabilityCategory
        },
        planned_completion=date(2021, 12, 1),
    )
    return Facility(**(data | over))


def rehab(**over) -> RehabCenter:
    data = dict(
        external_id="R-1",
        name="«Бәйтерек» күндізгі орталығы",
        kind="day_care",
        target_groups=["children", "adults"],
        places=40,
        status="operating",
        opening_year=2006,
        district_kato=TALDYKORGAN,
        lat=45.02,
        lon=78.38,
        operator="әкімдік",
        source="seed 2021",
    )
    return RehabCenter(**(data | over))


def invataxi(**over) -> InvataxiReport:
    data = dict(
        district_kato=TALDYKORGAN,
        month="2025-01",
        vehicles=4,
        operator="ЖШС «Инватакси»",
        trips=410,
        refused={"no_vehicle": 12, "late_booking": 3},
        avg_wait_min=55.0,
    )
    return InvataxiReport(**(data | over))

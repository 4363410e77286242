"""Small frames for the progress map's tests, built from valid domain records."""

from datetime import date

import pandas as pd

from tests import factories
from tracker.bench.timing import frame_of
from tracker.geo.boundaries import approximate_areas
from tracker.geo.catalog import default_region
from tracker.maps.choropleth import map_shapes
from tracker.storage.mapping import DISTRICT

TODAY = date(2025, 11, 1)
PAYLOADS = (
    "<script>alert(1)</script>",
    "${document.body.id=7*7}",
    "`backtick` name",
    "</script><img src=x onerror=alert(2)>",
    "{{ 7*7 }} template",
    "<img src=x onerror=document.title='PWNED'>${document.body.id='PWNED'}",
)


def objects(stages: list[str] | None = None, names: list[str] | None = None) -> pd.DataFrame:
    """One object per stage (or name), spread over Taldykorgan and Tekeli."""
    stages = stages or [
        "planned",
        "design_estimate",
        "procurement",
        "in_works",
        "completed",
        "accepted",
        "postponed",
        "cancelled",
    ]
    names = names or [f"№{i + 1} мектеп" for i in range(len(stages))]
    records = []
    for i, (stage, name) in enumerate(zip(stages, names)):
        kato = factories.TALDYKORGAN if i % 2 == 0 else factories.TEKELI
        lat, lon = (45.01 + i * 0.001, 78.37) if kato == factories.TALDYKORGAN else (44.86 + i * 0.001, 78.76)
        done = stage in ("completed", "accepted")
        records.append(
            factories.facility(
                external_id=f"T-{i}",
                name_kk=name,
                name_ru=name,
                stage=stage,
                district_kato=kato,
                lat=lat,
                lon=lon,
                actual_completion=date(2021, 11, 1) if done else None,
            )
        )
    return frame_of(records)


def districts() -> pd.DataFrame:
    return pd.DataFrame([DISTRICT.to_row(d) for d in default_region()])


def shapes() -> dict:
    return map_shapes(approximate_areas(default_region()))

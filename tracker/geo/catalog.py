"""The district catalogue shipped in ``geodata/districts.csv``: 224 districts, codes, names, figures."""

import csv
from functools import cache
from pathlib import Path

from tracker.domain.district import District
from tracker.domain.figures import SourcedFigure

CATALOG_PATH = Path(__file__).resolve().parents[2] / "geodata" / "districts.csv"
BOUNDARY_CREDIT = "geokz, A. Rodionov, CC BY 4.0"
DEFAULT_OBLASTS = ("Almaty Region", "Zhetysu Region")


def _figure(row: dict[str, str], key: str) -> SourcedFigure | None:
    if not row.get(key):
        return None
    return SourcedFigure(
        value=int(row[key]),
        source=row[f"{key}_source"],
        year=int(row[f"{key}_year"]),
        estimate=row[f"{key}_estimate"] == "1",
    )


def _district(row: dict[str, str]) -> District:
    return District(
        kato=row["kato"],
        name_kk=row["name_kk"],
        name_ru=row["name_ru"],
        name_en=row["name_en"],
        oblast_kk=row["oblast_kk"],
        oblast_ru=row["oblast_ru"],
        oblast_en=row["oblast_en"],
        admin_centre=row["admin_centre"] or None,
        centre_lat=float(row["centre_lat"]),
        centre_lon=float(row["centre_lon"]),
        centre_approximate=row["centre_approximate"] == "1",
        area_km2=float(row["area_km2"]),
        population=_figure(row, "population"),
        disabled_total=_figure(row, "disabled_total"),
        disabled_children=_figure(row, "disabled_children"),
    )


@cache
def load_catalog(path: Path = CATALOG_PATH) -> tuple[District, ...]:
    """All districts of the catalogue, in KATO order."""
    with open(path, newline="", encoding="utf-8") as f:
        return tuple(_district(row) for row in csv.DictReader(f))


def default_region(path: Path = CATALOG_PATH) -> tuple[District, ...]:
    """The 21 districts of Almaty and Zhetysu oblasts, the embedded default region."""
    return tuple(d for d in load_catalog(path) if d.oblast_en in DEFAULT_OBLASTS)

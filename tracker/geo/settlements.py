"""Settlements that rehabilitation reach is measured from, shipped in ``geodata/settlements.csv``.

The file holds every district admin centre of the catalogue (at the catalogue's point), the
Kazakh populated places of GeoNames' ``cities500`` list (CC BY 4.0), each put in its district by
point-in-polygon, and marks as admin centre the town a city of oblast significance is; each row
names its source and licence (see ``geodata/SOURCES.md``). GeoNames gives no date for its
populations, so every population here is an estimate with no year; some places have none.
"""

from functools import cache
from pathlib import Path

import pandas as pd

SETTLEMENTS_PATH = Path(__file__).resolve().parents[2] / "geodata" / "settlements.csv"
SETTLEMENTS_CREDIT = "GeoNames (cities500), CC BY 4.0"
CATALOGUE_SOURCE = "district catalogue (geodata/districts.csv): admin centre"
COLUMNS = [
    "id",
    "name_kk",
    "name_ru",
    "name_en",
    "district_kato",
    "lat",
    "lon",
    "admin_centre",
    "population",
    "population_source",
    "population_estimate",
    "source",
    "licence",
]
CATALOGUE_LICENCE = "CC BY 4.0 (geokz, A. Rodionov; centre points set in make_catalog.py)"


@cache
def _read(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(
        path,
        dtype={"id": str, "district_kato": str, "population_source": str},
        keep_default_na=False,
        na_values={"population": [""], "population_estimate": [""]},
    )
    frame["admin_centre"] = frame["admin_centre"].astype(int).astype(bool)
    frame["population"] = pd.to_numeric(frame["population"], errors="coerce").astype(float)
    frame["population_estimate"] = frame["population_estimate"].fillna(0).astype(int).astype(bool)
    return frame[COLUMNS]


def load_settlements(path: Path = SETTLEMENTS_PATH) -> pd.DataFrame:
    """All shipped settlements (a copy), admin centres first within each district."""
    return _read(path).copy()


def admin_centres(districts: pd.DataFrame) -> pd.DataFrame:
    """Settlements made of the districts' admin centres (only those known to be a real place).

    Parameters
    ----------
    districts : DataFrame
        A districts frame (``tracker.storage.queries.districts_frame``).

    Returns
    -------
    DataFrame
        One row per district whose centre is a settlement (``centre_approximate`` false), in
        the columns of ``load_settlements``; population unknown.
    """
    real = districts[
        ~districts["centre_approximate"].astype(bool)
        & districts["admin_centre"].notna()
        & districts["centre_lat"].notna()
    ]
    return pd.DataFrame(
        {
            "id": "C" + real["kato"],
            "name_kk": real["admin_centre"],
            "name_ru": real["admin_centre"],
            "name_en": real["admin_centre"],
            "district_kato": real["kato"],
            "lat": real["centre_lat"].astype(float),
            "lon": real["centre_lon"].astype(float),
            "admin_centre": True,
            "population": float("nan"),
            "population_source": "",
            "population_estimate": False,
            "source": CATALOGUE_SOURCE,
            "licence": CATALOGUE_LICENCE,
        },
        columns=COLUMNS,
    ).reset_index(drop=True)


def settlements_for(districts: pd.DataFrame, path: Path = SETTLEMENTS_PATH) -> pd.DataFrame:
    """The shipped settlements of ``districts``, plus the admin centre of any district the file lacks.

    A district the file does not know (e.g. a centre added to the catalogue later) still gets
    its admin centre, so reach is never silently missing for it.
    """
    katos = set(districts["kato"])
    shipped = load_settlements(path)
    shipped = shipped[shipped["district_kato"].isin(katos)]
    extra = admin_centres(districts)
    extra = extra[~extra["district_kato"].isin(set(shipped.loc[shipped["admin_centre"], "district_kato"]))]
    frame = pd.concat([shipped, extra], ignore_index=True) if len(extra) else shipped.reset_index(drop=True)
    return frame.sort_values(["district_kato", "admin_centre", "id"], ascending=[True, False, True], ignore_index=True)

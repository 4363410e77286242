"""geodata/settlements.csv: sourced and licensed rows, inside the real border and their district."""

import numpy as np
import shapely

from tracker.geo.catalog import load_catalog
from tracker.geo.settlements import load_settlements
from tracker.geo.shipped import inside_kazakhstan, shipped_districts

# Cities of oblast significance GeoNames' cities500 does not name (see geodata/SOURCES.md).
CITIES_WITHOUT_A_SOURCE = {"101010000", "111600000", "191800000", "431900000"}


def test_every_row_names_its_source_and_licence():
    settlements = load_settlements()
    assert len(settlements) >= 350
    assert settlements["source"].str.strip().astype(bool).all()
    assert settlements["licence"].str.contains("CC BY 4.0").all()


def test_every_settlement_is_inside_the_real_border_and_near_its_district():
    settlements = load_settlements()
    assert inside_kazakhstan(settlements["lat"], settlements["lon"]).all()
    shapes = dict(zip(shipped_districts()["kato"], shipped_districts().geometry))
    points = shapely.points(settlements["lon"].to_numpy(), settlements["lat"].to_numpy())
    # Placed against the unsimplified geokz polygons: within ~1 km of the simplified one.
    far = [
        row.id
        for row, point in zip(settlements.itertuples(), points)
        if shapes[row.district_kato].distance(point) > 0.01
    ]
    assert far == []


def test_cities_of_oblast_significance_have_their_town_as_centre():
    settlements = load_settlements()
    centres = set(settlements.loc[settlements["admin_centre"], "district_kato"])
    cities = {d.kato for d in load_catalog() if not d.in_republican_city and 10 <= int(d.kato[2:4]) < 30}
    assert len(cities) == 40
    assert cities - centres == CITIES_WITHOUT_A_SOURCE
    # Each district has at most one admin centre.
    counts = settlements.loc[settlements["admin_centre"], "district_kato"].value_counts()
    assert (counts == 1).all()


def test_places_without_a_population_are_kept_as_unknown():
    settlements = load_settlements()
    unknown = settlements[settlements["population"].isna()]
    assert len(unknown) > 0 and not unknown["population_estimate"].any()
    assert np.isnan(unknown["population"].to_numpy()).all()

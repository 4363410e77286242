"""The shipped settlements: every admin centre present, inside the country, with honest populations."""

import pandas as pd

from tracker.domain.geography import inside_kazakhstan_box
from tracker.geo.catalog import load_catalog
from tracker.geo.settlements import admin_centres, load_settlements, settlements_for


def test_every_known_admin_centre_is_a_settlement():
    settlements = load_settlements()
    centres = settlements[settlements["admin_centre"]].set_index("district_kato")
    known = [d for d in load_catalog() if not d.centre_approximate]
    assert len(known) == 20
    for d in known:
        assert centres.loc[d.kato, "name_kk"] == d.admin_centre
        assert (centres.loc[d.kato, "lat"], centres.loc[d.kato, "lon"]) == (d.centre_lat, d.centre_lon)


def test_rows_are_in_the_catalogue_and_in_the_country():
    settlements = load_settlements()
    katos = {d.kato for d in load_catalog()}
    assert settlements["id"].is_unique
    assert set(settlements["district_kato"]) <= katos
    assert all(inside_kazakhstan_box(lat, lon) for lat, lon in zip(settlements["lat"], settlements["lon"]))


def test_populations_are_sourced_estimates_never_above_the_district():
    settlements = load_settlements()
    with_pop = settlements[settlements["population"].notna()]
    assert (with_pop["population"] > 0).all()
    assert with_pop["population_estimate"].all()
    assert with_pop["population_source"].str.contains("GeoNames").all()
    official = {d.kato: d.population.value for d in load_catalog() if d.population and not d.population.estimate}
    for row in with_pop.itertuples():
        if row.district_kato in official:
            assert row.population <= official[row.district_kato], row.id


def test_districts_missing_from_the_file_still_get_their_admin_centre():
    districts = pd.DataFrame(
        [
            {
                "kato": "999000000",
                "admin_centre": "Жаңа қала",
                "centre_lat": 45.0,
                "centre_lon": 78.0,
                "centre_approximate": False,
            }
        ]
    )
    out = settlements_for(districts)
    assert out["id"].tolist() == ["C999000000"] and out["admin_centre"].all()
    approximate = districts.assign(centre_approximate=True)
    assert admin_centres(approximate).empty  # an interior point is not a settlement

"""Adapted share per category from the passports' current states (ДП only; ДЧ/ДУ beside), the worst category."""

import pandas as pd
import pytest

from tracker.analytics.adapted_share import adapted_share, share_table, worst_category

A, B = "331000000", "331800000"


def passport(**current):
    return {c: {"current": s, "target": "DP", "assessed_on": "2024-05-02"} for c, s in current.items()}


@pytest.fixture
def objects():
    rows = [
        (1, A, "education", passport(wheelchair="DP", vision="VND", hearing="DCH")),
        (2, A, "education", passport(wheelchair="DCH", vision="VND", hearing="DU")),
        (3, A, "health", passport(wheelchair="DU", vision="DP", hearing="DCH")),
        (4, A, "health", passport(wheelchair="VND")),  # vision and hearing not assessed
        (5, B, "education", {}),  # no passport at all
    ]
    return pd.DataFrame(
        [{"id": i, "district_kato": k, "sector": s, "passport": p, "demo": i == 5} for i, k, s, p in rows]
    )


def test_share_counts_only_fully_accessible_objects_and_partly_beside(objects):
    shares = adapted_share(objects).set_index(["district_kato", "category"])
    wheelchair = shares.loc[(A, "wheelchair")]
    assert (wheelchair.objects, wheelchair.assessed, wheelchair.adapted, wheelchair.partly) == (4, 4, 1, 2)
    assert wheelchair.share == pytest.approx(0.25)  # ДП of ДП, ДЧ, ДУ, ВНД
    assert wheelchair.partly_share == pytest.approx(0.5)  # ДЧ and ДУ, not added to the share
    vision = shares.loc[(A, "vision")]
    assert (vision.assessed, vision.adapted) == (3, 1) and vision.share == pytest.approx(1 / 3)
    assert shares.loc[(A, "hearing"), "share"] == 0.0  # ДЧ, ДУ, ДЧ: none fully accessible
    assert shares.loc[(A, "hearing"), "partly_share"] == 1.0
    assert pd.isna(shares.loc[(B, "wheelchair"), "share"]) and shares.loc[(B, "wheelchair"), "assessed"] == 0


def test_share_per_sector(objects):
    shares = adapted_share(objects, by=("district_kato", "sector")).set_index(["district_kato", "sector", "category"])
    assert shares.loc[(A, "education", "wheelchair"), "share"] == 0.5
    assert shares.loc[(A, "health", "wheelchair"), "share"] == 0.0
    assert shares.loc[(A, "health", "vision"), "share"] == 1.0


def test_provenance(objects):
    shares = adapted_share(objects).set_index(["district_kato", "category"])
    assert shares.loc[(A, "wheelchair"), "year"] == "2024"
    assert not shares["estimate"].any()
    assert shares.loc[(B, "vision"), "demo"] and not shares.loc[(A, "vision"), "demo"]
    assert "passports" in shares.loc[(A, "vision"), "source"]


def test_worst_category_needs_enough_assessed_objects(objects):
    shares = adapted_share(objects)
    worst = worst_category(shares, min_assessed=3).set_index("district_kato")
    # hearing: ДЧ, ДУ, ДЧ — partly accessible everywhere, fully nowhere
    assert worst.loc[A, "category"] == "hearing" and worst.loc[A, "share"] == 0.0
    assert B not in worst.index
    # with four assessed objects required, hearing and vision (three) drop out and wheelchair is worst
    assert worst_category(shares, min_assessed=4).set_index("district_kato").loc[A, "category"] == "wheelchair"


def test_wide_table_has_categories_in_passport_order(objects):
    wide = share_table(adapted_share(objects))
    assert list(wide.columns) == ["district_kato", "wheelchair", "mobility", "vision", "hearing", "intellectual"]

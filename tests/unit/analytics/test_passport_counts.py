"""Adapted = fully accessible for all categories (ДП-В); partly accessible counted beside, never added."""

import pandas as pd
import pytest

from tracker.analytics.passport_counts import object_classes, passport_counts

K, M, S, G, U = "wheelchair", "mobility", "vision", "hearing", "intellectual"  # К, О, С, Г, У


def register(*objects: dict) -> pd.DataFrame:
    """Objects as the progress frame gives them: one ``passport_<category>`` column per category."""
    return pd.DataFrame(
        [{f"passport_{c}": o.get(c) for c in (K, M, S, G, U)} | {"id": i} for i, o in enumerate(objects)]
    )


@pytest.fixture
def frame():
    return register(
        dict.fromkeys((K, M, S, G, U), "DP"),  # ДП-В: adapted
        dict.fromkeys((K, M, S, G, U), "DP"),  # ДП-В: adapted
        dict.fromkeys((K, M, S, G), "DP"),  # ДП for four, У not assessed: not ДП-В
        {K: "DCH", M: "DP", S: "DU", G: "DP", U: "DP"},  # ДЧ and ДУ: partly
        {K: "VND", M: "VND"},  # temporarily not accessible where assessed
        {K: "VND", M: "DP"},  # some categories only: partly
        {},  # not assessed
    )


def test_each_object_lands_in_one_class(frame):
    assert list(object_classes(frame)) == [
        "full",
        "full",
        "partly",
        "partly",
        "not_accessible",
        "partly",
        "not_assessed",
    ]


def test_adapted_counts_only_fully_accessible_objects_and_partly_stands_beside(frame):
    counts = passport_counts(frame)
    assert (counts.objects, counts.assessed) == (7, 6)
    assert (counts.full, counts.partly, counts.not_accessible, counts.not_assessed) == (2, 3, 1, 1)
    assert counts.share("full") == pytest.approx(2 / 6)  # not (2 + 3) / 6
    assert counts.share("partly") == pytest.approx(3 / 6)


def test_per_category_fully_and_partly_accessible_are_separate(frame):
    by = passport_counts(frame).by_category.set_index("category")
    assert by.loc[K].to_dict() == {"assessed": 6, "full": 3, "partly": 1, "not_accessible": 2}
    assert by.loc[S].to_dict() == {"assessed": 4, "full": 3, "partly": 1, "not_accessible": 0}
    assert by.loc[U, "assessed"] == 3


def test_an_empty_register_has_no_share():
    counts = passport_counts(register())
    assert counts.objects == 0 and counts.share("full") is None

"""The overview's data-quality figure: objects whose location is only approximate."""

import pandas as pd

from tracker.analytics.quality import location_quality


def test_approximate_locations_are_counted_by_kind():
    frame = pd.DataFrame({"location_precision": ["exact", "settlement", "district", "district", None]})
    q = location_quality(frame)
    assert (q.objects, q.settlement, q.district, q.approximate) == (5, 1, 2, 3)
    assert q.share == 0.6


def test_an_empty_register_has_no_share():
    assert location_quality(pd.DataFrame({"location_precision": []})).share is None
    assert location_quality(pd.DataFrame({"id": [1]})).approximate == 0

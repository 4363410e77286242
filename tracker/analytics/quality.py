"""Data-quality figures of the register: how many objects have only an approximate location."""

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class LocationQuality:
    objects: int
    settlement: int  # placed at their settlement (no coordinates in the source)
    district: int  # placed at the district centre

    @property
    def approximate(self) -> int:
        return self.settlement + self.district

    @property
    def share(self) -> float | None:
        return self.approximate / self.objects if self.objects else None


def location_quality(frame: pd.DataFrame) -> LocationQuality:
    """Count objects by ``location_precision`` (a frame without the column counts as all exact).

    Parameters
    ----------
    frame : facilities frame (``tracker.storage.queries.facilities_frame`` columns).

    Returns
    -------
    LocationQuality with the number of objects and of those placed at a settlement or a district centre.
    """
    if "location_precision" not in frame:
        return LocationQuality(len(frame), 0, 0)
    counts = frame["location_precision"].fillna("exact").value_counts()
    return LocationQuality(len(frame), int(counts.get("settlement", 0)), int(counts.get("district", 0)))

"""The people eligible for Invataxi in a district: its own count, or an estimate from the registered.

One rule for every place that shows coverage (``tracker.analytics.invataxi_base`` for the pages,
the district report): a district's own ``invataxi_eligible`` figure where the akimat gives one;
otherwise a share of its registered people with disabilities, labelled an estimate. The default
share, 2.6 %, is the national ratio of Invataxi users to registered people with disabilities
(~19,000 users, 2022; ~732,000 registered) — people already served, so a lower bound.
"""

import math

from tracker.domain.district import District
from tracker.domain.figures import SourcedFigure

ELIGIBLE_SHARE = 0.026
ELIGIBLE_SHARE_SOURCE = (
    "national Invataxi users (~19,000, 2022) ÷ registered people with disabilities (~732,000): "
    "a lower bound, to confirm"
)


def share_source(share: float) -> str:
    """The source text of an estimated base: the share, and where the default share comes from."""
    pct = f"{share * 100:.1f}".rstrip("0").rstrip(".")
    why = ELIGIBLE_SHARE_SOURCE if math.isclose(share, ELIGIBLE_SHARE) else "share set by the administrator"
    return f"estimate: eligible for Invataxi = {pct} % of registered people with disabilities ({why})"


def estimated_eligible(registered: float, share: float) -> float:
    """People taken as eligible out of ``registered``, to the whole person."""
    return float(round(registered * share))


def eligible_people(district: District, share: float = ELIGIBLE_SHARE) -> SourcedFigure | None:
    """The district's eligible people with source and year; None when neither count is known."""
    if district.invataxi_eligible is not None:
        return district.invataxi_eligible
    registered = district.disabled_total
    if registered is None:
        return None
    return SourcedFigure(
        value=int(estimated_eligible(registered.value, share)),
        source=share_source(share),
        year=registered.year,
        estimate=True,
    )

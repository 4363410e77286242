"""Invataxi on the base the rules serve: the people eligible for it, not everyone registered.

The rules of the service — order of the Minister of Transport and Communications of the Republic
of Kazakhstan of 1 November 2013 No. 859, «Правила оказания услуг по перевозке лиц с
инвалидностью автомобильным транспортом (инватакси)» (title as amended on 29.08.2025) — give it,
on a medical conclusion, to people with disability groups I and II with mobility limits,
wheelchair users, and children with disabilities with mobility limits. Coverage is therefore
counted per 1,000 *eligible* people.

Where a district's own count of eligible people is known (its ``invataxi_eligible`` figure, from
the akimat's register) it is used; otherwise the base is estimated as a share of the registered
people with disabilities (``Settings.invataxi_eligible_share``). The default share, 2.6 %, is the
national ratio of Invataxi users to registered people with disabilities (~19,000 users, of them
~6,000 wheelchair users, 2022; ~732,000 registered) — people already served, so a lower bound of
the eligible; it is labelled an estimate, to be confirmed district by district.
"""

import pandas as pd

from tracker.domain.invataxi_eligible import ELIGIBLE_SHARE, estimated_eligible, share_source

RULES_SOURCE = "order of the Minister of Transport and Communications No. 859 of 01.11.2013 (Invataxi rules)"
BASE_COLUMNS = ["kato", "eligible", "eligible_source", "eligible_year", "eligible_estimate"]


def eligible_base(figures: pd.DataFrame, share: float = ELIGIBLE_SHARE) -> pd.DataFrame:
    """People eligible for Invataxi per district, counted where known and estimated otherwise.

    Parameters
    ----------
    figures : DataFrame
        ``tracker.analytics.sourced.district_figures`` of the districts.
    share : float
        Share of the registered people with disabilities taken as eligible where no count is given.

    Returns
    -------
    DataFrame
        ``BASE_COLUMNS``: ``eligible`` (people; NaN when neither a count nor registered people are
        known), its ``eligible_source``, ``eligible_year`` and ``eligible_estimate`` (True when
        estimated from the share, or when the count itself is an estimate).
    """
    rows = []
    for r in figures.itertuples(index=False):
        if not pd.isna(r.invataxi_eligible):
            rows.append(
                (
                    r.kato,
                    r.invataxi_eligible,
                    r.invataxi_eligible_source,
                    r.invataxi_eligible_year,
                    r.invataxi_eligible_estimate,
                )
            )
        elif not pd.isna(r.disabled_total):
            rows.append(
                (r.kato, estimated_eligible(r.disabled_total, share), share_source(share), r.disabled_total_year, True)
            )
        else:
            rows.append((r.kato, float("nan"), "", float("nan"), False))
    return pd.DataFrame(rows, columns=BASE_COLUMNS)


def per_eligible(vehicles: pd.Series, trips: pd.Series, months: pd.Series, eligible: pd.Series) -> pd.DataFrame:
    """Vehicles per 1,000 eligible people, and trips per eligible person a year.

    ``trips`` are summed over ``months`` reported months and annualised (× 12 ÷ months), so a
    district reporting half a year is not counted as half as busy. NaN where either side is unknown
    or the base is zero.
    """
    base = eligible.where(eligible > 0)
    yearly = trips / months.where(months > 0) * 12
    return pd.DataFrame(
        {"vehicles_per_1000_eligible": vehicles / base * 1000, "trips_per_eligible_year": yearly / base},
        index=vehicles.index,
    )

"""The priority list in words: the reason for each rank, and the list as a safe CSV."""

import csv
import io
import math

import pandas as pd

from tracker.analytics.gap_index import COMPONENTS
from tracker.domain.cells import neutralise
from tracker.domain.enums import DisabilityCategory
from tracker.i18n import display_name, fmt_number, fmt_pct, label, t


def reason_text(reason: dict, lang: str, norm_per_1000: float) -> str:
    """One reason of a rank, e.g. "0,29 vehicles per 1,000 (norm 0,49)"."""
    component, value = reason["component"], reason["value"]
    missing = value is None or (isinstance(value, float) and math.isnan(value))
    if component == "taxi":
        return t(
            "coverage.reason.taxi", lang, value=fmt_number(value, lang, 2), norm=fmt_number(norm_per_1000, lang, 2)
        )
    if component.startswith("reach_"):
        group = component.removeprefix("reach_")
        if missing:
            return t(f"coverage.reason.no_centre_{group}", lang)
        return t(f"coverage.reason.reach_{group}", lang, km=fmt_number(value, lang, 0))
    category = DisabilityCategory(component.removeprefix("access_"))
    return t("coverage.reason.access", lang, share=fmt_pct(value, lang), category=label(category, lang))


def reasons_text(reasons: list[dict], lang: str, norm_per_1000: float) -> str:
    return "; ".join(reason_text(r, lang, norm_per_1000) for r in reasons)


def missing_text(missing: list[str], lang: str) -> str:
    return ", ".join(t(f"coverage.component.{c}", lang) for c in missing if c in COMPONENTS)


def priority_rows(index: pd.DataFrame, districts: pd.DataFrame, lang: str, norm_per_1000: float) -> pd.DataFrame:
    """The priority list as a table for people: rank, district, index, reasons, data, provenance.

    Parameters
    ----------
    index : DataFrame
        ``tracker.analytics.gap_index.gap_index``.
    districts : DataFrame
        Districts frame, for the names.
    lang : str
        Language of names, reasons and column headers.
    norm_per_1000 : float
        The Invataxi comparison point, quoted in the reasons.
    """
    names = dict(zip(districts["kato"], display_name(districts, lang)))
    oblasts = dict(zip(districts["kato"], display_name(districts, lang, "oblast")))
    rows = []
    for r in index.itertuples(index=False):
        insufficient = not r.sufficient
        rows.append(
            {
                t("coverage.col.rank", lang): "–" if insufficient else str(int(r.rank)),
                t("coverage.col.district", lang): names.get(r.kato, r.kato),
                t("coverage.col.oblast", lang): oblasts.get(r.kato, ""),
                t("coverage.col.index", lang): t("coverage.insufficient", lang)
                if insufficient
                else fmt_number(r.index * 100, lang, 0),
                t("coverage.col.reasons", lang): reasons_text(r.reasons, lang, norm_per_1000),
                t("coverage.col.completeness", lang): fmt_pct(r.completeness, lang),
                t("coverage.col.missing", lang): missing_text(r.missing, lang),
                t("coverage.col.estimate", lang): t("coverage.yes", lang) if r.estimate else t("coverage.no", lang),
                t("coverage.col.demo", lang): t("coverage.yes", lang) if r.demo else t("coverage.no", lang),
            }
        )
    return pd.DataFrame(rows)


def to_csv(table: pd.DataFrame, note: str = "") -> bytes:
    """UTF-8 CSV (with BOM, so spreadsheets read Kazakh letters) with formula-like cells neutralised.

    ``note`` (e.g. the sources and the demo label) goes on a first line of its own.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if note:
        writer.writerow([neutralise(note)])
    writer.writerow([neutralise(c) for c in table.columns])
    for row in table.itertuples(index=False):
        writer.writerow([neutralise(c) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

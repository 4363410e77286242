"""Small pieces shared by pages: the scope picker, the demo label, sources."""

import pandas as pd
import streamlit as st

from tracker.i18n import t
from tracker.storage.queries import FacilityFilter
from tracker.ui import data


def scope_picker(lang: str, key: str) -> FacilityFilter:
    """Country / oblast and programme year, as a filter for queries."""
    districts = data.districts()
    oblasts = sorted(districts["oblast_en"].unique())
    names = dict(zip(districts["oblast_en"], districts[f"oblast_{lang}"]))
    col_scope, col_year = st.columns(2)
    default = [o for o in ("Almaty", "Zhetysu") if o in oblasts]
    chosen = col_scope.multiselect(t("scope.oblasts", lang), oblasts, default=default,
                                   format_func=lambda o: names.get(o, o), key=f"{key}_oblasts",
                                   placeholder=t("scope.whole_country", lang))
    years = col_year.multiselect(t("scope.years", lang), list(range(2021, 2030)), key=f"{key}_years",
                                 placeholder=t("scope.all_years", lang))
    return FacilityFilter(oblast_en=tuple(chosen), program_years=tuple(years))


def demo_notice(frame: pd.DataFrame, lang: str) -> None:
    if len(frame) and frame["demo"].any():
        st.warning(t("app.demo_notice", lang), icon="⚠️")

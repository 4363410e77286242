"""The progress map: filters, the map (built once per data version, filters and language), and
the details of what was clicked, shown beside the map without rebuilding it."""

import copy
from datetime import date

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from tracker.analytics.rollup import (
    ROLLUP_COLUMNS,
    district_rollup,
    invataxi_by_district,
)
from tracker.config import get_settings
from tracker.domain import calendar
from tracker.domain.enums import DisabilityCategory, FundingSource, Sector, Stage
from tracker.i18n import fmt_int, fmt_mln, fmt_pct, label, t
from tracker.maps.choropleth import METRICS, map_shapes
from tracker.maps.clicks import Selection, selection
from tracker.maps.filters import MapFilter, select_objects
from tracker.maps.progress_map import MapInputs, build_progress_map
from tracker.ui import context, data, links, widgets
from tracker.ui.components.facility_details import render_facility_details
from tracker.ui.data import FacilityFilter
from tracker.ui.markdown import md_escape

MAP_KEY = "progress_map"
# Only clicks on objects and districts come back: panning and zooming never rerun the page.
RETURNED = ["last_active_drawing"]


@st.cache_data(show_spinner=False, max_entries=4)
def _shapes(version: int) -> dict:
    return map_shapes(context.boundaries().frame)


def _scope_districts(districts: pd.DataFrame, scope: FacilityFilter) -> pd.DataFrame:
    if scope.oblast_en:
        return districts[districts["oblast_en"].isin(scope.oblast_en)]
    return districts


def _credit(lang: str) -> str:
    bounds = context.boundaries()
    return t("maps.approximate_source", lang) if bounds.approximate else bounds.source


@st.cache_resource(show_spinner=False, max_entries=12, ttl=3600)
def _selection(version: int, scope: FacilityFilter, flt: MapFilter, today: date) -> tuple[pd.DataFrame, int]:
    """The objects the filters select and how many the scope holds, kept as they are (read only).

    A copy of a 50,000-object frame (cache_data) takes seconds; a click must not pay for it.
    """
    frame = data.facilities(scope)
    return select_objects(frame, flt, today), len(frame)


# Kept as built; each run hands st_folium a deep copy (`render`), because st_folium renames the
# map's elements in place and a second call on the same object writes a script that refers to
# the old names (the map stays blank). The copy shares the data strings: about 10 ms at 50,000.
@st.cache_resource(show_spinner=False, max_entries=12, ttl=3600)
def _map(version: int, scope: FacilityFilter, flt: MapFilter, metric: str, lang: str, today: date, tiles: str | None):
    objects, _ = _selection(version, scope, flt, today)
    districts = _scope_districts(data.districts(), scope)
    katos = set(districts["kato"])
    shapes = _shapes(version)
    shapes = {
        "type": "FeatureCollection",
        "features": [f for f in shapes["features"] if f["properties"]["kato"] in katos],
    }
    rehab = data.rehab_centres()
    taxi = data.invataxi_reports()
    inputs = MapInputs(
        objects=objects,
        shapes=shapes,
        districts=districts,
        rollup=district_rollup(objects, today),
        approximate=context.boundaries().approximate,
        credit=_credit(lang),
        rehab=rehab[rehab["district_kato"].isin(katos)],
        invataxi=invataxi_by_district(taxi[taxi["district_kato"].isin(katos)]),
    )
    return build_progress_map(inputs, lang, metric, tiles)


def _choices(label_key: str, vocabulary, key: str, lang: str, column) -> tuple[str, ...]:
    """A multiselect of a vocabulary's values (plain strings, so the URL and tests can set them)."""
    chosen = column.multiselect(
        t(label_key, lang),
        [v.value for v in vocabulary],
        key=key,
        format_func=lambda v: label(vocabulary(v), lang),
        placeholder=t("maps.all", lang),
    )
    return tuple(chosen)


def _filters(lang: str) -> tuple[MapFilter, str]:
    c1, c2, c3, c4 = st.columns(4)
    sectors = _choices("maps.filter_sector", Sector, "map_sectors", lang, c1)
    stages = _choices("maps.filter_stage", Stage, "map_stages", lang, c2)
    funding = _choices("maps.filter_funding", FundingSource, "map_funding", lang, c3)
    category = c4.selectbox(
        t("maps.filter_category", lang),
        [None, *(c.value for c in DisabilityCategory)],
        key="map_category",
        help=t("maps.filter_category_help", lang),
        format_func=lambda c: t("maps.any_category", lang) if c is None else label(DisabilityCategory(c), lang),
    )
    c5, c6 = st.columns([1, 3])
    overdue = c5.checkbox(t("maps.filter_overdue", lang), key="map_overdue", help=t("maps.filter_overdue_help", lang))
    metric = c6.radio(
        t("maps.metric", lang),
        METRICS,
        key="map_metric",
        horizontal=True,
        format_func=lambda m: t(f"maps.metric_{m}", lang),
    )
    flt = MapFilter(sectors=sectors, stages=stages, category=category, funding=funding, overdue_only=overdue)
    return flt, metric


def _district_details(kato: str, objects: pd.DataFrame, today: date, lang: str) -> None:
    districts = data.districts().set_index("kato")
    if kato not in districts.index:
        return
    st.subheader(districts.at[kato, f"name_{lang}"])
    st.caption(districts.at[kato, f"oblast_{lang}"])
    figures = district_rollup(objects[objects["district_kato"] == kato], today)
    row = figures.loc[kato] if kato in figures.index else pd.Series(0, index=ROLLUP_COLUMNS)
    a, b = st.columns(2)
    a.metric(t("maps.layer_objects", lang), fmt_int(row["objects"], lang))
    b.metric(t("maps.metric_pct_done", lang), fmt_pct(row["pct_done"], lang))
    c, d = st.columns(2)
    c.metric(t("maps.tip_overdue", lang), fmt_int(row["overdue"], lang))
    d.metric(t("maps.tip_execution", lang), fmt_pct(row["execution"], lang))
    st.metric(t("maps.tip_allocated", lang), fmt_mln(row["budget_allocated"], lang))
    links.page_link("district", t("maps.open_district", lang), lang, icon=":material/open_in_new:", kato=kato)


def render() -> None:
    lang = context.language()
    st.title(t("maps.title", lang))
    scope = widgets.scope_picker(lang, key="map")
    flt, metric = _filters(lang)
    today = calendar.today()
    version = context.data_version()
    objects, total = _selection(version, scope, flt, today)
    widgets.demo_notice(objects, lang)
    st.markdown(t("maps.shown", lang, shown=fmt_int(len(objects), lang), total=fmt_int(total, lang)))
    fmap = copy.deepcopy(_map(version, scope, flt, metric, lang, today, get_settings().map_tiles or None))
    col_map, col_details = st.columns([5, 3])
    with col_map:
        value = st_folium(fmap, key=MAP_KEY, returned_objects=RETURNED, height=620, use_container_width=True)
    with col_details.container(key="map_details"):
        chosen: Selection | None = selection(value)
        if chosen is None:
            st.info(t("maps.click_hint", lang))
        elif chosen.kind == "object":
            render_facility_details(chosen.key, lang)  # it links to the object page itself
        else:
            _district_details(chosen.key, objects, today, lang)
    bounds = context.boundaries()
    if bounds.approximate:
        st.caption(t("maps.approximate_notice", lang))
    elif bounds.approximate_katos:
        named = data.districts().set_index("kato")[f"name_{lang}"]
        names = ", ".join(sorted(named.get(k, k) for k in bounds.approximate_katos))
        st.caption(t("places.approximate_districts", lang, names=md_escape(names)))
    st.caption(t("maps.sources", lang, source=_credit(lang)))

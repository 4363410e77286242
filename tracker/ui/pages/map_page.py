"""The progress map: the whole register in the browser once per data version; filters, colours,
counts and the ranked districts table work there at once. Clicks and the view come back to a
fragment, which shows the details beside the map and keeps the view in the page address."""

from datetime import timedelta

import streamlit as st

from tracker.analytics.rollup import invataxi_by_district
from tracker.config import get_settings
from tracker.domain import calendar
from tracker.i18n import t
from tracker.maps.choropleth import map_shapes
from tracker.maps.live.options import VIEW_KEYS, districts_and_oblasts, options, query_from_view, view_from_query
from tracker.maps.live.places import invataxi_points, rehab_points
from tracker.services.live_map import LiveStore
from tracker.ui import context, data, links
from tracker.ui.components.live_map import live_map, shapes_file
from tracker.ui.markdown import md_escape

MAP_KEY = "live_map"
#: How often an open map looks for saves made elsewhere (one small query when nothing changed).
REFRESH = timedelta(seconds=10)


@st.cache_resource(show_spinner=False)
def _store(_db, katos: tuple[str, ...]) -> LiveStore:
    """One store per process and database: every session shares its rows and its packed layer."""
    return LiveStore(_db, list(katos))


@st.cache_data(show_spinner=False, max_entries=2)
def _shapes_name(version: int) -> str:
    return shapes_file(map_shapes(context.boundaries().frame))


def _credit(lang: str) -> str:
    bounds = context.boundaries()
    return t("maps.approximate_source", lang) if bounds.approximate else bounds.source


def current_layer():
    districts = data.districts()
    store = _store(context.database(), tuple(sorted(districts["kato"])))
    return store.layer(context.data_version(), calendar.today())


def warm() -> None:
    """Fill this page's per-process caches (see `tracker.ui.warm`): layer, boundaries, shapes."""
    current_layer()
    context.boundaries()
    _shapes_name(context.data_version())


def _details(value: dict | None, layer, lang: str) -> None:
    click = (value or {}).get("click") if isinstance(value, dict) else None
    if not isinstance(click, dict):
        st.info(t("livemap.click_hint", lang))
        return
    if click.get("kind") == "object":
        if click.get("digest") != layer.digest:
            st.info(t("livemap.stale_click", lang))
            return
        facility_id = layer.id_at(int(click.get("index", -1)))
        if facility_id is not None:
            from tracker.ui.components.facility_details import render_facility_details

            render_facility_details(facility_id, lang)
        return
    kato = str(click.get("kato", ""))
    names = data.districts().set_index("kato")
    if kato in names.index:
        st.subheader(names.at[kato, f"name_{lang}"])
        st.caption(names.at[kato, f"oblast_{lang}"])
        links.page_link("district", t("maps.open_district", lang), lang, icon=":material/open_in_new:", kato=kato)


def _keep_view_in_url(value: dict | None, oblast_keys: list[str]) -> None:
    view = (value or {}).get("state") if isinstance(value, dict) else None
    if not isinstance(view, dict):
        return
    wanted = query_from_view(view, oblast_keys)
    for key in VIEW_KEYS:
        if key in wanted and st.query_params.get(key) != wanted[key]:
            st.query_params[key] = wanted[key]
        elif key not in wanted and key in st.query_params:
            del st.query_params[key]


def _options(lang: str, initial_view: dict) -> dict:
    """What the script needs besides the objects (sent with them only): texts, districts, places."""
    bounds = context.boundaries()
    districts = data.districts()
    return options(
        districts,
        lang,
        _credit(lang),
        bounds.approximate,
        get_settings().map_tiles or None,
        initial_view,
        rehab=rehab_points(data.rehab_centres(), lang),
        invataxi=invataxi_points(invataxi_by_district(data.invataxi_reports()), districts, lang),
    )


@st.fragment(run_every=REFRESH)
def _live(lang: str, initial_view: dict) -> None:
    """The map and the clicked object's record; every `REFRESH` it looks for saves made elsewhere:
    one small query of the data version, and the map's bytes only if the layer changed."""
    layer = current_layer()
    value = live_map(layer, lambda: _options(lang, initial_view), _shapes_name(context.data_version()), key=MAP_KEY)
    # The map's own box shows a click at once; the full record follows here, below the map.
    with st.container(key="map_details", border=True):
        _details(value, layer, lang)
    _keep_view_in_url(value, districts_and_oblasts(data.districts(), lang)[2])


def render() -> None:
    lang = context.language()
    st.title(t("maps.title", lang))
    _, _, oblast_keys = districts_and_oblasts(data.districts(), lang)
    if "_live_view" not in st.session_state:  # the view the page was opened with (a shared link)
        st.session_state["_live_view"] = view_from_query(st.query_params.to_dict(), oblast_keys)
    layer = current_layer()
    if layer.meta["demo"]:
        st.warning(t("app.demo_notice", lang), icon="⚠️")
    _live(lang, st.session_state["_live_view"])
    bounds = context.boundaries()
    if bounds.approximate:
        st.caption(t("maps.approximate_notice", lang))
    elif bounds.approximate_katos:
        named = data.districts().set_index("kato")[f"name_{lang}"]
        names = ", ".join(sorted(named.get(k, k) for k in bounds.approximate_katos))
        st.caption(t("places.approximate_districts", lang, names=md_escape(names)))
    st.caption(t("maps.sources", lang, source=_credit(lang)))

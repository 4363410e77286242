"""Priorities: the gap index per district with adjustable weights, its map and the priority list."""

import streamlit as st
from streamlit_folium import st_folium

from tracker.analytics.gap_index import COMPONENTS, PRESETS, gap_index
from tracker.analytics.gap_report import priority_rows, reasons_text, to_csv
from tracker.config import get_settings
from tracker.i18n import fmt_number, source_text, t
from tracker.maps.coverage import build_gap_map
from tracker.services.boundaries import boundaries_geojson
from tracker.ui import context
from tracker.ui.pages import coverage_data as cd

PRESET_KEY = "gaps_preset"
TOP = 5
MARKDOWN_CHARS = set("\\`*_{}[]()<>#+-.!|~$")


def render() -> None:
    lang = context.language()
    settings = get_settings()
    st.title(t("coverage.gaps.title", lang))
    st.caption(t("coverage.gaps.intro", lang))
    sc = cd.scope(cd.oblast_picker(lang, "gaps"))
    if sc.demo:
        st.warning(t("coverage.demo_notice", lang), icon="⚠️")
    if sc.districts.empty:
        st.info(t("coverage.empty", lang))
        return
    preset = st.selectbox(
        t("coverage.gaps.preset", lang),
        list(PRESETS),
        key=PRESET_KEY,
        format_func=lambda p: t(f"coverage.preset.{p}", lang),
    )
    weights = _weights(preset, lang)
    if sum(weights.values()) <= 0:
        st.error(t("coverage.gaps.no_weight", lang))
        return

    components = cd.components_of(sc)
    index = gap_index(components, weights, settings.gap_min_completeness)
    bounds = context.boundaries()
    credit = t("maps.approximate_source", lang) if bounds.approximate else bounds.source
    fmap = build_gap_map(index, boundaries_geojson(bounds), sc.districts, lang, bounds.approximate, credit)
    st_folium(fmap, returned_objects=[], key="gaps_map", height=560, use_container_width=True)

    st.subheader(t("coverage.gaps.priority", lang))
    table = priority_rows(index, sc.districts, lang, settings.invataxi_norm_per_1000)
    _top(index, sc, lang, settings.invataxi_norm_per_1000)
    st.dataframe(table, hide_index=True, width="stretch", key="gaps_table")
    insufficient = int((~index["sufficient"]).sum())
    if insufficient:
        st.caption(
            t(
                "coverage.gaps.insufficient_note",
                lang,
                n=insufficient,
                share=fmt_number(settings.gap_min_completeness * 100, lang, 0),
            )
        )
    sources = _sources(components, weights, lang)
    demo = bool(index["demo"].any())
    note = t("coverage.gaps.csv_note", lang, preset=t(f"coverage.preset.{preset}", lang), sources=sources) + (
        " " + t("coverage.demo_short", lang) if demo else ""
    )
    st.download_button(
        t("coverage.gaps.download", lang),
        to_csv(table, note),
        file_name=f"priorities-{preset}.csv",
        mime="text/csv",
        key="gaps_download",
    )
    st.caption(
        t("coverage.sources", lang, sources=sources)
        + (" " + t("coverage.has_estimates", lang) if index["estimate"].any() else "")
        + (" " + t("coverage.demo_short", lang) if demo else "")
    )
    with st.expander(t("coverage.gaps.method_title", lang)):
        st.markdown(
            t(
                "coverage.gaps.method_text",
                lang,
                km=fmt_number(settings.reach_km, lang, 0),
                norm=fmt_number(settings.invataxi_norm_per_1000, lang, 2),
                share=fmt_number(settings.gap_min_completeness * 100, lang, 0),
                n=settings.adapted_min_assessed,
            )
        )


def _top(index, sc: cd.Scope, lang: str, norm: float, count: int = TOP) -> None:
    """The first ranks in words, above the full table (which scrolls)."""
    names = cd.district_names(sc.districts, lang)
    lines = [
        f"{int(r.rank)}. **{_plain(names.get(r.kato, r.kato))}** — {_plain(reasons_text(r.reasons, lang, norm))}"
        for r in index[index["sufficient"]].head(count).itertuples(index=False)
    ]
    with st.container(key="gaps_top"):
        st.markdown("\n".join(lines) if lines else t("coverage.insufficient", lang))


def _plain(text: str) -> str:
    """Text shown literally in markdown: its markup characters escaped."""
    return "".join("\\" + ch if ch in MARKDOWN_CHARS else ch for ch in str(text))


def _weights(preset: str, lang: str) -> dict[str, float]:
    """Sliders start at the preset's weights; their keys carry the preset, so a new preset resets them."""
    with st.expander(t("coverage.gaps.weights", lang)):
        cols = st.columns(4)
        return {
            c: cols[i % 4].slider(
                t(f"coverage.component.{c}", lang), 0.0, 5.0, float(PRESETS[preset][c]), 0.5, key=f"gaps_w_{preset}_{c}"
            )
            for i, c in enumerate(COMPONENTS)
        }


def _sources(components, weights: dict[str, float], lang: str) -> str:
    seen: list[str] = []
    for c in COMPONENTS:
        if weights.get(c, 0) <= 0:
            continue
        for text in components[f"source_{c}"].dropna():
            for piece in str(text).split("; "):
                if piece and piece not in seen:
                    seen.append(piece)
    return " · ".join(source_text(s, lang) for s in seen) or "–"

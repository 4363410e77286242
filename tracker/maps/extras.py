"""Rehabilitation centres and Invataxi coverage as map layers (tens to hundreds of markers)."""

import folium
import pandas as pd

from tracker.domain.enums import RehabKind, RehabStatus, TargetGroup
from tracker.i18n import display_name, fmt_int, fmt_number, fmt_pct, label, source_text, t
from tracker.maps.safe import safe_html

_VAN = (
    '<svg viewBox="0 0 16 12" aria-hidden="true"><path fill="#3a3a3a" d="M1 3h9l3 3h2v4h-1.5a2 2 0 0 '
    '1-4 0h-3a2 2 0 0 1-4 0H1z"/><rect x="2" y="4" width="3" height="2" fill="#fff"/>'
    '<rect x="6" y="4" width="3" height="2" fill="#fff"/></svg>'
)


def _lines(pairs: list[tuple[str, str]]) -> str:
    return "<br>".join(f"{safe_html(k)}: {safe_html(v)}" for k, v in pairs if v not in (None, ""))


def _month(month: str) -> str:
    year, mm = str(month).split("-")[:2]
    return f"{mm}.{year}"


def rehab_layer(centres: pd.DataFrame, lang: str, show: bool = True) -> folium.FeatureGroup:
    """One square "+" per rehabilitation centre; kind, places, status and source on hover.

    Parameters
    ----------
    centres : DataFrame as `tracker.storage.queries.rehab_frame` returns it.
    lang : language of the texts.
    show : whether the layer is on when the map opens.
    """
    group = folium.FeatureGroup(name=safe_html(t("maps.layer_rehab", lang)), show=show)
    for row in centres.itertuples(index=False):
        groups = ", ".join(label(TargetGroup(g), lang) for g in (row.target_groups or []))
        details = _lines(
            [
                (t("maps.rehab_kind", lang), label(RehabKind(row.kind), lang)),
                (t("maps.rehab_groups", lang), groups),
                (t("maps.rehab_places", lang), fmt_int(row.places, lang)),
                (
                    t("maps.rehab_status", lang),
                    label(RehabStatus(row.status), lang)
                    + (f" ({row.opening_year})" if pd.notna(row.opening_year) else ""),
                ),
                (t("maps.source", lang), source_text(row.source or "", lang)),
            ]
        )
        demo = f"<br><i>{safe_html(t('maps.demo_mark', lang))}</i>" if row.demo else ""
        folium.Marker(
            [row.lat, row.lon],
            icon=folium.DivIcon(html='<div class="trk-rehab">+</div>', icon_size=(20, 20), icon_anchor=(10, 10)),
            tooltip=folium.Tooltip(f"<b>{safe_html(row.name)}</b><br>{details}{demo}"),
        ).add_to(group)
    return group


def invataxi_layer(
    summary: pd.DataFrame, districts: pd.DataFrame, lang: str, show: bool = False
) -> folium.FeatureGroup:
    """A van badge with the vehicle count at each district centre that reports Invataxi.

    Parameters
    ----------
    summary : `tracker.analytics.rollup.invataxi_by_district`.
    districts : districts frame (``kato``, names, ``centre_lat``, ``centre_lon``, ``figures``).
    lang : language of the texts.
    show : whether the layer is on when the map opens.
    """
    group = folium.FeatureGroup(name=safe_html(t("maps.layer_invataxi", lang)), show=show)
    info = districts.set_index("kato")
    for kato, row in summary.iterrows():
        if kato not in info.index or pd.isna(info.at[kato, "centre_lat"]):
            continue
        district = info.loc[kato]
        disabled = (district["figures"] or {}).get("disabled_total") or {}
        per_1000 = ""
        if disabled.get("value"):
            per_1000 = fmt_number(row["vehicles"] / disabled["value"] * 1000, lang, 2)
            if disabled.get("estimate"):
                per_1000 += f" ({t('maps.estimate', lang)})"
        period = f"{_month(row['first_month'])}–{_month(row['latest_month'])}"
        details = _lines(
            [
                (t("maps.taxi_vehicles", lang, month=_month(row["latest_month"])), fmt_int(row["vehicles"], lang)),
                (t("maps.taxi_per_1000", lang), per_1000),
                (t("maps.taxi_trips", lang, period=period), fmt_int(row["trips"], lang)),
                (
                    t("maps.taxi_refused", lang),
                    f"{fmt_int(row['refused'], lang)} ({fmt_pct(row['refusal_rate'], lang)})"
                    if pd.notna(row["refusal_rate"])
                    else fmt_int(row["refused"], lang),
                ),
                (
                    t("maps.taxi_wait", lang),
                    fmt_number(row["avg_wait_min"], lang, 0),
                ),
                (t("maps.source", lang), source_text(row["source"] or "", lang)),
            ]
        )
        demo = f"<br><i>{safe_html(t('maps.demo_mark', lang))}</i>" if row["demo"] else ""
        title = safe_html(display_name(district, lang))
        folium.Marker(
            [district["centre_lat"], district["centre_lon"]],
            icon=folium.DivIcon(
                html=f'<div class="trk-taxi">{_VAN}{int(row["vehicles"])}</div>',
                icon_size=(44, 20),
                icon_anchor=(22, 10),
            ),
            tooltip=folium.Tooltip(f"<b>{title}</b><br>{details}{demo}"),
        ).add_to(group)
    return group

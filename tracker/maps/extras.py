"""Rehabilitation centres and Invataxi coverage as map layers (tens to hundreds of markers)."""

import folium
import pandas as pd

from tracker.i18n import display_name, t
from tracker.maps.live.places import invataxi_lines, rehab_lines
from tracker.maps.safe import safe_html

_VAN = (
    '<svg viewBox="0 0 16 12" aria-hidden="true"><path fill="#3a3a3a" d="M1 3h9l3 3h2v4h-1.5a2 2 0 0 '
    '1-4 0h-3a2 2 0 0 1-4 0H1z"/><rect x="2" y="4" width="3" height="2" fill="#fff"/>'
    '<rect x="6" y="4" width="3" height="2" fill="#fff"/></svg>'
)


def _lines(pairs: list[list[str]]) -> str:
    return "<br>".join(f"{safe_html(k)}: {safe_html(v)}" for k, v in pairs)


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
        details = _lines(rehab_lines(row, lang))
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
        details = _lines(invataxi_lines(row, district, lang))
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

"""Map legends: the one box of swatches, notes and credits, and the progress map's folding legend."""

import pandas as pd
from branca.element import Element

from tracker.i18n import fmt_int, label, t
from tracker.maps.choropleth import NO_DATA, Classes
from tracker.maps.objects_layer import STAGES
from tracker.maps.palette import STAGE_COLOURS
from tracker.maps.raw import RawHtml
from tracker.maps.safe import safe_html

LEGEND_ID = "trk-legend"


def swatch(fill: str, border: str = "#333", dashed: bool = False, round_: bool = False) -> str:
    """A small square (or dot) of ``fill``; a ``url(#…)`` hatch pattern is drawn as stripes."""
    if fill.startswith("url("):
        fill = "repeating-linear-gradient(45deg,#666 0 2px,#fff 2px 6px)"
    style = "dashed" if dashed else "solid"
    radius = "7px" if round_ else "2px"
    return (
        f'<span style="display:inline-block;width:14px;height:14px;background:{fill};'
        f'border:1px {style} {border};border-radius:{radius};margin-right:6px;vertical-align:middle"></span>'
    )


def legend_box(
    title: str, rows: list[tuple[str, str]], notes: tuple[str, ...] = (), small: tuple[str, ...] = ()
) -> Element:
    """A legend over the map's bottom-left corner: ``(swatch HTML, text)`` rows, then notes and small print.

    Every text is escaped here; swatches come from `swatch`.
    """
    body = "".join(f"<div>{mark}{safe_html(text)}</div>" for mark, text in rows)
    body += "".join(f'<div style="margin-top:4px;color:#a00">{safe_html(n)}</div>' for n in notes)
    body += "".join(f'<div style="margin-top:4px;color:#555;font-size:11px">{safe_html(n)}</div>' for n in small)
    return Element(
        '<div class="trk-map-legend" style="position:absolute;bottom:24px;left:10px;z-index:1000;background:white;'
        'padding:8px 10px;border:1px solid #888;border-radius:4px;font:13px sans-serif;max-width:320px">'
        f"<b>{safe_html(title)}</b>{body}</div>"
    )


def legend(
    stage_counts: pd.Series,
    scheme: Classes | None,
    lang: str,
    approximate: bool,
    credit: str,
    demo: bool,
    approximate_locations: int = 0,
) -> RawHtml:
    """The legend as an HTML block over the map's bottom-left corner.

    Parameters
    ----------
    stage_counts : objects shown per stage value.
    scheme : the district classes, or None when districts are not coloured.
    lang : language of the texts.
    approximate : say that district areas are approximate.
    credit : where the boundaries come from.
    demo : say that the objects are demo data.
    approximate_locations : objects placed at their settlement or district centre (drawn hollow).
    """
    total = int(stage_counts.sum())
    parts = [f"<b>{safe_html(t('maps.legend_stage', lang, count=fmt_int(total, lang)))}</b>"]
    for stage in STAGES:
        count = int(stage_counts.get(stage.value, 0))
        parts.append(
            f'<div><span class="trk-swatch" style="background:{STAGE_COLOURS[stage]}"></span>'
            f"{safe_html(label(stage, lang))} — {safe_html(fmt_int(count, lang))}</div>"
        )
    if approximate_locations:
        hollow = '<span class="trk-swatch" style="background:#fff;border:2px solid #555;box-sizing:border-box"></span>'
        text = f"{t('maps.approximate_location', lang)} — {fmt_int(approximate_locations, lang)}"
        parts.append(f"<div>{hollow}{safe_html(text)}</div>")
    if scheme is not None:
        parts.append(f"<b>{safe_html(t(f'maps.metric_{scheme.metric}', lang))}</b>")
        # One row of colour boxes with the class under each: five rows fewer over the map.
        boxes = "".join(
            f'<span class="trk-class"><span class="trk-box" style="background:{colour}"></span>{safe_html(text)}</span>'
            for colour, text in zip(scheme.colours, scheme.labels)
        )
        parts.append(f'<div class="trk-ramp">{boxes}</div>')
        parts.append(
            f'<div><span class="trk-square" style="background:{NO_DATA}"></span>'
            f"{safe_html(t('maps.no_objects', lang))}</div>"
        )
    if approximate:
        parts.append(f'<div class="trk-note">{safe_html(t("maps.approximate", lang))}</div>')
    if demo:
        parts.append(f'<div class="trk-note">{safe_html(t("maps.demo_mark", lang))}</div>')
    parts.append(f'<div class="trk-credit">{safe_html(t("maps.credit", lang, source=credit))}</div>')
    # <details> lets a person fold the legend away on a small screen.
    return RawHtml(
        f'<details open class="trk-legend" id="{LEGEND_ID}"><summary>'
        f"{safe_html(t('maps.legend_title', lang))}</summary>{''.join(parts)}</details>"
    )

"""Small static SVG pictures for printable reports: bar charts and a district map.

Drawn by hand so that the same picture works in the HTML report and in its PDF (WeasyPrint
renders inline SVG), with no plotting library and no network. All text is escaped.
"""

import math
from html import escape

import shapely

FONT = "DejaVu Sans, Arial, sans-serif"


def bar_chart(items: list[tuple[str, float, str, str]], width: int = 520, bar: int = 18) -> str:
    """Horizontal bars: (label, value, colour, value as text) per bar, longest bar = full width."""
    label_w, value_w, gap = 190, 110, 6
    height = max(len(items), 1) * (bar + gap) + gap
    top = max((v for _, v, _, _ in items), default=0) or 1
    span = width - label_w - value_w
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="11">'
    ]
    for i, (label, value, colour, text) in enumerate(items):
        y = gap + i * (bar + gap)
        w = max(span * value / top, 1 if value else 0)
        parts.append(f'<text x="{label_w - 6}" y="{y + bar - 5}" text-anchor="end">{escape(label)}</text>')
        parts.append(
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" fill="{escape(colour)}" '
            'stroke="#333" stroke-width="0.5"/>'
        )
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar - 5}">{escape(text)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def district_map(
    geometry: shapely.Geometry | None,
    points: list[tuple[float, float, str]],
    width: int = 520,
    height: int = 360,
    dashed: bool = False,
) -> str:
    """The district's outline and its objects as dots, in a plain equirectangular projection.

    ``points`` are (lat, lon, colour). The x scale is shrunk by cos(latitude) so shapes keep
    their proportions at Kazakhstan's latitudes.
    """
    lons = [p[1] for p in points]
    lats = [p[0] for p in points]
    if geometry is not None and not geometry.is_empty:
        minx, miny, maxx, maxy = geometry.bounds
        lons += [minx, maxx]
        lats += [miny, maxy]
    if not lons:
        return f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"></svg>'
    minx, maxx, miny, maxy = min(lons), max(lons), min(lats), max(lats)
    kx = math.cos(math.radians((miny + maxy) / 2))
    span_x, span_y = max((maxx - minx) * kx, 1e-3), max(maxy - miny, 1e-3)
    pad = 12
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return off_x + (lon - minx) * kx * scale, height - off_y - (lat - miny) * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#f7f9fb" stroke="#ccc"/>',
    ]
    if geometry is not None and not geometry.is_empty:
        for polygon in shapely.get_parts(geometry):
            if polygon.geom_type != "Polygon":
                continue
            rings = [polygon.exterior, *polygon.interiors]
            d = " ".join(
                "M " + " L ".join(f"{x:.1f},{y:.1f}" for x, y in (xy(*c) for c in ring.coords)) + " Z" for ring in rings
            )
            dash = ' stroke-dasharray="5,4"' if dashed else ""
            parts.append(
                f'<path d="{d}" fill="#e8eef4" stroke="#44546a" stroke-width="1.2" fill-rule="evenodd"{dash}/>'
            )
    for lat, lon, colour in points:
        x, y = xy(lon, lat)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="{escape(colour)}" stroke="#222" stroke-width="0.6"/>'
        )
    parts.append("</svg>")
    return "".join(parts)


def legend(items: list[tuple[str, str]]) -> str:
    """Colour swatches with labels, as HTML."""
    return "".join(
        f'<span class="swatch"><span style="background:{escape(colour)}"></span>{escape(label)}</span>'
        for label, colour in items
    )

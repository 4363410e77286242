"""Escaping for anything user-typed that reaches a map: popups, tooltips, GeoJSON properties.

folium puts popup HTML inside JavaScript template literals and Leaflet writes tooltips with
innerHTML, so HTML escaping alone is not enough: ``${...}`` and backticks must not survive.
"""

import html

_JS_TEMPLATE = str.maketrans({"$": "&#36;", "`": "&#96;", "\\": "&#92;"})


def safe_html(value: object) -> str:
    """Text that renders as itself in HTML and inside a JS template literal."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True).translate(_JS_TEMPLATE)

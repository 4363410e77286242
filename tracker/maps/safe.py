"""Escaping for anything user-typed that reaches a map: popups, tooltips, GeoJSON properties.

folium puts popup HTML inside JavaScript template literals and Leaflet writes tooltips with
innerHTML, so HTML escaping alone is not enough: ``${...}`` and backticks must not survive.
"""

import html
import re

_JS_TEMPLATE = str.maketrans({"$": "&#36;", "`": "&#96;", "\\": "&#92;"})
# folium renders each element's script, then compiles the result again as a Jinja template
# (``Element(script_output)``): "{{ 7*7 }}" in a tooltip, popup, DivIcon or GeoJSON property
# came out as 49, and "{{ cycler.__init__.__globals__.os.getcwd() }}" ran on the server.
# A "{" that would open a Jinja tag ("{{", "{%", "{#") becomes an entity; it still shows as "{".
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def safe_html(value: object) -> str:
    """Text that renders as itself in HTML and inside a JS template literal."""
    if value is None:
        return ""
    return _JINJA_OPEN.sub("&#123;", html.escape(str(value), quote=True).translate(_JS_TEMPLATE))

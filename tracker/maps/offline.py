"""Make a folium map self-contained: Leaflet and its plugins inlined, nothing loaded from a CDN.

folium links Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; with no internet the map is
blank. Our maps need only Leaflet (and MarkerCluster where clustering is used), so those are
inlined and the rest dropped.
"""

import base64
import re
from functools import cache
from pathlib import Path

import folium

ASSETS = Path(__file__).parent / "assets"
PLUGINS = {"markercluster": (("leaflet.markercluster.js",), ("MarkerCluster.css", "MarkerCluster.Default.css"))}
# The progress map's own client-side layer (objects grouped in screen cells, see objects_layer.py).
PLUGINS["objects"] = (("tracker-objects.js",), ("tracker-objects.css",))


@cache
def _text(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


@cache
def _css(name: str) -> str:
    def data_uri(match: re.Match) -> str:
        image = (ASSETS / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(image).decode()})"

    return re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, _text(name))


def _data_uri(kind: str, text: str) -> str:
    return f"data:{kind};base64,{base64.b64encode(text.encode()).decode()}"


def _strip_cdn_links(element) -> None:
    for child in element._children.values() if hasattr(element, "_children") else []:
        _strip_cdn_links(child)
    if hasattr(element, "default_js"):
        element.default_js = []
    if hasattr(element, "default_css"):
        element.default_css = []


def make_offline(fmap: folium.Map, plugins: tuple[str, ...] = ()) -> folium.Map:
    """Ship Leaflet (and the named plugins) inside ``fmap`` as data: URIs; drop every CDN link.

    The links stay on the map element itself, in load order, so that folium writes them into a
    standalone page and streamlit-folium loads them into its frame (it ignores inline scripts
    in the page header).
    """
    _strip_cdn_links(fmap)
    scripts = ["leaflet.js"] + [js for p in plugins for js in PLUGINS[p][0]]
    styles = ["leaflet.css"] + [css for p in plugins for css in PLUGINS[p][1]]
    fmap.default_js = [(name, _data_uri("text/javascript", _text(name))) for name in scripts]
    fmap.default_css = [(name, _data_uri("text/css", _css(name))) for name in styles]
    return fmap

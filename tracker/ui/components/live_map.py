"""The live map component: objects sent once per data version as raw bytes, then only small
arguments; filters, colours, counts and the ranked table work in the browser.

Its files (Leaflet, the layer script, the district shapes) are served by Streamlit's component
route from a directory written once per process, so the browser fetches them over HTTP instead
of receiving them base64-encoded in every websocket message.
"""

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from tracker.config import get_settings
from tracker.maps.live.pack import LiveLayer

WEB = Path(__file__).parent / "live_map_web"
MAPS_ASSETS = Path(__file__).parents[2] / "maps" / "assets"
LIVE_ASSETS = Path(__file__).parents[2] / "maps" / "live" / "assets"
FILES = (WEB / "index.html", MAPS_ASSETS / "leaflet.js", MAPS_ASSETS / "leaflet.css", *sorted(LIVE_ASSETS.glob("*")))


def _assets_digest() -> str:
    digest = hashlib.sha1()
    for path in FILES:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@st.cache_resource(show_spinner=False)
def _folder() -> Path:
    """The directory the component is served from, its files written once per content."""
    folder = get_settings().data_dir.resolve() / "live-map-web" / _assets_digest()
    folder.mkdir(parents=True, exist_ok=True)
    for path in FILES:
        target = folder / path.name
        if target.exists():
            continue
        if path.name == "index.html":  # the page names the digest its cached assets are kept under
            target.write_text(path.read_text(encoding="utf-8").replace("__DIGEST__", folder.name), encoding="utf-8")
        else:
            shutil.copyfile(path, target)
    return folder


@st.cache_resource(show_spinner=False)
def _component():
    """The component, declared once, in a script run: Streamlit registers it only there (not in
    the warm-up thread, `tracker.ui.warm`)."""
    return components.declare_component("livemap", path=str(_folder()))


def shapes_file(shapes: dict) -> str:
    """Write the district shapes next to the component once per content; the name to fetch."""
    folder = _folder()
    text = json.dumps(shapes, separators=(",", ":"))
    name = f"shapes-{hashlib.sha1(text.encode()).hexdigest()[:12]}.json"
    if not (folder / name).exists():
        tmp = folder / f".{name}.tmp"
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(folder / name)
    return name


def live_map(layer: LiveLayer, options: Callable[[], dict], shapes_name: str, key: str) -> dict | None:
    """Show the map; the bytes go only when the browser does not already hold this layer.

    ``options`` is called only then: a poll of an open map (`tracker.ui.pages.map_page.REFRESH`)
    with nothing changed builds and sends nothing but the digest.

    Returns the component's value: ``have`` (the digest the browser holds), ``state`` (its
    filters) and ``click`` (the last object or district clicked), or None before it reports.
    """
    component = _component()
    value = st.session_state.get(key)
    has = isinstance(value, dict) and value.get("have") == layer.digest
    args = {"shapes_url": shapes_name, "digest": layer.digest}
    if not has:  # the texts and districts (about 30 kB) travel with the data, not on every rerun
        args |= {"options": options(), "blob": layer.blob, "meta": layer.meta}
    return component(**args, key=key, default=None)

"""Objects of the progress map as one client-side layer: data shipped once, drawn in the browser.

A folium object per marker costs about 2 ms and 1 kB each (110 s and 49 MB for 50,000 objects);
here the whole selection is a handful of JSON arrays read by ``assets/tracker-objects.js``,
which groups what is in view in screen cells and draws single objects as canvas circles.
"""

import hashlib
import json

import numpy as np
import pandas as pd
from folium.map import Layer
from jinja2 import Template

from tracker.domain.enums import Stage
from tracker.i18n import NBSP, display_name, label, t
from tracker.maps.palette import STAGE_COLOURS
from tracker.maps.raw import RawHtml
from tracker.maps.safe import safe_html

#: Stages in the order of their index in the shipped data.
STAGES: tuple[Stage, ...] = tuple(Stage)
STAGE_INDEX = {stage.value: i for i, stage in enumerate(STAGES)}
#: Coordinates travel as integers of 1e-5 degree (about 1 m).
COORD_SCALE = 100_000
DATA_ELEMENT_ID = "trk-objects-data"


def encode_objects(frame: pd.DataFrame, lang: str) -> dict:
    """The objects of ``frame`` as compact arrays, in id order.

    Parameters
    ----------
    frame : DataFrame with ``id, name_kk, name_ru, lat, lon, stage``.
    lang : language of the names.

    Returns
    -------
    dict
        ``i``: id differences (the first from 0); ``y``, ``x``: latitude and longitude in
        1e-5 degrees; ``s``: stage index in `STAGES`; ``n``: index into ``names``, the distinct
        names escaped with `safe_html` (many objects share a name such as "№1 school"); ``a``:
        positions of the objects whose location is approximate (``location_precision`` other
        than exact: placed at their settlement or district centre), drawn hollow.
    """
    ordered = frame.sort_values("id", kind="stable")
    ids = ordered["id"].to_numpy(dtype=np.int64)
    names, uniques = pd.factorize(display_name(ordered, lang), sort=False)
    precision = ordered["location_precision"] if "location_precision" in ordered else pd.Series("exact", ordered.index)
    return {
        "a": np.flatnonzero(precision.fillna("exact").to_numpy() != "exact").tolist(),
        "i": np.diff(ids, prepend=0).tolist(),
        "y": np.rint(ordered["lat"].to_numpy(dtype=float) * COORD_SCALE).astype(np.int64).tolist(),
        "x": np.rint(ordered["lon"].to_numpy(dtype=float) * COORD_SCALE).astype(np.int64).tolist(),
        "s": ordered["stage"].map(STAGE_INDEX).fillna(0).astype(np.int64).tolist(),
        "n": names.tolist(),
        "names": [safe_html(name) for name in uniques],
    }


def decode_objects(data: dict) -> pd.DataFrame:
    """The inverse of `encode_objects` (names stay escaped): for tests and checks."""
    return pd.DataFrame(
        {
            "id": np.cumsum(np.asarray(data["i"], dtype=np.int64)),
            "lat": np.asarray(data["y"], dtype=float) / COORD_SCALE,
            "lon": np.asarray(data["x"], dtype=float) / COORD_SCALE,
            "stage": [STAGES[s].value for s in data["s"]],
            "name": [data["names"][n] for n in data["n"]],
        }
    )


def json_for_html(data: dict) -> str:
    """Compact JSON that can sit inside an HTML element without ending it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Inside <script type="application/json"> only "</" could end the element early; with these
    # three escaped any text stays inert, and JSON.parse gives the same strings back.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def data_element(payload: str) -> RawHtml:
    """The data (from `json_for_html`) as an inert ``<script type="application/json">``."""
    return RawHtml(f'<script type="application/json" id="{DATA_ELEMENT_ID}">{payload}</script>')


class ObjectsLayer(Layer):
    """The layer that reads the shipped data and draws it (see ``assets/tracker-objects.js``).

    Its script names a digest of the data, so that streamlit-folium, which keys the map on its
    script, remounts the map when the data changes and keeps it while only the page reruns.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.trackerObjects(
            JSON.parse(document.getElementById({{ this.data_id|tojson }}).textContent),
            {{ this.layer_options|tojson }}
        );
        {% endmacro %}
    """)

    def __init__(self, payload: str, lang: str, name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "TrackerObjects"
        self.data_id = DATA_ELEMENT_ID
        self.layer_options = {
            "colours": [STAGE_COLOURS[s] for s in STAGES],
            "labels": [safe_html(label(s, lang)) for s in STAGES],
            "objectsWord": safe_html(t("maps.objects_word", lang)),
            "zoomHint": safe_html(t("maps.ring_hint", lang)),
            "approximate": safe_html(t("maps.approximate_location", lang)),
            "sep": "," if lang == "en" else NBSP,
            "digest": hashlib.sha1(payload.encode()).hexdigest()[:16],
        }

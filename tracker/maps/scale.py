"""A scale bar in kilometres only: Leaflet's default adds miles, foreign to every reader here."""

import folium
from branca.element import MacroElement
from jinja2 import Template


class MetricScale(MacroElement):
    _template = Template("""{% macro script(this, kwargs) %}
        L.control.scale({imperial: false, metric: true}).addTo({{ this._parent.get_name() }});
    {% endmacro %}""")

    def __init__(self):
        super().__init__()
        self._name = "MetricScale"


def add_metric_scale(fmap: folium.Map) -> folium.Map:
    """Put a kilometre scale bar on ``fmap`` (build the map with ``control_scale=False``)."""
    MetricScale().add_to(fmap)
    return fmap

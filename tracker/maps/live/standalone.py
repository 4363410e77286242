"""The live map as one standalone HTML file: the same packed layer and script as the app.

The blob and the district shapes travel deflated and base64-encoded (the browser inflates them
with its own ``DecompressionStream``), Leaflet and the script are inlined: the file works
offline, about 1.5 MB for 50,000 objects.
"""

import base64
import json
import zlib
from pathlib import Path

from tracker.maps.live.pack import LiveLayer
from tracker.maps.objects_layer import json_for_html
from tracker.maps.safe import safe_html

LIVE_ASSETS = Path(__file__).parent / "assets"
MAPS_ASSETS = Path(__file__).parents[1] / "assets"


def _deflated(data: bytes) -> str:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: "deflate-raw" in the browser
    return base64.b64encode(packer.compress(data) + packer.flush()).decode("ascii")


def _inline_script(text: str) -> str:
    return text.replace("</script", "<\\/script")


def standalone_html(layer: LiveLayer, options: dict, shapes: dict, title: str, lang: str) -> str:
    """One HTML document showing ``layer`` with ``options`` (see `tracker.maps.live.options.options`).

    Parameters
    ----------
    layer : the packed objects (`tracker.maps.live.pack.pack`).
    options : the script's options: texts, districts, vocabularies, the initial view.
    shapes : district polygons, GeoJSON with a ``kato`` property.
    title : the page's heading (plain text; escaped here).
    lang : the document's language.
    """
    css = (MAPS_ASSETS / "leaflet.css").read_text(encoding="utf-8") + (LIVE_ASSETS / "livemap.css").read_text(
        encoding="utf-8"
    )
    leaflet = (MAPS_ASSETS / "leaflet.js").read_text(encoding="utf-8")
    script = (LIVE_ASSETS / "livemap.js").read_text(encoding="utf-8")
    shapes_text = json.dumps(shapes, separators=(",", ":")).encode()
    opts = dict(options, height=640)
    return f"""<!doctype html>
<html lang="{safe_html(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{safe_html(title)}</title>
<style>{css}
body {{ margin: 12px; font-family: "DejaVu Sans", Arial, sans-serif; }}
h1 {{ font-size: 20px; margin: 0 0 8px; }}</style>
</head>
<body>
<h1>{safe_html(title)}</h1>
<div id="root"></div>
<script type="application/json" id="lm-options">{json_for_html(opts)}</script>
<script type="application/json" id="lm-meta">{json_for_html(layer.meta)}</script>
<script type="text/plain" id="lm-blob">{_deflated(layer.blob)}</script>
<script type="text/plain" id="lm-shapes">{_deflated(shapes_text)}</script>
<script>{_inline_script(leaflet)}</script>
<script>{_inline_script(script)}</script>
<script>
(async function () {{
  function text(id) {{ return document.getElementById(id).textContent; }}
  async function inflate(id) {{
    const bytes = Uint8Array.from(atob(text(id)), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }}
  const live = window.TrackerLiveMap.mount(document.getElementById("root"), JSON.parse(text("lm-options")));
  const [blob, shapes] = await Promise.all([inflate("lm-blob"), inflate("lm-shapes")]);
  live.setShapes(JSON.parse(new TextDecoder().decode(shapes)));
  live.setData(blob, JSON.parse(text("lm-meta")));
  document.getElementById("root").dataset.ready = "1";
}})();
</script>
</body>
</html>
"""

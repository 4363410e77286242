/* The objects of the progress map (tracker/maps/objects_layer.py).
 *
 * Every object arrives once, as compact arrays; nothing is drawn until it is in view. At low
 * zoom the objects in view are grouped in a grid of screen cells: a cell with several objects
 * becomes a ring whose arcs show the share of each stage, a cell with one object stays that
 * object. From `pointZoom` on, every object is its own canvas circle. Redrawn on every move.
 *
 * Clicks: an object's circle is a child of this FeatureGroup, so Leaflet passes its click to
 * the group with `e.layer` set to the circle; streamlit-folium listens on the group and reports
 * `e.layer.toGeoJSON()` (with `feature.properties = {kind: "object", id}`) as
 * `last_active_drawing`. Group rings live in a separate LayerGroup, which does not pass clicks
 * on: a ring click only zooms in and never reruns the app.
 *
 * Names and labels arrive HTML-escaped (tracker.maps.safe.safe_html) and are only ever used as
 * HTML (tooltips), so they show as text.
 */
(function () {
  "use strict";
  var SCALE = 1e5;
  var STAGES = 8;

  function fmt(n, sep) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }

  L.TrackerObjects = L.FeatureGroup.extend({
    options: {
      cell: 64, pointZoom: 14, radius: 6, sep: "\u00a0",
      colours: [], labels: [], objectsWord: "", zoomHint: "", foldLegendBelow: 520
    },

    initialize: function (data, options) {
      L.FeatureGroup.prototype.initialize.call(this, [], options);
      var n = data.s.length, id = 0;
      this._n = n;
      this._ids = new Float64Array(n);
      this._lat = new Float64Array(n);
      this._lng = new Float64Array(n);
      this._mx = new Float64Array(n);
      this._my = new Float64Array(n);
      this._stage = data.s;
      this._nameOf = data.n;
      this._names = data.names;
      this._approx = new Uint8Array(n);
      (data.a || []).forEach(function (k) { this._approx[k] = 1; }, this);
      for (var i = 0; i < n; i++) {
        id += data.i[i];
        var lat = data.y[i] / SCALE, lng = data.x[i] / SCALE, s = Math.sin(lat * Math.PI / 180);
        this._ids[i] = id;
        this._lat[i] = lat;
        this._lng[i] = lng;
        // Web Mercator in world units (0..1): pixel = unit · 256 · 2^zoom, as Leaflet projects.
        this._mx[i] = (lng + 180) / 360;
        this._my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      }
      this._rings = L.layerGroup();
      this._shown = [];
      this._selected = null;
    },

    onAdd: function (map) {
      L.FeatureGroup.prototype.onAdd.call(this, map);
      // On a narrow map the legend would hide half of it: start folded (one click opens it).
      var legend = document.getElementById("trk-legend");
      if (legend && map.getSize().x < this.options.foldLegendBelow) { legend.open = false; }
      map.addLayer(this._rings);
      map.on("moveend", this._schedule, this);
      // Outlines switched back on are drawn over the objects: redraw to put objects on top.
      map.on("overlayadd", this._schedule, this);
      this._schedule();
    },

    onRemove: function (map) {
      map.off("moveend", this._schedule, this);
      map.off("overlayadd", this._schedule, this);
      this._clear();
      map.removeLayer(this._rings);
      L.FeatureGroup.prototype.onRemove.call(this, map);
    },

    count: function () { return this._n; },

    // Deferred so that the first drawing happens after streamlit-folium has hooked its click
    // handlers: rings must not get them.
    _schedule: function () {
      if (this._timer) { return; }
      var self = this;
      this._timer = setTimeout(function () { self._timer = null; self._redraw(); }, 0);
    },

    _clear: function () {
      this._rings.clearLayers();
      for (var k = 0; k < this._shown.length; k++) { this.removeLayer(this._shown[k]); }
      this._shown = [];
    },

    _redraw: function () {
      var map = this._map;
      if (!map) { return; }
      this._clear();
      var o = this.options, z = map.getZoom(), world = 256 * Math.pow(2, z), cell = o.cell;
      var pb = map.getPixelBounds();
      var minx = pb.min.x - cell, miny = pb.min.y - cell, maxx = pb.max.x + cell, maxy = pb.max.y + cell;
      var grouping = z < o.pointZoom;
      var cols = Math.ceil((maxx - minx) / cell), rows = Math.ceil((maxy - miny) / cell);
      var cells = grouping ? cols * rows : 0;
      var count = new Int32Array(cells), first = new Int32Array(cells), stages = new Int32Array(cells * STAGES);
      var sx = new Float64Array(cells), sy = new Float64Array(cells);
      var x0 = new Float64Array(cells), y0 = new Float64Array(cells), x1 = new Float64Array(cells), y1 = new Float64Array(cells);
      for (var i = 0; i < this._n; i++) {
        var px = this._mx[i] * world, py = this._my[i] * world;
        if (px < minx || px > maxx || py < miny || py > maxy) { continue; }
        if (!grouping) { this._point(i); continue; }
        var c = Math.floor((px - minx) / cell) + Math.floor((py - miny) / cell) * cols;
        if (count[c] === 0) {
          first[c] = i; x0[c] = x1[c] = px; y0[c] = y1[c] = py;
        } else {
          if (px < x0[c]) { x0[c] = px; } if (px > x1[c]) { x1[c] = px; }
          if (py < y0[c]) { y0[c] = py; } if (py > y1[c]) { y1[c] = py; }
        }
        count[c] += 1; sx[c] += px; sy[c] += py;
        stages[c * STAGES + this._stage[i]] += 1;
      }
      for (var j = 0; j < cells; j++) {
        if (count[j] === 1) { this._point(first[j]); }
        else if (count[j] > 1) {
          this._ring(map, z, count[j], stages.subarray(j * STAGES, j * STAGES + STAGES),
                     L.point(sx[j] / count[j], sy[j] / count[j]),
                     L.bounds(L.point(x0[j], y0[j]), L.point(x1[j], y1[j])));
        }
      }
    },

    _point: function (i) {
      var o = this.options, s = this._stage[i], id = this._ids[i];
      var selected = id === this._selected;
      // An approximate location (settlement or district centre) is a hollow ring in the stage colour.
      var approx = this._approx[i] === 1;
      var m = L.circleMarker([this._lat[i], this._lng[i]], {
        radius: selected ? o.radius + 3 : o.radius, color: approx ? o.colours[s] : "#1a1a1a",
        weight: selected ? 3 : (approx ? 2.5 : 1), fillColor: approx ? "#ffffff" : o.colours[s],
        fillOpacity: approx ? 0.6 : 0.95
      });
      m.feature = {type: "Feature", properties: {kind: "object", id: id}};
      m.bindTooltip(this._names[this._nameOf[i]] + "<br>" + o.labels[s] + (approx ? "<br>" + o.approximate : ""));
      var self = this;
      m.on("click", function () { self._selected = id; self._schedule(); });
      this.addLayer(m);
      this._shown.push(m);
    },

    _ring: function (map, z, total, stages, centre, bounds) {
      var o = this.options, stops = [], lines = [], done = 0;
      for (var s = 0; s < STAGES; s++) {
        var k = stages[s];
        if (!k) { continue; }
        var a = done / total * 360, b = (done + k) / total * 360;
        stops.push(o.colours[s] + " " + a.toFixed(1) + "deg " + b.toFixed(1) + "deg");
        lines.push('<span class="trk-swatch" style="background:' + o.colours[s] + '"></span>' +
                   o.labels[s] + ": " + fmt(k, o.sep));
        done += k;
      }
      var size = Math.round(24 + 6 * Math.log(total) / Math.LN10);
      var icon = L.divIcon({
        className: "trk-ring-icon", iconSize: [size, size],
        html: '<div class="trk-ring" style="background:conic-gradient(' + stops.join(",") + ')">' +
              "<span>" + fmt(total, o.sep) + "</span></div>"
      });
      var m = L.marker(map.unproject(centre, z), {icon: icon, keyboard: false});
      m.bindTooltip("<b>" + fmt(total, o.sep) + " " + o.objectsWord + "</b><br>" + lines.join("<br>") +
                    '<br><i>' + o.zoomHint + "</i>", {direction: "top"});
      m.on("click", function () {
        var box = L.latLngBounds(map.unproject(bounds.min, z), map.unproject(bounds.max, z));
        if (bounds.getSize().x < 1 && bounds.getSize().y < 1) {
          map.setView(box.getCenter(), o.pointZoom);
        } else {
          map.fitBounds(box.pad(0.2), {maxZoom: o.pointZoom});
        }
      });
      this._rings.addLayer(m);
    }
  });

  L.trackerObjects = function (data, options) { return new L.TrackerObjects(data, options); };
}());

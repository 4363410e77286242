/* The live map: objects from typed arrays, filtered, coloured and counted in the browser.
   Shared by the app's component (frontend/index.html) and the standalone export.
   Every piece of text from the data or the catalogues is set with textContent, never innerHTML. */
(function () {
  "use strict";
  const GOOD = ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"];
  const BAD = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"];
  const EDGES = [0.2, 0.4, 0.6, 0.8];
  const DONE = ["completed", "accepted"];

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // IEEE half float (the money columns) to a number: typed arrays of half floats are not everywhere yet.
  function half(h) {
    const e = (h >> 10) & 31, f = h & 1023, v = e === 0 ? f * 5.960464477539063e-8 : e === 31 ? Infinity : (1 + f / 1024) * Math.pow(2, e - 15);
    return h & 32768 ? -v : v;
  }

  /* The packed layer (tracker/maps/live/pack.py) into plain columns: uint16 points inside their
     district's box (meta.boxes, four numbers a district), half-float money, and the bit fields of
     one uint32 per object. */
  function decode(blob, meta) {
    const n = meta.n, bytes = blob instanceof Uint8Array ? blob : new Uint8Array(blob);
    const buf = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes); // a copy is aligned
    const raw = {};
    for (const c of meta.columns) {
      const T = { Uint32: Uint32Array, Uint16: Uint16Array, Float16: Uint16Array }[c.type];
      raw[c.name] = new T(buf.buffer, buf.byteOffset + c.offset, n);
    }
    const cols = {};
    for (const f of meta.fields) {
      const out = f.bits > 8 ? new Uint16Array(n) : new Uint8Array(n), mask = (1 << f.bits) - 1, a = raw.attrs;
      for (let i = 0; i < n; i++) out[i] = (a[i] >>> f.shift) & mask;
      cols[f.name] = out;
    }
    if (raw.district) cols.district = raw.district;
    ["alloc", "spent"].forEach((name) => {
      const src = raw[name], out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = half(src[i]);
      cols[name] = out;
    });
    // Web Mercator at zoom 0, in 0..1: the redraw only scales and shifts.
    const px = new Float64Array(n), py = new Float64Array(n), b = meta.boxes, g = meta.grid, d = cols.district;
    for (let i = 0; i < n; i++) {
      const k = 4 * d[i];
      px[i] = (b[k] + raw.x[i] * (b[k + 2] - b[k]) / g + 180) / 360;
      const lat = (b[k + 1] + raw.y[i] * (b[k + 3] - b[k + 1]) / g) * Math.PI / 180;
      py[i] = (1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2;
    }
    cols.px = px; cols.py = py;
    return cols;
  }

  function fmtInt(v, sep) {
    return String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }
  function fmtPct(v) { return v === null || isNaN(v) ? "—" : Math.round(v * 100) + " %"; }

  function pointInRing(x, y, ring) {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  }
  function inFeature(f, x, y) {
    const g = f.geometry; if (!g) return false;
    const polys = g.type === "Polygon" ? [g.coordinates] : g.type === "MultiPolygon" ? g.coordinates : [];
    return polys.some((p) => pointInRing(x, y, p[0]) && !p.slice(1).some((h) => pointInRing(x, y, h)));
  }

  function mount(root, opts) {
    const L = window.L, T = opts.labels, sep = T.sep || " ";
    const districts = opts.districts; // [{kato, name, oblast}]
    const oblasts = opts.oblasts;     // names, index = district.oblast
    const state = Object.assign({ stages: [], oblast: -1, year: -1, sector: -1, funding: -1, category: -1,
      overdue: false, metric: "pct_done", rehab: false, invataxi: false }, opts.state || {});
    let cols = null, meta = null, keep = null, shapes = null, selected = -1, tableAll = false, lastWidth = 0;

    root.classList.add("lm-root");
    // On a narrow page the filters fold under one line, so the map comes first.
    const filters = el("details", "lm-filters"); filters.appendChild(el("summary", null, T.filters || T.metric));
    filters.open = (root.clientWidth || window.innerWidth) >= 700; root.appendChild(filters);
    const bar = el("div", "lm-bar"); filters.appendChild(bar);
    const chips = el("div", "lm-chips"); root.appendChild(chips);
    const shown = el("div", "lm-shown"); root.appendChild(shown);
    const body = el("div", "lm-body"); root.appendChild(body);
    const mapBox = el("div", "lm-map"); body.appendChild(mapBox);
    const info = el("div", "lm-info"); info.hidden = true; body.appendChild(info);
    const tableBox = el("div", "lm-table"); root.appendChild(tableBox);
    mapBox.style.height = (opts.height || 600) + "px";

    function select(key, label, options) {
      const wrap = el("label", "lm-field"); wrap.appendChild(el("span", null, label));
      const s = el("select"); s.dataset.key = key;
      options.forEach(([v, text]) => { const o = el("option", null, text); o.value = String(v); s.appendChild(o); });
      s.value = String(state[key]);
      s.addEventListener("change", () => { state[key] = key === "metric" ? s.value : Number(s.value); changed(); });
      wrap.appendChild(s); bar.appendChild(wrap); return s;
    }
    const any = [[-1, T.all]];
    select("oblast", T.oblast, any.concat(oblasts.map((o, i) => [i, o])));
    select("year", T.year, any.concat(opts.years.map((y) => [y - opts.yearBase, String(y)])));
    select("sector", T.sector, any.concat(opts.sectors.map((s, i) => [i, s])));
    select("funding", T.funding, any.concat(opts.funding.map((s, i) => [i, s])));
    select("category", T.category, [[-1, T.anyCategory]].concat(opts.categories.map((s, i) => [i, s])));
    select("metric", T.metric, opts.metrics.map((m) => [m[0], m[1]]));
    const od = el("label", "lm-field lm-check"); const odBox = el("input"); odBox.type = "checkbox";
    odBox.checked = !!state.overdue; odBox.dataset.key = "overdue";
    odBox.addEventListener("change", () => { state.overdue = odBox.checked; changed(); });
    od.appendChild(odBox); od.appendChild(el("span", null, T.overdue)); bar.appendChild(od);
    function toggle(key, label) { // a layer of places, not a filter of objects
      const wrap = el("label", "lm-field lm-check"); const box = el("input"); box.type = "checkbox";
      box.checked = !!state[key]; box.dataset.key = key;
      box.addEventListener("change", () => { state[key] = box.checked; places(); report(); });
      wrap.appendChild(box); wrap.appendChild(el("span", null, label)); bar.appendChild(wrap);
    }
    if ((opts.rehab || []).length) toggle("rehab", T.layerRehab);
    if ((opts.invataxi || []).length) toggle("invataxi", T.layerInvataxi);

    const chipEls = opts.stageLabels.map((name, i) => {
      const b = el("button", "lm-chip"); b.type = "button"; b.dataset.stage = String(i);
      const sw = el("span", "lm-swatch"); sw.style.background = opts.colours[i]; b.appendChild(sw);
      b.appendChild(el("span", "lm-chip-name", name)); const c = el("span", "lm-count", "0"); b.appendChild(c);
      b.addEventListener("click", () => {
        const at = state.stages.indexOf(i);
        if (at >= 0) state.stages.splice(at, 1); else state.stages.push(i);
        changed();
      });
      chips.appendChild(b); return { b, c };
    });

    const map = L.map(mapBox, { preferCanvas: true, zoomSnap: 0.25, zoomDelta: 0.5, zoomAnimation: false,
      attributionControl: true, minZoom: 3 }).fitBounds([[40.6, 46.5], [55.4, 87.3]]);
    // Leaflet focuses the map on the first press; the browser then scrolls the page around the tall
    // frame between press and release, and the first click on a marker lands beside it.
    const container = map.getContainer();
    container.focus = function () { HTMLElement.prototype.focus.call(this, { preventScroll: true }); };
    map.attributionControl.setPrefix(false);
    if (opts.credit) map.attributionControl.addAttribution(opts.credit); // escaped by the server (safe_html)
    if (opts.tiles) L.tileLayer(opts.tiles.url, { maxZoom: 18, attribution: opts.tiles.attribution }).addTo(map);
    L.control.scale({ imperial: false, position: "bottomleft" }).addTo(map);
    window.liveMap = map;
    // Until the reader moves the map, a change of its size fits the country again.
    let touched = false;
    ["mousedown", "touchstart", "wheel", "keydown"].forEach((e) => mapBox.addEventListener(e, () => { touched = true; }, { passive: true }));
    new ResizeObserver(() => {
      const w = mapBox.clientWidth; if (!w || w === lastWidth) return;
      lastWidth = w; map.invalidateSize(); if (!touched) map.fitBounds([[40.6, 46.5], [55.4, 87.3]]);
    }).observe(mapBox);

    // The district colour key: folded on narrow maps, small when open.
    const key = el("details", "lm-key"); const sum = el("summary", null, T.legend); key.appendChild(sum);
    const keyBody = el("div"); key.appendChild(keyBody); mapBox.appendChild(key);
    L.DomEvent.disableClickPropagation(key); L.DomEvent.disableScrollPropagation(key);
    key.open = mapBox.clientWidth >= 700;

    const districtLayer = L.geoJSON(null, { interactive: false, style: () => ({ weight: 0.7, color: "#555", fillOpacity: 0.55, fillColor: "#fff" }) }).addTo(map);

    const Canvas = L.Layer.extend({
      onAdd: function (m) {
        this._c = L.DomUtil.create("canvas", "lm-canvas"); m.getPanes().overlayPane.appendChild(this._c);
        m.on("moveend zoomend resize viewreset", this.redraw, this); this.redraw();
      },
      onRemove: function (m) { this._c.remove(); m.off("moveend zoomend resize viewreset", this.redraw, this); },
      redraw: function () {
        const m = this._map; if (!m) return;
        const size = m.getSize(), dpr = window.devicePixelRatio || 1, c = this._c;
        const tl = m.containerPointToLayerPoint([0, 0]); L.DomUtil.setPosition(c, tl);
        c.width = size.x * dpr; c.height = size.y * dpr; c.style.width = size.x + "px"; c.style.height = size.y + "px";
        const ctx = c.getContext("2d"); ctx.setTransform(dpr, 0, 0, dpr, 0, 0); ctx.clearRect(0, 0, size.x, size.y);
        if (!cols || !keep) return;
        const scale = 256 * Math.pow(2, m.getZoom()), o = m.getPixelOrigin();
        const ox = o.x + tl.x, oy = o.y + tl.y, z = m.getZoom();
        const r = z < 6 ? 1.6 : z < 9 ? 2.6 : z < 12 ? 4 : 6;
        const grid = new Map(); this._grid = grid; this._cell = 12;
        const byStage = opts.colours.map(() => []), hollow = [];
        for (let i = 0; i < meta.n; i++) {
          if (!keep[i]) continue;
          const x = cols.px[i] * scale - ox, y = cols.py[i] * scale - oy;
          if (x < -8 || y < -8 || x > size.x + 8 || y > size.y + 8) continue;
          if ((cols.flags[i] >> 6) !== 0) hollow.push(i, x, y); else byStage[cols.stage[i]].push(x, y);
          const k = ((x / 12) | 0) + "," + ((y / 12) | 0); let b = grid.get(k); if (!b) grid.set(k, (b = [])); b.push(i, x, y);
        }
        byStage.forEach((pts, s) => {
          if (!pts.length) return; ctx.fillStyle = opts.colours[s]; ctx.beginPath();
          for (let j = 0; j < pts.length; j += 2) { ctx.moveTo(pts[j] + r, pts[j + 1]); ctx.arc(pts[j], pts[j + 1], r, 0, 6.2832); }
          ctx.fill(); if (r >= 4) { ctx.strokeStyle = "#222"; ctx.lineWidth = 0.8; ctx.stroke(); }
        });
        ctx.lineWidth = Math.max(1.2, r / 2.5);
        for (let j = 0; j < hollow.length; j += 3) { // approximate locations: rings, not dots
          ctx.strokeStyle = opts.colours[cols.stage[hollow[j]]]; ctx.beginPath();
          ctx.arc(hollow[j + 1], hollow[j + 2], r + 1, 0, 6.2832); ctx.stroke();
        }
        if (selected >= 0 && keep[selected]) {
          const x = cols.px[selected] * scale - ox, y = cols.py[selected] * scale - oy;
          ctx.strokeStyle = "#d00"; ctx.lineWidth = 2.5; ctx.beginPath(); ctx.arc(x, y, r + 5, 0, 6.2832); ctx.stroke();
        }
        root.dataset.drawn = String(this._drawnCount = Array.from(grid.values()).reduce((a, b) => a + b.length / 3, 0));
      },
      nearest: function (p) {
        if (!this._grid) return -1;
        let best = -1, bd = 100; const cx = (p.x / 12) | 0, cy = (p.y / 12) | 0;
        for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
          const b = this._grid.get(cx + dx + "," + (cy + dy)); if (!b) continue;
          for (let j = 0; j < b.length; j += 3) { const d = (b[j + 1] - p.x) ** 2 + (b[j + 2] - p.y) ** 2; if (d < bd) { bd = d; best = b[j]; } }
        }
        return best;
      },
    });
    const objects = new Canvas().addTo(map);

    // Rehabilitation centres and Invataxi: tens to hundreds of markers, each with its own box.
    const VAN = '<svg viewBox="0 0 16 12" aria-hidden="true"><path fill="#3a3a3a" d="M1 3h9l3 3h2v4h-1.5a2 2 0 0 1-4 0h-3a2 2 0 0 1-4 0H1z"/><rect x="2" y="4" width="3" height="2" fill="#fff"/><rect x="6" y="4" width="3" height="2" fill="#fff"/></svg>';
    function placeLayer(points, icon) {
      const group = L.layerGroup();
      (points || []).forEach((p) => {
        const m = L.marker([p.lat, p.lon], { icon: icon(p), keyboard: true, title: p.name });
        m.on("click", () => { selected = -1; objects.redraw(); showPlace(p); clicks++; });
        group.addLayer(m);
      });
      return group;
    }
    // The icons' markup is ours; the only number in it is made a number first.
    const rehabLayer = placeLayer(opts.rehab, () => L.divIcon({ className: "lm-rehab", html: "+", iconSize: [20, 20], iconAnchor: [10, 10] }));
    const taxiLayer = placeLayer(opts.invataxi, (p) => L.divIcon({ className: "lm-taxi", html: VAN + String(Number(p.vehicles) | 0),
      iconSize: [44, 20], iconAnchor: [22, 10] }));
    function places() {
      [[rehabLayer, state.rehab, "rehab"], [taxiLayer, state.invataxi, "invataxi"]].forEach(([layer, on, name]) => {
        if (on && !map.hasLayer(layer)) layer.addTo(map); else if (!on && map.hasLayer(layer)) map.removeLayer(layer);
        root.dataset[name] = String(on ? layer.getLayers().length : 0);
      });
    }
    function showPlace(p) {
      info.replaceChildren(); info.hidden = false;
      const close = el("button", "lm-close", "×"); close.type = "button"; close.setAttribute("aria-label", T.close);
      close.addEventListener("click", () => { info.hidden = true; });
      info.appendChild(close); info.appendChild(el("b", null, p.name));
      p.lines.forEach(([k, v]) => { const row = el("div"); row.appendChild(el("span", "lm-k", k + ": ")); row.appendChild(el("span", null, v)); info.appendChild(row); });
      if (p.demo) info.appendChild(el("div", "lm-note", T.demo));
    }
    places();

    function passes(i) {
      if (state.oblast >= 0 && districts[cols.district[i]].oblast !== state.oblast) return false;
      if (state.year >= 0 && cols.year[i] !== state.year) return false;
      if (state.sector >= 0 && cols.sector[i] !== state.sector) return false;
      if (state.funding >= 0 && cols.funding[i] !== state.funding) return false;
      if (state.overdue && !(cols.flags[i] & 1)) return false;
      if (state.category >= 0 && !(cols.flags[i] & (2 << state.category))) return false;
      return true;
    }

    function compute() {
      const n = meta.n, counts = new Array(opts.colours.length).fill(0), stageOn = new Uint8Array(opts.colours.length);
      state.stages.forEach((s) => { stageOn[s] = 1; });
      const all = state.stages.length === 0, done = DONE.map((d) => meta.stages.indexOf(d)), cancelled = meta.stages.indexOf("cancelled");
      const per = districts.map(() => ({ objects: 0, planned: 0, done: 0, overdue: 0, alloc: 0, spent: 0 }));
      keep = new Uint8Array(n); let total = 0;
      for (let i = 0; i < n; i++) {
        if (!passes(i)) continue;
        const s = cols.stage[i]; counts[s]++;
        if (!all && !stageOn[s]) continue;
        keep[i] = 1; total++;
        const d = per[cols.district[i]]; d.objects++;
        if (s !== cancelled) d.planned++; if (done.includes(s)) d.done++;
        if (cols.flags[i] & 1) d.overdue++; d.alloc += cols.alloc[i]; d.spent += cols.spent[i];
      }
      per.forEach((d) => { d.pct = d.planned ? d.done / d.planned : null; d.execution = d.alloc ? d.spent / d.alloc : null; });
      return { counts, total, per };
    }

    function classColour(metric, v, edges) {
      if (v === null || v === undefined || isNaN(v)) return "#ffffff";
      const ramp = metric === "overdue" ? BAD : GOOD; let k = 0; while (k < edges.length && v >= edges[k]) k++;
      return ramp[k];
    }

    let last = null;
    function render() {
      if (!cols) return;
      const t0 = performance.now(); const r = compute(); last = r;
      chipEls.forEach((c, i) => { c.c.textContent = fmtInt(r.counts[i], sep);
        c.b.classList.toggle("lm-off", state.stages.length > 0 && state.stages.indexOf(i) < 0);
        c.b.setAttribute("aria-pressed", String(state.stages.indexOf(i) >= 0)); });
      shown.textContent = T.shown.replace("{shown}", fmtInt(r.total, sep)).replace("{total}", fmtInt(meta.n, sep));
      root.dataset.shown = String(r.total);
      const metric = state.metric;
      let edges = EDGES;
      if (metric === "overdue") {
        const v = r.per.map((d) => d.overdue).filter((x) => x > 0).sort((a, b) => a - b);
        const q = (f) => v.length ? v[Math.min(v.length - 1, Math.floor(f * v.length))] : 0;
        edges = [0.5, ...Array.from(new Set([q(0.25), q(0.5), q(0.75)])).filter((x) => x > 0).map((x) => x + 0.5)];
      }
      const value = (d) => (d.objects ? (metric === "overdue" ? d.overdue : metric === "execution" ? d.execution : d.pct) : null);
      districtLayer.setStyle((f) => ({ fillColor: classColour(metric, value(r.per[f.properties._i]), edges),
        weight: 0.7, color: "#555", fillOpacity: 0.55 }));
      keyBody.replaceChildren(el("b", null, T.metricTitles[metric]));
      const ramp = metric === "overdue" ? BAD : GOOD;
      edges.concat([null]).forEach((e, k) => {
        const row = el("div", "lm-keyrow"); const sw = el("span", "lm-box"); sw.style.background = ramp[k]; row.appendChild(sw);
        const lo = k === 0 ? 0 : edges[k - 1];
        const text = metric === "overdue" ? (k === 0 ? "0" : e === null ? "≥ " + Math.ceil(lo) : Math.ceil(lo) + "–" + Math.floor(e))
          : (e === null ? "≥ " + Math.round(lo * 100) : Math.round(lo * 100) + "–" + Math.round(e * 100)) + " %";
        row.appendChild(el("span", null, text)); keyBody.appendChild(row);
      });
      if (opts.approximate) keyBody.appendChild(el("div", "lm-note", T.approximate));
      if (meta.demo) keyBody.appendChild(el("div", "lm-note", T.demo));
      objects.redraw(); table(r);
      root.dataset.redrawMs = String(Math.round(performance.now() - t0));
      root.dataset.renders = String(Number(root.dataset.renders || 0) + 1);
    }

    function table(r) {
      const rows = districts.map((d, i) => ({ i, d, f: r.per[i] })).filter((x) => x.f.objects > 0);
      rows.sort((a, b) => (a.f.pct === null) - (b.f.pct === null) || (a.f.pct - b.f.pct) || b.f.overdue - a.f.overdue);
      const t = el("table", "lm-rank"); const head = el("tr");
      [T.colDistrict, T.colObjects, T.colPct, T.colExecution, T.colOverdue].forEach((h) => head.appendChild(el("th", null, h)));
      const thead = el("thead"); thead.appendChild(head); t.appendChild(thead); const tb = el("tbody");
      (tableAll ? rows : rows.slice(0, 10)).forEach((x) => {
        const tr = el("tr"); const name = el("td");
        if (opts.districtUrl) {
          const link = el("a", null, x.d.name); link.href = opts.districtUrl(x.d.kato);
          link.target = "_blank"; link.rel = "noopener"; name.appendChild(link);
        } else name.appendChild(el("span", null, x.d.name));
        name.appendChild(el("div", "lm-sub", oblasts[x.d.oblast])); tr.appendChild(name);
        tr.appendChild(el("td", "lm-num", fmtInt(x.f.objects, sep))); tr.appendChild(el("td", "lm-num", fmtPct(x.f.pct)));
        tr.appendChild(el("td", "lm-num", fmtPct(x.f.execution))); tr.appendChild(el("td", "lm-num", fmtInt(x.f.overdue, sep)));
        tb.appendChild(tr);
      });
      t.appendChild(tb);
      const title = el("div", "lm-table-title", T.rankTitle);
      const more = el("button", "lm-more", tableAll ? T.fewer : T.more.replace("{n}", fmtInt(rows.length, sep)));
      more.type = "button"; more.addEventListener("click", () => { tableAll = !tableAll; table(last); opts.onResize && opts.onResize(); });
      tableBox.replaceChildren(title, t, more);
      opts.onResize && opts.onResize();
    }

    function showInfo(i, kato) {
      info.replaceChildren(); info.hidden = false;
      const close = el("button", "lm-close", "×"); close.type = "button"; close.setAttribute("aria-label", T.close);
      close.addEventListener("click", () => { info.hidden = true; selected = -1; objects.redraw(); });
      info.appendChild(close);
      if (i >= 0) {
        const d = districts[cols.district[i]];
        info.appendChild(el("b", null, opts.stageLabels[cols.stage[i]]));
        [[T.colDistrict, d.name + ", " + oblasts[d.oblast]], [T.year, String(opts.yearBase + cols.year[i])],
         [T.sector, opts.sectors[cols.sector[i]]], [T.funding, opts.funding[cols.funding[i]]],
         [T.colOverdue, cols.flags[i] & 1 ? T.yes : T.no]].forEach(([k, v]) => {
          const row = el("div"); row.appendChild(el("span", "lm-k", k + ": ")); row.appendChild(el("span", null, v)); info.appendChild(row); });
        if ((cols.flags[i] >> 6) !== 0) info.appendChild(el("div", "lm-note", T.approximateLocation));
      } else {
        const di = districts.findIndex((d) => d.kato === kato), d = districts[di], f = last.per[di];
        info.appendChild(el("b", null, d.name)); info.appendChild(el("div", "lm-sub", oblasts[d.oblast]));
        [[T.colObjects, fmtInt(f.objects, sep)], [T.colPct, fmtPct(f.pct)], [T.colExecution, fmtPct(f.execution)],
         [T.colOverdue, fmtInt(f.overdue, sep)]].forEach(([k, v]) => {
          const row = el("div"); row.appendChild(el("span", "lm-k", k + ": ")); row.appendChild(el("span", null, v)); info.appendChild(row); });
      }
    }

    let clicks = 0;
    map.on("click", (e) => {
      if (!cols) return;
      const i = objects.nearest(e.containerPoint);
      if (i >= 0) { selected = i; objects.redraw(); showInfo(i, null); clicks++;
        opts.onClick && opts.onClick({ kind: "object", index: i, digest: meta.digest, n: clicks }); return; }
      const f = shapes && shapes.features.find((g) => inFeature(g, e.latlng.lng, e.latlng.lat));
      if (f) { selected = -1; objects.redraw(); showInfo(-1, f.properties.kato); clicks++;
        opts.onClick && opts.onClick({ kind: "district", kato: f.properties.kato, n: clicks }); }
    });

    function report() { opts.onState && opts.onState(Object.assign({}, state, { stages: state.stages.slice() })); }
    function changed() { render(); report(); }

    return {
      map,
      setData(blob, m) {
        const first = cols === null; meta = m; cols = decode(blob, m); keep = null; selected = -1;
        if (first) { map.invalidateSize(); map.fitBounds([[40.6, 46.5], [55.4, 87.3]]); }
        render();
      },
      setShapes(geo) {
        const index = {}; districts.forEach((d, i) => { index[d.kato] = i; });
        geo.features = geo.features.filter((f) => f.properties.kato in index);
        geo.features.forEach((f) => { f.properties._i = index[f.properties.kato]; });
        shapes = geo; districtLayer.clearLayers(); districtLayer.addData(geo); render();
      },
      hasData() { return cols !== null; },
      digest() { return meta ? meta.digest : null; },
      state() { return Object.assign({}, state); },
      stats() { return last ? { shown: last.total, drawn: objects._drawnCount, counts: last.counts } : null; },
    };
  }

  window.TrackerLiveMap = { mount, decode, half };
})();

"""Exports: records as CSV / XLSX / GeoJSON, open data, district summaries, reports and maps.

Every export can be made "as of" a past day (rebuilt from the history) and for one district.
Demo rows carry the ``demo`` column and a note; estimated figures are labelled.
"""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd

from tracker.domain import District, calendar
from tracker.domain.errors import NotFound, RuleViolation
from tracker.domain.rules import Record
from tracker.i18n import fmt_date, t
from tracker.io import geojson, tabular
from tracker.io.columns import COLUMNS, IMPORT_ONLY
from tracker.io.records import ROWS
from tracker.io.summary import SUMMARY_COLUMNS, SUMMARY_MONEY, district_summary
from tracker.services.actor import PUBLIC, Actor
from tracker.services.as_of import facilities_frame_as_of, models_as_of
from tracker.services.permissions import Action, require
from tracker.storage.database import Database
from tracker.storage.mapping import FACILITY, INVATAXI, REHAB
from tracker.storage.queries import facilities_frame

TABLE_KINDS = ("objects", "rehab", "invataxi")
#: The formats each export comes in, the first being the default.
FORMATS = {
    "objects": ("csv", "xlsx", "geojson"),
    "rehab": ("csv", "xlsx", "geojson"),
    "invataxi": ("csv", "xlsx"),
    "districts": ("csv", "xlsx", "geojson"),
    "opendata": ("geojson",),
    "report": ("html", "pdf"),
    "map": ("html",),
}
SPECS = {"objects": FACILITY, "rehab": REHAB, "invataxi": INVATAXI}
MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "html": "text/html",
    "pdf": "application/pdf",
}


def check_request(what: str, fmt: str | None, district: str | None = None) -> str:
    """The format to export ``what`` in (the default when None); RuleViolation when not offered."""
    offered = FORMATS[what]
    if fmt is not None and fmt not in offered:
        raise RuleViolation("export.format", what=what, formats=", ".join(offered))
    if what == "report" and not district:
        raise RuleViolation("export.report_needs_district")
    return fmt or offered[0]


@dataclass(frozen=True)
class Export:
    data: bytes
    filename: str
    rows: int
    demo_rows: int = 0

    @property
    def mime(self) -> str:
        return MIME[self.filename.rsplit(".", 1)[-1]]


@dataclass(frozen=True)
class Scope:
    """What to export: the state as of a day (None: now) and one district (None: all)."""

    as_of: date | None = None
    district: str | None = None

    def suffix(self) -> str:
        return (f"_{self.district}" if self.district else "") + (f"_{self.as_of.isoformat()}" if self.as_of else "")


def _districts(db: Database) -> dict[str, District]:
    with db.read() as store:
        return {d.model.kato: d.model for d in store.districts.all()}


def records(db: Database, kind: str, scope: Scope = Scope()) -> list:
    """Live domain models of one kind, now or as of ``scope.as_of``, in one district or all."""
    spec = SPECS[kind]
    if scope.as_of:
        models = models_as_of(db, spec, scope.as_of)
    else:
        with db.read() as store:
            repo = {"objects": store.facilities, "rehab": store.rehab_centers, "invataxi": store.invataxi}[kind]
            models = [s.model for s in repo.all()]
    if scope.district:
        models = [m for m in models if m.district_kato == scope.district]
    return sorted(models, key=lambda m: (m.district_kato, getattr(m, "month", ""), m.id or 0))


def _check(db: Database, actor: Actor, scope: Scope) -> dict[str, District]:
    require(actor, Action.VIEW)
    districts = _districts(db)
    if scope.district and scope.district not in districts:
        raise NotFound(Record.DISTRICT, scope.district)
    return districts


def _about(
    kind: str, lang: str, scope: Scope, rows: int, demo_rows: int, estimates: bool = False
) -> list[tuple[str, str]]:
    about = [
        (t("io.export.what", lang), t(f"io.export.kind_{kind}", lang)),
        (t("io.export.rows", lang), str(rows)),
        (t("io.export.as_of", lang), fmt_date(scope.as_of or calendar.today())),
        (t("io.export.source", lang), t("io.export.source_register", lang)),
    ]
    if scope.as_of:
        about.append((t("io.export.history", lang), t("io.report.source_history", lang)))
    if demo_rows:
        about.append((t("io.export.demo", lang), t("io.export.demo_note", lang, rows=demo_rows)))
    if estimates:
        about.append((t("io.export.estimates", lang), t("io.export.estimates_note", lang)))
    return about


def export_table(
    db: Database,
    kind: str,
    fmt: str,
    lang: str = "en",
    scope: Scope = Scope(),
    by_district: bool = False,
    actor: Actor = PUBLIC,
    delimiter: str = ",",
) -> Export:
    """Objects, rehabilitation centres or Invataxi reports as csv, xlsx or geojson; importable as is.

    ``delimiter`` ``;`` writes the CSV Excel opens in Kazakh and Russian settings (decimal commas).
    """
    districts = _check(db, actor, scope)
    models = records(db, kind, scope)
    columns = [c for c in COLUMNS[kind] if c.key not in IMPORT_ONLY]
    rows = []
    for m in models:
        d = districts.get(m.district_kato)
        row = ROWS[kind](m, lang, d.name(lang) if d else "")
        row["oblast"] = d.oblast(lang) if d else ""
        rows.append(row)
    demo_rows = sum(1 for m in models if m.demo)
    name = _name(kind, scope, fmt, delimiter)
    if fmt == "geojson":
        if kind == "invataxi":
            raise RuleViolation("export.format", what=kind, formats=", ".join(FORMATS[kind]))
        meta = {
            "source": t("io.export.source_register", "en"),
            "as_of": (scope.as_of or calendar.today()).isoformat(),
            "demo_rows": demo_rows,
        } | ({"note": t("io.export.demo_note", "en", rows=demo_rows)} if demo_rows else {})
        data = geojson.feature_collection([{c.key: r.get(c.key) for c in columns} for r in rows], meta)
        return Export(data, name, len(rows), demo_rows)
    headers = [c.header(lang) for c in columns]
    table = [[r.get(c.key) for c in columns] for r in rows]
    if fmt == "csv":
        return Export(tabular.to_csv(headers, table, delimiter), name, len(rows), demo_rows)
    money = {i for i, c in enumerate(columns) if c.kind == "money"}
    if by_district:
        groups: dict[str, list] = {}
        for m, line in zip(models, table):
            groups.setdefault(m.district_kato, []).append(line)
        sheets = [
            tabular.Sheet(districts[k].name(lang) if k in districts else k, headers, lines, money)
            for k, lines in sorted(groups.items())
        ]
    else:
        sheets = [tabular.Sheet(t(f"io.export.kind_{kind}", lang), headers, table, money)]
    about = _about(kind, lang, scope, len(rows), demo_rows)
    return Export(tabular.to_xlsx(sheets, about, t("io.export.about", lang)), name, len(rows), demo_rows)


def summary_frame(db: Database, scope: Scope = Scope()) -> pd.DataFrame:
    """District summaries (see ``tracker.io.summary``) now or as of a day."""
    if scope.as_of:
        objects = facilities_frame_as_of(db, scope.as_of)
    else:
        with db.read() as store:
            objects = facilities_frame(store.conn)
    rehab = records(db, "rehab", scope)
    taxi = records(db, "invataxi", scope)
    return district_summary(objects, rehab, taxi, list(_districts(db).values()), scope.district)


def _name(what: str, scope: Scope, fmt: str, delimiter: str = ",") -> str:
    """The file's name; the semicolon CSV says so, so the two files are never mistaken."""
    dialect = "-semicolon" if fmt == "csv" and delimiter == ";" else ""
    return f"{what}{scope.suffix()}{dialect}.{fmt}"


def export_districts(
    db: Database, fmt: str, lang: str = "en", scope: Scope = Scope(), actor: Actor = PUBLIC, delimiter: str = ","
) -> Export:
    """One row per district: objects, progress, money, rehabilitation, Invataxi and sourced figures."""
    districts = _check(db, actor, scope)
    frame = summary_frame(db, scope)
    frame = frame.assign(
        district=[districts[k].name(lang) for k in frame["district_kato"]],
        oblast=[districts[k].oblast(lang) for k in frame["district_kato"]],
    )
    headers = [k if lang == "en" else t(f"io.sum.{k}", lang) for k in SUMMARY_COLUMNS]
    table = [[None if pd.isna(v) else v for v in row] for row in frame[list(SUMMARY_COLUMNS)].itertuples(index=False)]
    demo_rows = int((frame["demo_objects"] > 0).sum())
    name = _name("districts", scope, fmt, delimiter)
    estimates = bool(frame["estimate"].any())
    if fmt == "csv":
        return Export(tabular.to_csv(headers, table, delimiter), name, len(table), demo_rows)
    if fmt == "xlsx":
        money = {SUMMARY_COLUMNS.index(k) for k in SUMMARY_MONEY}
        sheets = [tabular.Sheet(t("io.export.kind_districts", lang), headers, table, money)]
        about = _about("districts", lang, scope, len(table), demo_rows, estimates)
        return Export(tabular.to_xlsx(sheets, about, t("io.export.about", lang)), name, len(table), demo_rows)
    if fmt == "geojson":
        return _districts_geojson(db, districts, table, name, demo_rows)
    raise RuleViolation("export.format", what="districts", formats=", ".join(FORMATS["districts"]))


def _districts_geojson(db: Database, districts: dict[str, District], table: list, name: str, demo_rows: int):
    """Each district's polygon with its figures (and its centre point as ``lat``/``lon``)."""
    import shapely

    from tracker.services.boundaries import APPROXIMATE_SOURCE, current_boundaries

    bounds = current_boundaries(db)
    shapes = dict(zip(bounds.frame["kato"], bounds.frame.geometry))
    rows = []
    for line in table:
        d, shape = districts[line[0]], shapes.get(line[0])
        props = dict(zip(SUMMARY_COLUMNS, line)) | {
            "lat": d.centre_lat,
            "lon": d.centre_lon,
            "boundary_approximate": d.kato in bounds.approximate_katos,
        }
        rows.append((props, None if shape is None else json.loads(shapely.to_geojson(shape))))
    meta = {
        "source": t("io.export.source_register", "en"),
        "boundaries": bounds.source,
        "approximate_boundaries": APPROXIMATE_SOURCE if bounds.approximate_katos else None,
        "point": "lat/lon: the district centre (an interior point where the centre is not known)",
    }
    return Export(geojson.shape_collection(rows, meta), name, len(rows), demo_rows)


def export_opendata(db: Database, scope: Scope = Scope(), actor: Actor = PUBLIC) -> Export:
    """Objects as open data: GeoJSON with OSM-style tags (``wheelchair``, ``toilets:wheelchair``)."""
    _check(db, actor, scope)
    models = records(db, "objects", scope)
    demo_rows = sum(1 for m in models if m.demo)
    meta = {
        "title": "Kedergisiz keleshek: objects adapted for people with disabilities",
        "as_of": (scope.as_of or calendar.today()).isoformat(),
        "tags": "wheelchair from the accessibility passport, category K (wheelchair users): "
        "DP -> yes, DCH/DU -> limited, VND -> no; toilets:wheelchair from the accessible "
        "toilet measure (built -> yes, planned -> no)",
        "demo_rows": demo_rows,
    }
    if demo_rows:
        meta["note"] = t("io.export.demo_note", "en", rows=demo_rows)
    return Export(geojson.opendata(models, meta), f"opendata{scope.suffix()}.geojson", len(models), demo_rows)


def report_data(db: Database, kato: str, scope: Scope = Scope()):
    """Everything the printable report of one district shows."""
    import shapely

    from tracker.io.report import ReportData
    from tracker.services.boundaries import APPROXIMATE_SOURCE, current_boundaries

    districts = _districts(db)
    if kato not in districts:
        raise NotFound(Record.DISTRICT, kato)
    scope = Scope(scope.as_of, kato)
    bounds = current_boundaries(db)
    shape = bounds.frame.loc[bounds.frame["kato"] == kato, "geometry"]
    with db.read() as store:
        version = store.data_version()
    return ReportData(
        district=districts[kato],
        facilities=records(db, "objects", scope),
        rehab=records(db, "rehab", scope),
        invataxi=records(db, "invataxi", scope),
        geometry=shapely.union_all(shape.values) if len(shape) else None,
        approximate=kato in bounds.approximate_katos,
        boundary_source=APPROXIMATE_SOURCE if kato in bounds.approximate_katos else bounds.source,
        as_of=scope.as_of,
        generated_at=datetime.now(UTC),
        data_version=version,
        method=_method_settings(),
    )


def _method_settings() -> dict[str, float]:
    """The settings the report's "Legal basis and method" section names."""
    from tracker.config import get_settings

    settings = get_settings()
    return {
        "norm_per_1000": settings.invataxi_norm_per_1000,
        "eligible_share": settings.invataxi_eligible_share,
        "reach_km": settings.reach_km,
    }


def export_report(
    db: Database, kato: str, fmt: str, lang: str = "kk", scope: Scope = Scope(), actor: Actor = PUBLIC
) -> Export:
    """The printable district report as html or pdf."""
    from tracker.io.report import render_report, to_pdf

    _check(db, actor, Scope(scope.as_of, kato))
    data = report_data(db, kato, scope)
    html = render_report(data, lang)
    body = html.encode("utf-8") if fmt == "html" else to_pdf(html)
    name = f"report_{kato}_{lang}{'_' + scope.as_of.isoformat() if scope.as_of else ''}.{fmt}"
    return Export(body, name, len(data.facilities), sum(1 for f in data.facilities if f.demo))


def export_map(db: Database, lang: str = "kk", scope: Scope = Scope(), actor: Actor = PUBLIC) -> Export:
    """A standalone HTML map: the live map's packed layer and script, Leaflet inlined, offline."""
    from tracker.io.live_map import rows_from_models, standalone_map_html
    from tracker.services.boundaries import APPROXIMATE_SOURCE, current_boundaries
    from tracker.storage.map_queries import live_rows
    from tracker.storage.queries import districts_frame

    _check(db, actor, scope)
    with db.read() as store:
        districts = districts_frame(store.conn)
        frame = None if scope.as_of else live_rows(store.conn)
    if frame is None:
        frame = rows_from_models(records(db, "objects", scope))
    elif scope.district:
        frame = frame[frame["district_kato"] == scope.district]
    bounds = current_boundaries(db)
    credit = APPROXIMATE_SOURCE if bounds.approximate else bounds.source
    day = scope.as_of or calendar.today()
    html = standalone_map_html(frame, districts, bounds.frame, lang, credit, bounds.approximate, day, scope.district)
    demo = int(frame["demo"].sum()) if len(frame) else 0
    return Export(html.encode("utf-8"), f"map{scope.suffix()}_{lang}.html", len(frame), demo)

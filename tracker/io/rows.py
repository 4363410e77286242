"""From a raw table to checked records: every cell parsed, every district found, every point checked.

Nothing here touches the database: the caller passes the district catalogue (as a matcher) and
the boundaries, and gets back, for each row, a domain model or the problems that stop it —
and, for the report, notes on how each row was read (its district, an approximate location, a
section or total row skipped).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

import geopandas as gpd
from pydantic import ValidationError

from tracker.domain.enums import LocationPrecision, PassportState
from tracker.domain.errors import RuleViolation
from tracker.domain.facility import check_completion, check_name, check_program_years
from tracker.domain.money import check_overrun
from tracker.geo.assign import assign_districts, district_warning
from tracker.geo.distance import geodesic_km
from tracker.geo.location import check_location
from tracker.geo.shipped import shipped_districts
from tracker.i18n.errors import pydantic_problem
from tracker.io import values
from tracker.io.columns import COLUMNS, Column, header_key
from tracker.io.districts import DistrictMatcher
from tracker.io.encoding import looks_garbled
from tracker.io.locate import locate
from tracker.io.mappings import EMPTY_AMOUNT, PLAN_IS_ALLOCATED, Mappings, record_mapping, record_meaning
from tracker.io.problems import Problem, Severity, ValueProblem, shorten
from tracker.io.readers import RawTable
from tracker.io.records import BUILDERS, Model, identity
from tracker.io.resolve import NO_POINT, Resolver, Said
from tracker.io.sections import Section, section_of

Progress = Callable[[int, int], None]
_SOME_CATEGORIES = re.compile(r"-\s*[ИиI]\b|\(")
MIN_RADIUS_KM = 25.0  # without a polygon, a point this close to the district's centre is accepted


@dataclass
class ParsedRow:
    label: str
    model: Model | None = None
    problems: list[Problem] = field(default_factory=list)
    skipped: str | None = None  # total, oblast, district, sector, example: not an object
    district_how: str | None = None  # code, name, old_code, former_name, section, point, confirmed
    precision: LocationPrecision = LocationPrecision.EXACT
    written: str | None = None  # an old code or former name, kept in the history's comment
    reason: str | None = None  # why the row moves its object's stage back or reopens it

    @property
    def ok(self) -> bool:
        blocking = (Severity.ERROR, Severity.CONFIRM)
        return self.model is not None and not any(p.severity in blocking for p in self.problems)


def _parse(column: Column, raw: Any, unit: Decimal) -> Any:
    kind = column.kind
    if kind in ("text", "id"):
        return values.text(raw)
    if kind == "money":
        return values.money(raw, unit)
    if kind == "number":
        return values.number(raw)
    if kind == "integer":
        return values.integer(raw)
    if kind == "date":
        return values.day(raw)
    if kind == "month":
        return values.month(raw)
    if kind == "bool":
        return values.boolean(raw)
    if kind == "years":
        return values.years(raw)
    if kind == "kato":
        return values.kato(raw)
    if kind == "enum":
        return values.vocabulary(raw, column.enum)
    if kind == "enum_list":
        return values.vocabulary_list(raw, column.enum)
    if kind == "passport":
        if column.key == "accessibility" and _SOME_CATEGORIES.search(str(raw)):
            # «ДЧ-И (К, О)» holds for the categories it names only: never spread it over all five.
            return values.conclusion(raw)
        return values.vocabulary(raw, PassportState)
    if kind == "conclusion":
        return values.conclusion(raw)
    raise ValueError(f"unknown column kind {kind}")


def parse_rows(
    table: RawTable,
    kind: str,
    mapping: dict[str, int],
    matcher: DistrictMatcher,
    confirmed: dict[str, str] | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
    progress: Progress | None = None,
    mappings: Mappings | None = None,
) -> list[ParsedRow]:
    """Parse every row of ``table`` with ``mapping`` (column key → position); never raises on bad data.

    ``boundaries`` are the real district polygons (the shipped ones when None). ``mappings``
    collects how vocabulary and money cells were read, for the report.
    """
    columns = {c.key: c for c in COLUMNS[kind]}
    units = {key: header_key(table.headers[pos])[1] for key, pos in mapping.items()}
    bounds = boundaries if boundaries is not None and len(boundaries) else shipped_districts()
    resolver = Resolver(matcher)
    parsed: list[ParsedRow] = []
    pending: list[tuple[ParsedRow, dict, Said]] = []
    context = Said()
    for label, raw_cells in table.rows:
        row = ParsedRow(label)
        parsed.append(row)
        section = section_of(raw_cells, resolver.places, mapping.get("external_id"), context.section_oblast)
        if section is not None:
            row.skipped = section.kind
            context = _next_context(context, section, label)
            problem = Problem(label, "", shorten(section.text), f"skipped_{section.kind}", {}, Severity.NOTE)
            row.problems.append(problem)
            continue
        cells = _cells(row, raw_cells, table, mapping, columns, units, mappings)
        row.reason = cells.pop("reason", None)
        if kind == "objects":
            _fill_object(cells, context, mapping, table, mappings)
        pending.append((row, cells, context))
    points = _points(pending, table, mapping, bounds)
    build, model_type = BUILDERS[kind]
    seen: dict[tuple, str] = {}
    total = len(pending)
    for n, ((row, cells, context), point) in enumerate(zip(pending, points), 1):
        kato = _district(row, cells, context, point, table, mapping, resolver, bounds, confirmed)
        if kato is not None and kind == "objects" and cells.get("lat") is None and cells.get("lon") is None:
            _locate(row, cells, matcher.by_kato[kato], table, mapping, matcher)
        _required(row, cells, kind, table, mapping)
        if kind == "objects":
            _object_rules(row, cells, table, mapping)
        if kato is not None and not any(p.severity == Severity.ERROR for p in row.problems):
            try:
                row.model = model_type.model_validate(build(cells, kato))
            except (ValidationError, RuleViolation) as exc:
                row.problems.extend(_invalid(row.label, exc, table, mapping))
        if row.model is not None:
            key = identity(kind, row.model)
            if key in seen:
                where = next((table.headers[mapping[k]] for k in ("external_id", "month") if k in mapping), "")
                row.problems.append(
                    Problem(row.label, where, shorten(" / ".join(map(str, key))), "duplicate", {"first": seen[key]})
                )
                row.model = None
            else:
                seen[key] = row.label
        if progress and (n % 200 == 0 or n == total):
            progress(n, total)
    return parsed


def _next_context(context: Said, section: Section, label: str) -> Said:
    """The place a section row gives to the rows under it (an oblast section clears the district)."""
    if section.kind == "oblast":
        return Said(section_oblast=section.oblast, section_row=label)
    if section.kind == "district":
        return replace(context, section_district=section.kato, section_row=label, section_sector=None)
    if section.kind == "sector":
        return replace(context, section_sector=section.sector)
    if section.kind == "total":
        return replace(context, section_district=None, section_sector=None)  # «Итого по району» ends its block
    return context


def _fill_object(cells: dict, context: Said, mapping: dict[str, int], table: RawTable, mappings) -> None:
    """What an akimat list leaves implicit: the sector of its section, the allocation behind «план»."""
    if context.section_sector is not None and cells.get("sector") is None:
        cells["sector"] = context.section_sector
    if "budget_planned" in mapping and "budget_spent" in mapping and "budget_allocated" not in mapping:
        # «план / факт» (kk «жоспар / нақты») is how budget execution is reported: «план» is the
        # amount provided for the year — planned and allocated at once — and «факт» what was
        # spent of it. An empty «план» leaves the allocation unknown; «факт» never stands in for it.
        cells["budget_allocated"] = cells.get("budget_planned")
        pair = f"{table.headers[mapping['budget_planned']]} / {table.headers[mapping['budget_spent']]}"
        record_meaning(mappings, pair, "", PLAN_IS_ALLOCATED)


def _cells(row, raw_cells, table, mapping, columns, units, mappings) -> dict[str, Any]:
    cells: dict[str, Any] = {}
    for key, pos in mapping.items():
        raw = raw_cells[pos] if pos < len(raw_cells) else None
        header = table.headers[pos]
        if values.is_empty(raw):
            cells[key] = [] if columns[key].kind in ("enum_list", "years") else None
            if columns[key].kind == "money":
                record_meaning(mappings, header, "", EMPTY_AMOUNT)  # unknown, never 0
            continue
        if values.is_formula(raw):
            row.problems.append(Problem(row.label, header, shorten(raw), "formula"))
            continue
        if isinstance(raw, str) and looks_garbled(raw):
            row.problems.append(Problem(row.label, header, shorten(raw), "garbled"))
            continue
        try:
            cells[key] = _parse(columns[key], raw, units[key])
        except ValueProblem as exc:
            row.problems.append(Problem(row.label, header, shorten(raw), exc.code, exc.params, exc.severity))
            continue
        if mappings is not None:
            record_mapping(mappings, columns[key], header, raw, cells[key], units[key])
    return cells


def _point_header(table: RawTable, mapping: dict[str, int]) -> str:
    return f"{_header(table, mapping, 'lat')} / {_header(table, mapping, 'lon')}"


def _points(pending, table, mapping, bounds) -> list[str | None]:
    """The district holding each row's point (NO_POINT without coordinates, None in no district)."""
    found: list[str | None] = [NO_POINT] * len(pending)
    usable = []
    for i, (row, cells, _) in enumerate(pending):
        lat, lon = cells.get("lat"), cells.get("lon")
        if lat is None or lon is None:
            continue
        before = len(row.problems)
        _rule(row, _point_header(table, mapping), f"{lat}, {lon}", check_location, lat, lon)
        if len(row.problems) == before:
            usable.append(i)
    if usable:
        lats = [pending[i][1]["lat"] for i in usable]
        lons = [pending[i][1]["lon"] for i in usable]
        for i, kato in zip(usable, assign_districts(lats, lons, bounds)):
            found[i] = kato
    return found


def _district(row, cells, context, point, table, mapping, resolver, bounds, confirmed) -> str | None:
    """The row's district by ``tracker.io.resolve``; its findings become the row's problems and notes."""
    said = replace(
        context,
        kato=cells.get("district_kato"),
        district=cells.get("district"),
        oblast=cells.get("oblast"),
        point=point,
    )
    district_headers = {_header(table, mapping, k) for k in ("district", "district_kato", "oblast")}
    if any(p.column in district_headers for p in row.problems):
        return None
    lat, lon = cells.get("lat"), cells.get("lon")
    if lat is not None and lon is not None and any(p.column == _point_header(table, mapping) for p in row.problems):
        return None
    if point is None:
        params = {"lat": lat, "lon": lon}
        row.problems.append(
            Problem(row.label, _point_header(table, mapping), f"{lat}, {lon}", "coordinates.no_district", params)
        )
        return None
    resolved = resolver.resolve(said, lambda kato: _near(lat, lon, kato, bounds, resolver.matcher), confirmed)
    for f in resolved.findings:
        column = (
            _point_header(table, mapping)
            if f.key == "lat"
            else (_header(table, mapping, f.key) if f.key in mapping else "")
        )
        value = f"{lat}, {lon}" if f.key == "lat" and not f.value else shorten(f.value)
        row.problems.append(Problem(row.label, column, value, f.code, f.params, f.severity))
    row.district_how = resolved.how
    if resolved.how == "old_code":
        row.written = f"district_kato as written: {said.kato}"
    elif resolved.how == "former_name":
        row.written = f"district as written: {said.district}"
    return resolved.kato


def _near(lat: float, lon: float, kato: str, bounds: gpd.GeoDataFrame, matcher: DistrictMatcher) -> bool:
    """Whether a point lies in (or within the border tolerance of) a district; by distance without its polygon."""
    if (bounds["kato"] == kato).any():
        return district_warning(lat, lon, kato, bounds) is None
    district = matcher.by_kato[kato]
    radius = max(MIN_RADIUS_KM, 2 * (district.area_km2 / 3.1416) ** 0.5)
    return geodesic_km(lat, lon, district.centre_lat, district.centre_lon) <= radius


def _locate(row, cells, district, table, mapping, matcher) -> None:
    """No coordinates: the settlement the address names, else the district centre; said in a note."""
    found = locate(district, cells.get("address"), cells.get("name_ru"), cells.get("name_kk"))
    cells["lat"], cells["lon"], cells["location_precision"] = found.lat, found.lon, found.precision
    row.precision = found.precision
    if found.settlement:
        code, params = "note_location_settlement", {"settlement": found.settlement}
    else:
        code, params = "note_location_district", {"district": matcher.labels(district.kato)}
    value = shorten(cells.get("address") or "")
    row.problems.append(Problem(row.label, _header(table, mapping, "address"), value, code, params, Severity.NOTE))


def _header(table: RawTable, mapping: dict[str, int], key: str) -> str:
    return table.headers[mapping[key]] if key in mapping else key


def _required(row: ParsedRow, cells: dict, kind: str, table: RawTable, mapping: dict[str, int]) -> None:
    flagged = {p.column for p in row.problems}
    for column in COLUMNS[kind]:
        located = kind == "objects" and column.key in ("lat", "lon")
        if column.required and not located and column.key in mapping and cells.get(column.key) in (None, []):
            header = _header(table, mapping, column.key)
            if header not in flagged:
                row.problems.append(Problem(row.label, header, "", "required"))
    if kind == "objects":
        header = _header(table, mapping, "name_ru" if "name_ru" in mapping else "name_kk")
        if header not in flagged:
            _rule(row, header, "", check_name, cells.get("name_kk"), cells.get("name_ru"))


def _rule(row: ParsedRow, header: str, value: str, check: Callable, *args) -> None:
    """Run one of the domain's rules on the row's cells; a refusal becomes a problem with its code."""
    try:
        check(*args)
    except RuleViolation as refused:
        row.problems.append(Problem(row.label, header, value, refused.code, refused.params))


def _object_rules(row: ParsedRow, cells: dict, table: RawTable, mapping: dict[str, int]) -> None:
    years = cells.get("program_years") or []
    _rule(row, _header(table, mapping, "program_years"), ", ".join(map(str, years)), check_program_years, years)
    spent, allocated = cells.get("budget_spent"), cells.get("budget_allocated")
    if spent is not None and allocated is not None:  # an unknown amount proves no overrun
        header = _header(table, mapping, "budget_spent")
        _rule(row, header, f"{spent}", check_overrun, spent, allocated, bool(cells.get("overrun")))
    if cells.get("stage") is not None:
        header = _header(table, mapping, "actual_completion")
        actual = cells.get("actual_completion")
        _rule(row, header, str(actual or ""), check_completion, cells["stage"], actual)


def _invalid(label: str, exc: Exception, table: RawTable, mapping: dict[str, int]) -> list[Problem]:
    """The domain's refusal of a row, with the same code (and so the same message) a form gets."""
    if isinstance(exc, RuleViolation):
        return [Problem(label, "", "", exc.code, exc.params)]
    problems = []
    for item in exc.errors(include_url=False):
        loc = [str(p) for p in item["loc"]]
        key = loc[0] if loc else ""
        if key == "budget" and len(loc) > 1:
            key = f"budget_{loc[1]}"
        header = _header(table, mapping, key) if key in mapping else ".".join(loc)
        value = shorten(item.get("input", "")) if not isinstance(item.get("input"), dict) else ""
        named = pydantic_problem(item)
        code, params = named if named else ("invalid", {"detail": str(item["msg"]).removeprefix("Value error, ")})
        problems.append(Problem(label, header, value, code, params))
    return problems

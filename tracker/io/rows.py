"""From a raw table to checked records: every cell parsed, every district found, every point checked.

Nothing here touches the database: the caller passes the district catalogue (as a matcher) and
the boundaries, and gets back, for each row, a domain model or the problems that stop it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import geopandas as gpd
from pydantic import ValidationError

from tracker.domain.enums import PassportState
from tracker.domain.errors import RuleViolation
from tracker.domain.facility import check_completion, check_name, check_program_years
from tracker.domain.geography import check_in_kazakhstan
from tracker.domain.money import check_overrun
from tracker.geo.assign import assign_districts, district_warning
from tracker.i18n.errors import pydantic_problem
from tracker.io import values
from tracker.io.columns import COLUMNS, Column, header_key
from tracker.io.districts import DistrictMatcher
from tracker.io.encoding import looks_garbled
from tracker.io.problems import Problem, Severity, ValueProblem, shorten
from tracker.io.readers import RawTable
from tracker.io.records import BUILDERS, Model, identity

Progress = Callable[[int, int], None]


@dataclass
class ParsedRow:
    label: str
    model: Model | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.model is not None and not any(p.severity != Severity.WARNING for p in self.problems)


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
) -> list[ParsedRow]:
    """Parse every row of ``table`` with ``mapping`` (column key → position); never raises on bad data.

    ``boundaries`` are the real district polygons, or None when only the approximation is
    loaded (then points are checked against Kazakhstan's box only).
    """
    columns = {c.key: c for c in COLUMNS[kind]}
    units = {key: header_key(table.headers[pos])[1] for key, pos in mapping.items()}
    build, model_type = BUILDERS[kind]
    parsed: list[ParsedRow] = []
    points: list[tuple[ParsedRow, dict, str | None]] = []
    seen: dict[tuple, str] = {}
    total = len(table.rows)
    for n, (label, raw_cells) in enumerate(table.rows, 1):
        row = ParsedRow(label)
        cells: dict[str, Any] = {}
        for key, pos in mapping.items():
            raw = raw_cells[pos] if pos < len(raw_cells) else None
            header = table.headers[pos]
            if values.is_empty(raw):
                cells[key] = [] if columns[key].kind in ("enum_list", "years") else None
                continue
            if values.is_formula(raw):
                row.problems.append(Problem(label, header, shorten(raw), "formula"))
                continue
            if isinstance(raw, str) and looks_garbled(raw):
                row.problems.append(Problem(label, header, shorten(raw), "garbled"))
                continue
            try:
                cells[key] = _parse(columns[key], raw, units[key])
            except ValueProblem as exc:
                row.problems.append(Problem(label, header, shorten(raw), exc.code, exc.params, exc.severity))
        kato = _district(row, cells, table, mapping, matcher, confirmed)
        _required(row, cells, kind, table, mapping)
        _coordinates(row, cells, table, mapping)
        if kind == "objects":
            _object_rules(row, cells, table, mapping)
        if kato is not None and not any(p.severity == Severity.ERROR for p in row.problems):
            data = build(cells, kato)
            try:
                row.model = model_type.model_validate(data)
            except (ValidationError, RuleViolation) as exc:
                row.problems.extend(_invalid(label, exc, table, mapping))
        if row.model is not None:
            key = identity(kind, row.model)
            if key in seen:
                where = next((table.headers[mapping[k]] for k in ("external_id", "month") if k in mapping), "")
                row.problems.append(
                    Problem(label, where, shorten(" / ".join(map(str, key))), "duplicate", {"first": seen[key]})
                )
                row.model = None
            else:
                seen[key] = label
        if row.model is not None and kato is not None and "lat" in cells:
            points.append((row, cells, kato))
        parsed.append(row)
        if progress and (n % 200 == 0 or n == total):
            progress(n, total)
    if boundaries is not None and points:
        _check_districts(points, boundaries, matcher, table, mapping)
    return parsed


def _header(table: RawTable, mapping: dict[str, int], key: str) -> str:
    return table.headers[mapping[key]] if key in mapping else key


def _district(
    row: ParsedRow,
    cells: dict,
    table: RawTable,
    mapping: dict[str, int],
    matcher: DistrictMatcher,
    confirmed: dict[str, str] | None,
) -> str | None:
    kato = cells.get("district_kato")
    if kato:
        if kato not in matcher.by_kato:
            row.problems.append(Problem(row.label, _header(table, mapping, "district_kato"), kato, "unknown_district"))
            return None
        return kato
    name = cells.get("district")
    header = _header(table, mapping, "district")
    if not name:
        if any(p.column in (header, _header(table, mapping, "district_kato")) for p in row.problems):
            return None
        row.problems.append(Problem(row.label, header, "", "no_district"))
        return None
    match = matcher.match(name, matcher.oblast(cells.get("oblast")), confirmed)
    if match.kato:
        return match.kato
    if match.guess:
        row.problems.append(
            Problem(
                row.label,
                header,
                shorten(name),
                "district_guess",
                {"guess": matcher.labels(match.guess), "kato": match.guess},
                Severity.CONFIRM,
            )
        )
    elif match.ambiguous:
        row.problems.append(
            Problem(row.label, header, shorten(name), "ambiguous_district", {"candidates": ", ".join(match.ambiguous)})
        )
    else:
        row.problems.append(Problem(row.label, header, shorten(name), "unknown_district"))
    return None


def _required(row: ParsedRow, cells: dict, kind: str, table: RawTable, mapping: dict[str, int]) -> None:
    flagged = {p.column for p in row.problems}
    for column in COLUMNS[kind]:
        if column.required and column.key in mapping and cells.get(column.key) in (None, []):
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


def _coordinates(row: ParsedRow, cells: dict, table: RawTable, mapping: dict[str, int]) -> None:
    lat, lon = cells.get("lat"), cells.get("lon")
    if lat is None or lon is None:
        return
    header = f"{_header(table, mapping, 'lat')} / {_header(table, mapping, 'lon')}"
    _rule(row, header, f"{lat}, {lon}", check_in_kazakhstan, lat, lon)


def _object_rules(row: ParsedRow, cells: dict, table: RawTable, mapping: dict[str, int]) -> None:
    years = cells.get("program_years") or []
    _rule(row, _header(table, mapping, "program_years"), ", ".join(map(str, years)), check_program_years, years)
    spent, allocated = cells.get("budget_spent"), cells.get("budget_allocated") or Decimal(0)
    if spent is not None:
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


def _check_districts(
    points: list[tuple[ParsedRow, dict, str]],
    boundaries: gpd.GeoDataFrame,
    matcher: DistrictMatcher,
    table: RawTable,
    mapping: dict[str, int],
) -> None:
    """With real boundaries: a point in no district is an error; in another district, a warning."""
    found = assign_districts([c["lat"] for _, c, _ in points], [c["lon"] for _, c, _ in points], boundaries)
    header = f"{_header(table, mapping, 'lat')} / {_header(table, mapping, 'lon')}"
    for (row, cells, stated), actual in zip(points, found):
        value = f"{cells['lat']}, {cells['lon']}"
        if actual is None:
            # Inside Kazakhstan's box but in no district: the Caspian, the Aral, or a neighbour.
            params = {"lat": cells["lat"], "lon": cells["lon"]}
            row.problems.append(Problem(row.label, header, value, "coordinates.no_district", params))
            row.model = None
        elif actual != stated and district_warning(cells["lat"], cells["lon"], stated, boundaries):
            row.problems.append(
                Problem(
                    row.label,
                    header,
                    value,
                    "district_mismatch",
                    {"actual": matcher.labels(actual), "stated": matcher.labels(stated), "kato": actual},
                    Severity.WARNING,
                )
            )

"""Reading an uploaded file into a plain table: headers, rows with the labels a user sees, cells.

CSV (any of the encodings in ``tracker.io.encoding``, comma/semicolon/tab separated), XLSX
(every sheet whose header the importer recognises; formulas are kept as text so that they are
reported, never evaluated), GeoJSON and GeoPackage (point geometry becomes ``lat``/``lon``).
"""

import csv
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tracker.io.columns import auto_map
from tracker.io.encoding import Decoded, NotText, decode
from tracker.io.problems import FileProblem


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 60_000


@dataclass
class RawTable:
    format: str  # csv, xlsx, geojson, gpkg
    headers: list[str]
    rows: list[tuple[str, list]]  # (row label as the user sees it, cells)
    decoded: Decoded | None = None  # how a text file was decoded
    skipped_sheets: list[str] = field(default_factory=list)

    def preview(self, n: int = 8) -> list[list]:
        return [cells for _, cells in self.rows[:n]]


def detect_format(name: str, data: bytes) -> str:
    suffix = Path(name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    if data.startswith(b"SQLite format 3\x00"):
        return "gpkg"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem("xls")
    if suffix in (".geojson", ".json") or data.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{"):
        return "geojson"
    if suffix in (".xlsx", ".xlsm", ".gpkg"):
        raise FileProblem("unreadable", detail=suffix)
    return "csv"


def read_table(name: str, data: bytes, kind: str, limits: Limits = Limits()) -> RawTable:
    """Read ``data`` (the bytes of the file called ``name``) into a RawTable, or raise FileProblem."""
    if len(data) > limits.max_bytes:
        raise FileProblem("too_big", size=_mb(len(data)), limit=_mb(limits.max_bytes))
    if not data.strip(b"\xef\xbb\xbf \r\n\t,;"):
        raise FileProblem("empty")
    fmt = detect_format(name, data)
    reader = {"csv": _csv, "xlsx": _xlsx, "geojson": _geojson, "gpkg": _gpkg}[fmt]
    table = reader(data, kind, limits)
    if not table.headers or not any(h.strip() for h in table.headers):
        raise FileProblem("empty")
    if len(table.rows) > limits.max_rows:
        raise FileProblem("too_many_rows", rows=len(table.rows), limit=limits.max_rows)
    return table


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def _check_rows(count: int, limits: Limits) -> None:
    if count > limits.max_rows:
        raise FileProblem("too_many_rows", rows=f"> {limits.max_rows}", limit=limits.max_rows)


def _csv(data: bytes, kind: str, limits: Limits) -> RawTable:
    try:
        decoded = decode(data)
    except NotText as exc:
        raise FileProblem("not_text") from exc
    text = decoded.text.lstrip("\ufeff")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = max(",;\t|", key=first.count) if first else ","
    rows: list[tuple[str, list]] = []
    headers: list[str] | None = None
    try:
        for line_no, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
            if not any(c.strip() for c in cells):
                continue
            if headers is None:
                headers = [c.strip() for c in cells]
                continue
            rows.append((str(line_no), cells))
            _check_rows(len(rows), limits)
    except csv.Error as exc:
        raise FileProblem("unreadable", detail=str(exc)) from exc
    return RawTable("csv", headers or [], rows, decoded)


def _xlsx(data: bytes, kind: str, limits: Limits) -> RawTable:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileProblem("unreadable", detail=type(exc).__name__) from exc
    try:
        found = [(sheet, *_sheet_header(sheet)) for sheet in book.worksheets]
        found = [f for f in found if f[1]]
        recognised = [f for f in found if len(auto_map(f[1], kind)) >= 2]
        # A workbook with no sheet we recognise is shown whole so the user can map its columns.
        used = recognised or found[:1]
        skipped = [f[0].title for f in found if f not in used]
        if not used:
            return RawTable("xlsx", [], [], None, skipped)
        headers = used[0][1]
        rows: list[tuple[str, list]] = []
        for sheet, sheet_headers, header_row in used:
            positions = [headers.index(h) if h in headers else None for h in sheet_headers]
            for row_no, values in enumerate(sheet.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1):
                if not any(v is not None and str(v).strip() for v in values):
                    continue
                cells: list = [None] * len(headers)
                for pos, value in zip(positions, values):
                    if pos is not None:
                        cells[pos] = value
                label = f"{sheet.title}!{row_no}" if len(used) > 1 else str(row_no)
                rows.append((label, cells))
                _check_rows(len(rows), limits)
        return RawTable("xlsx", headers, rows, None, skipped)
    finally:
        book.close()


def _sheet_header(sheet) -> tuple[list[str], int]:
    """The first non-empty row of a sheet (trailing blanks dropped) and its number."""
    for row_no, values in enumerate(sheet.iter_rows(values_only=True, max_row=50), 1):
        if any(v is not None and str(v).strip() for v in values):
            header = ["" if v is None else str(v).strip() for v in values]
            while header and not header[-1]:
                header.pop()
            return header, row_no
    return [], 0


def _features_table(
    features: list[dict], fmt: str, decoded: Decoded | None, limits: Limits, digits: int | None = None
) -> RawTable:
    import shapely.geometry

    _check_rows(len(features), limits)
    headers: list[str] = []
    for feature in features:
        for key in feature.get("properties") or {}:
            if key not in headers:
                headers.append(key)
    for extra in ("lat", "lon"):
        if extra not in headers:
            headers.append(extra)
    rows = []
    for number, feature in enumerate(features, 1):
        props = dict(feature.get("properties") or {})
        geometry = feature.get("geometry")
        if geometry:
            try:
                shape = shapely.geometry.shape(geometry)
                point = shape if shape.geom_type == "Point" else shape.representative_point()
                props["lon"], props["lat"] = point.x, point.y
                if digits is not None:
                    # Reprojected points carry floating noise; 7 decimals are a centimetre.
                    props["lon"], props["lat"] = round(point.x, digits), round(point.y, digits)
            except (ValueError, TypeError, AttributeError, IndexError):
                pass
        rows.append((str(number), [props.get(h) for h in headers]))
    return RawTable(fmt, headers, rows, decoded)


def _geojson(data: bytes, kind: str, limits: Limits) -> RawTable:
    try:
        decoded = decode(data)
        doc = json.loads(decoded.text.lstrip("\ufeff"))
    except (NotText, json.JSONDecodeError) as exc:
        raise FileProblem("unreadable", detail=str(exc)[:200]) from exc
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        doc = {"type": "FeatureCollection", "features": [doc]}
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise FileProblem("not_geojson")
    return _features_table(doc["features"], "geojson", decoded, limits)


def _gpkg(data: bytes, kind: str, limits: Limits) -> RawTable:
    import geopandas as gpd
    import shapely.geometry

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "upload.gpkg"
        path.write_bytes(data)
        try:
            frame = gpd.read_file(path)
        except Exception as exc:  # pyogrio raises its own DataSourceError family
            raise FileProblem("unreadable", detail=type(exc).__name__) from exc
    reprojected = frame.crs is not None and frame.crs.to_epsg() != 4326
    if reprojected:
        frame = frame.to_crs("EPSG:4326")
    _check_rows(len(frame), limits)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    features = [
        {
            "properties": {c: _cell(v) for c, v in zip(columns, values)},
            "geometry": shapely.geometry.mapping(geom) if geom is not None and not geom.is_empty else None,
        }
        for values, geom in zip(frame[columns].itertuples(index=False, name=None), frame.geometry)
    ]
    return _features_table(features, "gpkg", None, limits, 7 if reprojected else None)


def _cell(value):
    """A GeoPackage value as the importer's parsers take it: dates as dates, missing as None."""
    import pandas as pd

    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value

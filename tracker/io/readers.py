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

from tracker.i18n import LANGUAGES, t
from tracker.io.columns import auto_map
from tracker.io.encoding import Decoded, NotText, decode
from tracker.io.header import SCAN_ROWS, find_header
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
    header_row: int | None = None  # the header's row (line) number as the user sees it
    header_rows: int = 1  # 2 for a two-row header («Сумма» over «план / факт»)

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
    found: list[tuple[int, list]] = []
    try:
        for line_no, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
            if not any(c.strip() for c in cells):
                continue
            found.append((line_no, cells))
            _check_rows(len(found) - SCAN_ROWS, limits)
    except csv.Error as exc:
        raise FileProblem("unreadable", detail=str(exc)) from exc
    header = find_header(found, kind)
    if header is None:
        return RawTable("csv", [], [], decoded)
    rows = [(str(n), cells) for n, cells in found[header.index + header.rows :]]
    return RawTable("csv", header.names, rows, decoded, header_row=header.number, header_rows=header.rows)


def _xlsx(data: bytes, kind: str, limits: Limits) -> RawTable:
    import openpyxl

    try:
        # Values as the sheet shows them (a formula's last result), and the formulas beside them:
        # a formula that was never calculated has no shown value and is reported, never evaluated.
        shown = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileProblem("unreadable", detail=type(exc).__name__) from exc
    try:
        found = []
        lists = {t("io.template.values_sheet", lang) for lang in LANGUAGES}
        for sheet, raw in zip(shown.worksheets, formulas.worksheets):
            if sheet.title in lists:
                continue  # the template's sheet of accepted values
            rows = _sheet_rows(sheet, raw, limits)
            header = find_header(rows, kind)
            if header is not None and header.names:
                found.append((sheet.title, header, rows))
        recognised = [f for f in found if len(auto_map(f[1].names, kind)) >= 2]
        # A workbook with no sheet we recognise is shown whole so the user can map its columns.
        used = recognised or found[:1]
        skipped = [f[0] for f in found if f not in used]
        if not used:
            return RawTable("xlsx", [], [], None, skipped)
        first = used[0][1]
        headers = first.names
        table_rows: list[tuple[str, list]] = []
        for title, header, rows in used:
            positions = [headers.index(h) if h in headers else None for h in header.names]
            for row_no, values in rows[header.index + header.rows :]:
                cells: list = [None] * len(headers)
                for pos, value in zip(positions, values):
                    if pos is not None:
                        cells[pos] = value
                label = f"{title}!{row_no}" if len(used) > 1 else str(row_no)
                table_rows.append((label, cells))
                _check_rows(len(table_rows), limits)
        return RawTable("xlsx", headers, table_rows, None, skipped, header_row=first.number, header_rows=first.rows)
    finally:
        shown.close()
        formulas.close()


def _sheet_rows(sheet, raw, limits: Limits) -> list[tuple[int, list]]:
    """The non-empty rows of a sheet with their numbers; a formula without a shown value stays its text."""
    rows = []
    for row_no, (values, texts) in enumerate(
        zip(sheet.iter_rows(values_only=True), raw.iter_rows(values_only=True)), 1
    ):
        cells = [t if v is None and isinstance(t, str) and t.startswith("=") else v for v, t in zip(values, texts)]
        if any(v is not None and str(v).strip() for v in cells):
            rows.append((row_no, cells))
            _check_rows(len(rows) - SCAN_ROWS, limits)
    return rows


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

"""Objects of the live map as packed arrays: 12 bytes an object, no names, no JSON per row.

Per object: the point as two uint16 inside its district's box (steps of a few metres in the widest
districts; a clicked object's exact point and record come from the server), the money as two
half-precision floats in million tenge (0.05 % apart: enough to colour and rank districts by
budget execution), and one uint32 of bit fields (stage, sector, funding, year, overdue, below
target per category, location precision and, up to 512 districts, the district). The arrays
travel as one binary blob (raw bytes in the component's message, not base64 or JSON) with a small
JSON description; the browser filters, colours and counts on them without asking the server
again. Ids stay on the server, in the same order: a click reports a position and the server maps
it back to the object.
"""

import base64
import hashlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from tracker.analytics.progress import NOT_LATE
from tracker.domain.enums import DisabilityCategory, FundingSource, Sector, Stage

STAGES: tuple[str, ...] = tuple(s.value for s in Stage)
SECTORS: tuple[str, ...] = tuple(s.value for s in Sector)
FUNDING: tuple[str, ...] = tuple(f.value for f in FundingSource)
CATEGORIES: tuple[str, ...] = tuple(c.value for c in DisabilityCategory)
#: Where an object's point comes from; absent means exact.
PRECISIONS: tuple[str, ...] = ("exact", "settlement", "district")
#: Points are steps of 1/65535 of their district's box (the box of its objects, rounded outwards to
#: 1e-5°): a few metres even in the widest districts.
GRID = 65_535
BOX_DIGITS = 5
YEAR_BASE = 2000
YEAR_BITS = 5  # 2000-2031
#: Money travels in million tenge (1 ₸ = 100 tiyn), as IEEE half floats (largest 65,504 mln ₸).
MONEY_UNIT_TIYN = 100_000_000
# flags (the low byte of ``attrs``): bit 0 overdue, bits 1-5 below target for CATEGORIES, bits 6-7 precision.
OVERDUE_BIT = 1
PRECISION_SHIFT = 6


def _bits(size: int) -> int:
    return max(1, (size - 1).bit_length())


@dataclass(frozen=True)
class LiveLayer:
    """One packed selection: ``blob`` + ``meta`` go to the browser, ``ids`` stay here."""

    ids: np.ndarray
    blob: bytes
    meta: dict
    digest: str

    @property
    def count(self) -> int:
        return len(self.ids)

    def id_at(self, index: int) -> int | None:
        """The object at a position the browser reported, or None if there is none."""
        return int(self.ids[index]) if 0 <= index < len(self.ids) else None


def _codes(values: pd.Series, vocabulary: tuple[str, ...]) -> np.ndarray:
    lookup = {v: i for i, v in enumerate(vocabulary)}
    return values.map(lookup).fillna(0).to_numpy(dtype=np.uint8)


def _below_target(frame: pd.DataFrame) -> np.ndarray:
    bits = np.zeros(len(frame), dtype=np.uint8)
    for i, category in enumerate(CATEGORIES):
        rank = frame[f"rank_{category}"].to_numpy(dtype=np.int16)
        target = frame[f"target_{category}"].to_numpy(dtype=np.int16)
        short = (rank >= 0) & (target >= 0) & (rank > target)
        bits |= short.astype(np.uint8) << (i + 1)
    return bits


def overdue(frame: pd.DataFrame, today: date) -> np.ndarray:
    """Past the planned completion and neither done nor cancelled (as `analytics.progress.is_overdue`)."""
    planned = pd.to_datetime(frame["planned_completion"], errors="coerce")
    return ((planned < pd.Timestamp(today)) & ~frame["stage"].isin(NOT_LATE)).to_numpy(dtype=bool)


def _boxes(lon: np.ndarray, lat: np.ndarray, district: np.ndarray, count: int) -> np.ndarray:
    """Per district (lon0, lat0, lon1, lat1) around its objects, rounded outwards; zeros where it has none."""
    boxes = np.zeros((count, 4))
    if len(district):
        frame = pd.DataFrame({"d": district, "lon": lon, "lat": lat}).groupby("d")
        low, high = frame.min(), frame.max()
        scale = 10**BOX_DIGITS
        boxes[low.index, 0] = np.floor(low["lon"] * scale) / scale
        boxes[low.index, 1] = np.floor(low["lat"] * scale) / scale
        boxes[high.index, 2] = np.ceil(high["lon"] * scale) / scale + 1 / scale
        boxes[high.index, 3] = np.ceil(high["lat"] * scale) / scale + 1 / scale
    return boxes.round(BOX_DIGITS)


def _grid(values: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    return np.rint((np.clip(values, low, high) - low) / (high - low) * GRID).astype("<u2")


def _money(tiyn: pd.Series) -> np.ndarray:
    mln = np.clip(tiyn.to_numpy(dtype=float) / MONEY_UNIT_TIYN, 0, 65_504)
    return np.nan_to_num(mln).astype("<f2").view("<u2")


def _fields(district_count: int) -> list[tuple[str, int]]:
    """The bit fields of ``attrs`` from the lowest bit up; the district only while it fits."""
    fields = [
        ("flags", 8),
        ("stage", _bits(len(STAGES))),
        ("sector", _bits(len(SECTORS))),
        ("funding", _bits(len(FUNDING))),
        ("year", YEAR_BITS),
    ]
    district = _bits(district_count)
    if sum(b for _, b in fields) + district <= 32:
        fields.append(("district", district))
    return fields


def pack(frame: pd.DataFrame, district_katos: list[str], today: date) -> LiveLayer:
    """Pack a frame of `tracker.storage.map_queries.live_rows` for the browser.

    Parameters
    ----------
    frame : the live map's rows (optionally with ``location_precision``).
    district_katos : every district in the order the browser knows them (index = code).
    today : the day overdue objects are judged on.

    Returns
    -------
    LiveLayer
        Objects ordered by district, then latitude (neighbours compress well); arrays ``attrs``
        (uint32 bit fields, see ``meta["fields"]``), ``x``, ``y`` (uint16 steps of the district's
        box, ``meta["boxes"]``: four numbers a district),
        ``alloc``, ``spent`` (half floats, million ₸) and, past 512 districts, ``district`` (uint16).
    """
    index = {k: i for i, k in enumerate(district_katos)}
    work = frame.assign(_d=frame["district_kato"].map(index).fillna(0).astype(np.int64))
    work = work.sort_values(["_d", "lat", "id"], kind="stable")
    precision = (
        _codes(work["location_precision"].fillna("exact"), PRECISIONS)
        if "location_precision" in work
        else np.zeros(len(work), dtype=np.uint8)
    )
    flags = overdue(work, today).astype(np.uint8) * OVERDUE_BIT | _below_target(work) | (precision << PRECISION_SHIFT)
    values = {
        "flags": flags,
        "stage": _codes(work["stage"], STAGES),
        "sector": _codes(work["sector"], SECTORS),
        "funding": _codes(work["funding_source"], FUNDING),
        "year": np.clip(work["program_year"].to_numpy(dtype=np.int64) - YEAR_BASE, 0, 2**YEAR_BITS - 1),
        "district": work["_d"].to_numpy(),
    }
    fields, attrs, shift = [], np.zeros(len(work), dtype="<u4"), 0
    for name, bits in _fields(len(district_katos)):
        attrs |= (values[name].astype(np.uint32) & (2**bits - 1)) << shift
        fields.append({"name": name, "shift": shift, "bits": bits})
        shift += bits
    lon, lat, district = work["lon"].to_numpy(dtype=float), work["lat"].to_numpy(dtype=float), values["district"]
    boxes = _boxes(lon, lat, district, len(district_katos))
    box = boxes[district]
    columns = [
        ("attrs", attrs),
        ("x", _grid(lon, box[:, 0], box[:, 2])),
        ("y", _grid(lat, box[:, 1], box[:, 3])),
        ("alloc", _money(work["budget_allocated_tiyn"])),
        ("spent", _money(work["budget_spent_tiyn"])),
    ]
    if all(f["name"] != "district" for f in fields):
        columns.append(("district", values["district"].astype("<u2")))
    parts, described, offset = [], [], 0
    for name, array in columns:
        raw = array.tobytes()
        pad = (-offset) % array.dtype.itemsize
        parts.append(b"\0" * pad + raw)
        offset += pad
        kind = "Float16" if name in ("alloc", "spent") else _JS_TYPES[array.dtype.str]
        described.append({"name": name, "type": kind, "offset": offset})
        offset += len(raw)
    blob = b"".join(parts)
    digest = hashlib.sha1(blob).hexdigest()[:16]
    meta = {
        "n": len(work),
        "columns": described,
        "fields": fields,
        "stages": list(STAGES),
        "sectors": list(SECTORS),
        "funding": list(FUNDING),
        "categories": list(CATEGORIES),
        "boxes": boxes.ravel().tolist(),
        "grid": GRID,
        "yearBase": YEAR_BASE,
        "demo": bool(work["demo"].any()) if "demo" in work and len(work) else False,
        "digest": digest,
    }
    return LiveLayer(work["id"].to_numpy(dtype=np.int64), blob, meta, digest)


_JS_TYPES = {"<u4": "Uint32", "<u2": "Uint16"}
_NUMPY_TYPES = {"Uint32": "<u4", "Uint16": "<u2", "Float16": "<f2"}


def unpack(blob: bytes, meta: dict) -> pd.DataFrame:
    """The columns as the browser decodes them: ``lon``, ``lat`` (degrees), ``alloc``, ``spent``
    (million ₸), ``stage``, ``sector``, ``funding``, ``year``, ``district`` and ``flags``."""
    n = meta["n"]
    raw = {
        c["name"]: np.frombuffer(blob, dtype=np.dtype(_NUMPY_TYPES[c["type"]]), count=n, offset=c["offset"])
        for c in meta["columns"]
    }
    out = {"alloc": raw["alloc"].astype(float), "spent": raw["spent"].astype(float)}
    for field in meta["fields"]:
        out[field["name"]] = ((raw["attrs"] >> field["shift"]) & (2 ** field["bits"] - 1)).astype(np.int64)
    if "district" in raw:
        out["district"] = raw["district"].astype(np.int64)
    box = np.asarray(meta["boxes"], dtype=float).reshape(-1, 4)[out["district"]]
    out["lon"] = box[:, 0] + raw["x"] / meta["grid"] * (box[:, 2] - box[:, 0])
    out["lat"] = box[:, 1] + raw["y"] / meta["grid"] * (box[:, 3] - box[:, 1])
    return pd.DataFrame(out)


def as_base64(layer: LiveLayer) -> str:
    """The blob as base64 text, for a standalone HTML file."""
    return base64.b64encode(layer.blob).decode("ascii")

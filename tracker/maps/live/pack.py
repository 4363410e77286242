"""Objects of the live map as typed arrays: about 14 bytes an object, no names, no JSON per row.

Columns travel as one binary blob (little-endian, 4-byte arrays first so every array can be a
view on it without a copy) with a small JSON description; the browser filters, colours and
counts on these arrays without asking the server again. Ids stay on the server, in the same
order: a click reports a position and the server maps it back to the object.
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
COORD_SCALE = 100_000  # 1e-5 degree, about a metre
YEAR_BASE = 2000
#: Money travels in thousands of tenge (1 ₸ = 100 tiyn).
MONEY_UNIT_TIYN = 100_000
# flags: bit 0 overdue, bits 1-5 below target for CATEGORIES, bits 6-7 precision.
OVERDUE_BIT = 1
PRECISION_SHIFT = 6


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
        Objects ordered by district, then latitude (neighbours compress well); columns
        ``x``, ``y`` (int32, 1e-5°), ``alloc``, ``spent`` (uint32, thousand ₸), ``stage``,
        ``sector``, ``funding``, ``year`` (years since 2000), ``flags`` (uint8) and
        ``district`` (uint8, or uint16 past 255 districts).
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
    district_type = np.uint8 if len(district_katos) <= 256 else np.uint16
    columns = [
        ("x", np.rint(work["lon"].to_numpy(dtype=float) * COORD_SCALE).astype("<i4")),
        ("y", np.rint(work["lat"].to_numpy(dtype=float) * COORD_SCALE).astype("<i4")),
        ("alloc", np.rint(work["budget_allocated_tiyn"].to_numpy(dtype=float) / MONEY_UNIT_TIYN).astype("<u4")),
        ("spent", np.rint(work["budget_spent_tiyn"].to_numpy(dtype=float) / MONEY_UNIT_TIYN).astype("<u4")),
        ("district", work["_d"].to_numpy().astype(district_type).astype(np.dtype(district_type).newbyteorder("<"))),
        ("stage", _codes(work["stage"], STAGES)),
        ("sector", _codes(work["sector"], SECTORS)),
        ("funding", _codes(work["funding_source"], FUNDING)),
        ("year", np.clip(work["program_year"].to_numpy(dtype=np.int64) - YEAR_BASE, 0, 255).astype(np.uint8)),
        ("flags", flags.astype(np.uint8)),
    ]
    parts, described, offset = [], [], 0
    for name, array in columns:
        raw = array.tobytes()
        pad = (-offset) % 4
        parts.append(b"\0" * pad + raw)
        offset += pad
        described.append({"name": name, "type": _JS_TYPES[array.dtype.str], "offset": offset})
        offset += len(raw)
    blob = b"".join(parts)
    digest = hashlib.sha1(blob).hexdigest()[:16]
    meta = {
        "n": len(work),
        "columns": described,
        "stages": list(STAGES),
        "sectors": list(SECTORS),
        "funding": list(FUNDING),
        "categories": list(CATEGORIES),
        "coordScale": COORD_SCALE,
        "yearBase": YEAR_BASE,
        "demo": bool(work["demo"].any()) if "demo" in work and len(work) else False,
        "digest": digest,
    }
    return LiveLayer(work["id"].to_numpy(dtype=np.int64), blob, meta, digest)


_JS_TYPES = {"<i4": "Int32", "<u4": "Uint32", "|u1": "Uint8", "<u2": "Uint16"}


def unpack(blob: bytes, meta: dict) -> pd.DataFrame:
    """The columns back from a blob (as the browser reads them): for tests and checks."""
    n = meta["n"]
    dtypes = {v: k for k, v in _JS_TYPES.items()}
    out = {}
    for column in meta["columns"]:
        dtype = np.dtype(dtypes[column["type"]])
        out[column["name"]] = np.frombuffer(blob, dtype=dtype, count=n, offset=column["offset"])
    return pd.DataFrame(out)


def as_base64(layer: LiveLayer) -> str:
    """The blob as base64 text, for a standalone HTML file."""
    return base64.b64encode(layer.blob).decode("ascii")

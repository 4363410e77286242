"""The live map's rows kept in memory per process, brought up to date by reading only what changed.

A save moves the global data version; instead of reading 50,000 objects again, the store asks
for the objects written since its last read (``updated_at`` after the newest it has seen) and
merges them in; the count of live objects and the sum of their versions then tell whether a
transaction that committed out of order was missed, in which case it reads everything again. Packing the merged
rows again is vectorised (milliseconds), so the first viewer after a save waits for one small
query, not for the whole register.
"""

import threading
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from tracker.io.live_map import LiveLayer, pack
from tracker.storage.database import Database
from tracker.storage.map_queries import live_rows, live_totals

_CATEGORICAL = ("stage", "sector", "funding_source", "district_kato")


def _narrow(frame: pd.DataFrame) -> pd.DataFrame:
    """Small dtypes: strings as categories, ranks as int8 (about 60 bytes an object)."""
    out = frame.drop(columns=["deleted"]).set_index(frame["id"].rename(None))
    for name in _CATEGORICAL:
        out[name] = out[name].astype("category")
    for name in out.columns:
        if name.startswith(("rank_", "target_")):
            out[name] = out[name].astype("int8")
    return out


@dataclass
class LiveStore:
    """Rows of one database, the version they reflect, and the layer packed from them."""

    db: Database
    district_katos: list[str]
    rows: pd.DataFrame | None = None
    version: int | None = None
    seen: datetime | None = None
    reads: list[str] = field(default_factory=list)  # "full" / "delta:<n>", for the bench and tests
    _layer: tuple[tuple[int, date], LiveLayer] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def layer(self, version: int, today: date) -> LiveLayer:
        """The packed layer for data ``version`` (read fully once, then by changes only)."""
        with self._lock:
            if self.rows is None:
                self._read_all()
            elif version != self.version:
                self._read_changes()
            self.version = version
            key = (version, today)
            if self._layer is None or self._layer[0] != key:
                self._layer = (key, pack(self.rows, self.district_katos, today))
            return self._layer[1]

    def _read_all(self) -> None:
        with self.db.read() as store:
            frame = live_rows(store.conn)
        self.rows = _narrow(frame)
        self.seen = _newest(frame)
        self.reads.append("full")

    def _read_changes(self) -> None:
        """Merge what changed; if the totals then disagree (a transaction that committed long
        after it wrote), read everything again."""
        if self.seen is None:
            self._read_all()
            return
        with self.db.read() as store:
            changed = live_rows(store.conn, since=self.seen)
            totals = live_totals(store.conn)
        self.reads.append(f"delta:{len(changed)}")
        if not changed.empty:
            self._merge(changed)
        if totals != (len(self.rows), int(self.rows["version"].sum())):
            self._read_all()

    def _merge(self, changed: pd.DataFrame) -> None:
        gone = set(changed.loc[changed["deleted"], "id"])
        fresh = _narrow(changed[~changed["deleted"]])
        rows = self.rows[~self.rows.index.isin(gone | set(fresh.index))]
        plain = {name: str for name in _CATEGORICAL}
        merged = pd.concat([rows.astype(plain), fresh.astype(plain)])
        for name in _CATEGORICAL:
            merged[name] = merged[name].astype("category")
        self.rows = merged
        newest = _newest(changed)
        self.seen = max(self.seen, newest) if self.seen and newest else (newest or self.seen)

    def memory_bytes(self) -> int:
        """What this store holds in memory: its rows and its packed layer."""
        rows = int(self.rows.memory_usage(deep=True).sum()) if self.rows is not None else 0
        packed = len(self._layer[1].blob) + self._layer[1].ids.nbytes if self._layer else 0
        return rows + packed


def _newest(frame: pd.DataFrame) -> datetime | None:
    if frame.empty:
        return None
    value = pd.to_datetime(frame["updated_at"]).max()
    return None if pd.isna(value) else value.to_pydatetime()

"""Cached reads for pages, keyed on the data version so every write shows at once.

Pages read the register only through this module (and ``context`` for the database and the
actor); ``tests/unit/test_layering.py`` holds them to it.
"""

import pandas as pd
import streamlit as st

from tracker.services import history_view
from tracker.services.history_view import FacilityRecord
from tracker.storage.database import Database
from tracker.storage.mapping import flatten  # noqa: F401  (field paths as the history names them, for pages)
from tracker.storage.queries import (  # FacilityFilter: the filter pages build, said here for them
    FacilityFilter,
    districts_frame,
    facilities_frame,
    invataxi_frame,
    rehab_frame,
)
from tracker.storage.repository import Stored
from tracker.ui import context


@st.cache_data(show_spinner=False, max_entries=16)
def _facilities(version: int, flt: FacilityFilter, _db: Database) -> pd.DataFrame:
    with _db.read() as store:
        return facilities_frame(store.conn, flt)


@st.cache_data(show_spinner=False, max_entries=4)
def _districts(version: int, _db: Database) -> pd.DataFrame:
    with _db.read() as store:
        return districts_frame(store.conn)


def facilities(flt: FacilityFilter = FacilityFilter()) -> pd.DataFrame:
    return _facilities(context.data_version(), flt, context.database())


def districts() -> pd.DataFrame:
    return _districts(context.data_version(), context.database())


# --- dashboards: one object's record, progress, rehab centres, Invataxi -------------------


@st.cache_data(show_spinner=False, max_entries=64)
def _facility_record(version: int, facility_id: int, _db: Database) -> FacilityRecord | None:
    with _db.read() as store:
        return history_view.facility_record(store, facility_id)


@st.cache_data(show_spinner=False, max_entries=16)
def _progress(version: int, flt: FacilityFilter, _db: Database) -> pd.DataFrame:
    with _db.read() as store:
        return history_view.progress_frame(store.conn, flt)


@st.cache_data(show_spinner=False, max_entries=4)
def _rehab(version: int, _db: Database) -> pd.DataFrame:
    with _db.read() as store:
        return rehab_frame(store.conn)


@st.cache_data(show_spinner=False, max_entries=4)
def _invataxi(version: int, _db: Database) -> pd.DataFrame:
    with _db.read() as store:
        return invataxi_frame(store.conn)


def facility_record(facility_id: int) -> FacilityRecord | None:
    """One live object with its district and history, or None."""
    return _facility_record(context.data_version(), facility_id, context.database())


def progress(flt: FacilityFilter = FacilityFilter()) -> pd.DataFrame:
    """Objects of the filter with their stage dates, plan and money (no JSON columns: fast at scale)."""
    return _progress(context.data_version(), flt, context.database())


def rehab_centres() -> pd.DataFrame:
    return _rehab(context.data_version(), context.database())


def invataxi_reports() -> pd.DataFrame:
    return _invataxi(context.data_version(), context.database())


@st.cache_data(show_spinner=False, max_entries=4)
def _register(version: int, _db: Database) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    with _db.read() as store:
        conn = store.conn
        return districts_frame(conn), facilities_frame(conn), rehab_frame(conn), invataxi_frame(conn)


def register_frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Districts, objects, rehabilitation centres and Invataxi reports, read together in one go."""
    return _register(context.data_version(), context.database())


@st.cache_data(show_spinner=False, max_entries=16)
def _stored_facility(version: int, facility_id: int, _db: Database) -> tuple[Stored | None, Stored | None]:
    with _db.read() as store:
        stored = store.facilities.get(facility_id)
        return stored, store.districts.get(stored.model.district_kato) if stored else None


def stored_facility(facility_id: int) -> tuple[Stored | None, Stored | None]:
    """The object as stored (with its version, for the edit form) and its district, or Nones."""
    return _stored_facility(context.data_version(), facility_id, context.database())

"""Cached reads for pages, keyed on the data version so every write shows at once."""

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from tracker.storage.queries import FacilityFilter, districts_frame, facilities_frame
from tracker.storage.unit_of_work import reading
from tracker.ui import context


@st.cache_data(show_spinner=False, max_entries=16)
def _facilities(version: int, flt: FacilityFilter, _engine: Engine) -> pd.DataFrame:
    with reading(_engine) as store:
        return facilities_frame(store.conn, flt)


@st.cache_data(show_spinner=False, max_entries=4)
def _districts(version: int, _engine: Engine) -> pd.DataFrame:
    with reading(_engine) as store:
        return districts_frame(store.conn)


def facilities(flt: FacilityFilter = FacilityFilter()) -> pd.DataFrame:
    return _facilities(context.data_version(), flt, context.engine())


def districts() -> pd.DataFrame:
    return _districts(context.data_version(), context.engine())

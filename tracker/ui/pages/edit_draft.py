"""The edit form's draft: what was typed survives a reload until it is saved or discarded."""

import streamlit as st

from tracker.domain import Facility
from tracker.domain.enums import DisabilityCategory, FundingSource, Measure, PassportState, Stage
from tracker.i18n import t
from tracker.ui import drafts

FORM = "edit"
RESTORED_KEY = "edit_draft_restored"
DECODERS = {
    "stage": Stage,
    "stage_date": drafts.as_date,
    "planned": drafts.as_date,
    "actual": drafts.as_date,
    "contractor": str,
    "comment": str,
    "budget_": lambda v: None if v is None else float(v),  # an emptied amount stays unknown
    "funding": FundingSource,
    "overrun": bool,
    "pp_": lambda v: PassportState(v) if v else None,
    "measures": lambda v: [Measure(m) for m in v],
    "done": lambda v: [Measure(m) for m in v],
}


def restore(fid: int) -> dict | None:
    """The version a draft was typed on, with its values put back into the form's widgets.

    The form then opens over that version, so a save still meets a change someone else made
    meanwhile as a conflict instead of overwriting it.
    """
    draft = drafts.load(FORM, str(fid))
    if not draft or not isinstance(draft.get("version"), int) or not isinstance(draft.get("model"), dict):
        return None
    drafts.restore(FORM, str(fid), f"edit_{fid}_{draft['version']}", DECODERS, draft.get("values") or {})
    st.session_state[RESTORED_KEY] = fid
    return {"version": draft["version"], "model": draft["model"]}


def notice(fid: int, lang: str) -> None:
    """Say once that the form shows a restored draft, not the stored record."""
    if st.session_state.get(RESTORED_KEY) == fid:
        del st.session_state[RESTORED_KEY]
        st.info(t("editing.draft_restored", lang), icon=":material/edit_note:")


def _opened(model: Facility) -> dict:
    """Each widget's value as the form opens it."""
    opened = {
        "stage": model.stage,
        "stage_date": None,
        "contractor": model.contractor or "",
        "planned": model.planned_completion,
        "actual": model.actual_completion,
        "funding": model.budget.funding_source,
        "overrun": model.budget.overrun,
        "measures": model.measures,
        "done": model.measures_done,
        "comment": "",
    }
    kinds = ("planned", "allocated", "contracted", "spent")
    opened |= {f"budget_{k}": _amount(getattr(model.budget, k)) for k in kinds}
    for category in DisabilityCategory:
        entry = model.passport.get(category)
        opened[f"pp_{category.value}_current"] = entry.current if entry else None
        opened[f"pp_{category.value}_target"] = entry.target if entry else None
    return opened


def remember(fid: int, key: str, seen: dict, model: Facility) -> None:
    opened = _opened(model)
    drafts.remember(FORM, str(fid), key, list(opened), opened, {"version": seen["version"], "model": seen["model"]})


def discard(fid: int) -> None:
    drafts.discard(FORM, str(fid))


def reset(fid: int, key: str, model: Facility) -> None:
    """Forget the draft and put the opened record's values back into the widgets (runs before them)."""
    drafts.discard(FORM, str(fid))
    for field, value in _opened(model).items():
        st.session_state[f"{key}_{field}"] = value


def _amount(value) -> float | None:
    return None if value is None else float(value)

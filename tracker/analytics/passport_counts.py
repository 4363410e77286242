"""Counting objects as the ministry counts them: adapted means fully accessible (ДП), never ДЧ/ДУ.

The Ministry of Labour and Social Protection reports objects *fully* adapted, i.e. accessible
for all categories of people with disabilities (Kazinform, 05.12.2025: «по стране полностью
адаптировано 24 216 объектов … для всех категорий лиц с инвалидностью доступны»). Partly or
conditionally accessible objects are not adapted: they are counted beside, never added.

Per object, from the per-category summary columns ``passport_<category>`` (plain columns of
``tracker.services.history_view.progress_frame``; no JSON decoded), by the rule in
``tracker.domain.passport.object_class``:

``full``          ДП for all five categories (conclusion ДП-В) — *adapted*
``partly``        assessed for at least one category, not ДП-В and not all ВНД: partly or
                  conditionally accessible, or accessible for some categories only
``not_accessible`` every assessed category ВНД (temporarily not accessible)
``not_assessed``  no category assessed
"""

from dataclasses import dataclass

import pandas as pd

from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.passport import OBJECT_CLASSES, object_class

CATEGORIES = tuple(c.value for c in DisabilityCategory)
COLUMNS = tuple(f"passport_{c}" for c in CATEGORIES)
FULL = PassportState.FULL.value
PARTLY = (PassportState.PARTIAL.value, PassportState.CONDITIONAL.value)
NONE = PassportState.NONE.value
CLASSES = OBJECT_CLASSES
SOURCE = "Kazinform, 05.12.2025 (Ministry of Labour and Social Protection): objects fully adapted"
SOURCE_URL = (
    "https://www.inform.kz/ru/bolee-1500-obektov-adaptirovali-lits-s-invalidnostyu-v-kizilordinskoy-oblasti-228cb2"
)


def object_classes(frame: pd.DataFrame) -> pd.Series:
    """One of ``CLASSES`` per object, from its ``passport_<category>`` columns."""
    if frame.empty:
        return pd.Series([], index=frame.index, dtype=object)
    states = frame[list(COLUMNS)].astype(object).where(frame[list(COLUMNS)].notna(), None)
    return pd.Series([object_class(row) for row in states.itertuples(index=False)], index=frame.index, dtype=object)


@dataclass(frozen=True)
class PassportCounts:
    """Objects per class (``full`` is the ministry's *adapted*), and per category ДП / ДЧ+ДУ / ВНД."""

    objects: int
    full: int
    partly: int
    not_accessible: int
    not_assessed: int
    by_category: pd.DataFrame  # category, assessed, full, partly, not_accessible

    @property
    def assessed(self) -> int:
        return self.objects - self.not_assessed

    def share(self, kind: str) -> float | None:
        """``kind``'s share of the assessed objects (``None`` when none is assessed)."""
        return getattr(self, kind) / self.assessed if self.assessed else None


def passport_counts(frame: pd.DataFrame) -> PassportCounts:
    """Count the objects of ``frame`` (a progress frame with the ``passport_<category>`` columns)."""
    classes = object_classes(frame).value_counts()
    rows = []
    for category, column in zip(CATEGORIES, COLUMNS):
        states = frame[column] if column in frame else pd.Series([], dtype=object)
        rows.append(
            {
                "category": category,
                "assessed": int(states.notna().sum()),
                "full": int((states == FULL).sum()),
                "partly": int(states.isin(PARTLY).sum()),
                "not_accessible": int((states == NONE).sum()),
            }
        )
    return PassportCounts(
        objects=len(frame),
        **{kind: int(classes.get(kind, 0)) for kind in CLASSES},
        by_category=pd.DataFrame(rows),
    )

"""Demo monitoring visits: an invented NGO checks some of the objects reported done.

Pure and deterministic. About one in eight completed or accepted objects gets one visit a few
weeks to months after its completion; for each category the monitor mostly finds what was
claimed (the passport's target, or its current state where that is better), and sometimes one
step worse — so the "claimed vs verified" page has something
to show. Each visit is flagged demo, and the organisation's name says so too.
"""

import random
from collections.abc import Sequence
from datetime import date, timedelta

from tracker.demo.generator import DEMO_AS_OF
from tracker.domain.enums import DisabilityCategory, PassportState, Stage
from tracker.domain.facility import Facility
from tracker.domain.visit import Visit, Zone

DEMO_ORGANISATION = "«Қолжетімді орта» ҚБ (демо)"
DEMO_COMMENT = "Демо мониторингтік тексеру / демо-проверка"
VISITED_SHARE = 0.125
WORSE_CHANCE = 0.08
_WORSE = {
    PassportState.FULL: PassportState.PARTIAL,
    PassportState.PARTIAL: PassportState.CONDITIONAL,
    PassportState.CONDITIONAL: PassportState.NONE,
    PassportState.NONE: PassportState.NONE,
}
_RANK = list(PassportState)  # best first
_NOTES = {
    Zone.ENTRANCE: "Пандус еңісі тік / уклон пандуса крутой",
    Zone.SANITARY: "Дәретхана есігі тар / дверь санузла узкая",
    Zone.INFORMATION: "Брайль белгілері жоқ / нет табличек Брайля",
}


def demo_visits(objects: Sequence[tuple[int, Facility]], seed: int = 2021, as_of: date = DEMO_AS_OF) -> list[Visit]:
    """One visit for a deterministic share of the objects ``(id, facility)`` reported done by ``as_of``."""
    rng = random.Random(seed)
    out: list[Visit] = []
    for facility_id, f in sorted(objects, key=lambda pair: pair[0]):
        done = f.actual_completion
        if f.stage not in (Stage.COMPLETED, Stage.ACCEPTED) or done is None or done >= as_of:
            continue
        if rng.random() >= VISITED_SHARE:
            continue
        visited_on = done + timedelta(days=rng.randint(20, 240))
        if visited_on > as_of:  # done lately: some day between completion and the demo's date
            visited_on = done + timedelta(days=rng.randint(1, (as_of - done).days))
        findings: dict[DisabilityCategory, PassportState] = {}
        notes: dict[Zone, str] = {}
        for category in DisabilityCategory:
            entry = f.passport.get(category)
            claimed = [s for s in (entry.current, entry.target) if s] if entry else []
            state = min(claimed, key=_RANK.index) if claimed else PassportState.PARTIAL
            if rng.random() < WORSE_CHANCE:
                state = _WORSE[state]
                zone = rng.choice(list(_NOTES))
                notes[zone] = _NOTES[zone]
            findings[category] = state
        out.append(
            Visit(
                facility_id=facility_id,
                visited_on=visited_on,
                organisation=DEMO_ORGANISATION,
                findings=findings,
                zone_notes=notes,
                comment=DEMO_COMMENT,
                demo=True,
            )
        )
    return out

"""Imports read a passport conclusion as people type it; exports carry the conclusion and every zone × category."""

import csv
import io

import geopandas as gpd
import pytest

from tests import factories
from tests.support.memory import memory_copy
from tests.unit.io import io_corpus as corpus
from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.passport import Zone
from tracker.services import exports
from tracker.services.actor import SYSTEM
from tracker.services.boundaries import BoundarySet
from tracker.services.imports import apply_import, plan_import
from tracker.storage.tables import facilities

NO_BOUNDARIES = BoundarySet(
    gpd.GeoDataFrame({"kato": []}, geometry=[], crs="EPSG:4326"), approximate=True, source="none"
)


def _with_conclusions(*conclusions: str) -> bytes:
    header = [*corpus.RU_HEADER, "Заключение о доступности"]
    rows = [[*row, text] for row, text in zip(corpus.RU_ROWS, conclusions)]
    return corpus.csv_bytes(header, rows)


def test_an_akimat_file_with_typed_conclusions_fills_the_passport(memory_db):
    data = _with_conclusions("ДЧ-И (К, О)", "DP-V", " вна ")
    plan = plan_import(memory_db, SYSTEM, "talgar.csv", data, "objects", boundaries=NO_BOUNDARIES)
    bad = [(p.row, p.value, p.code) for p in plan.problems]
    assert bad == [("4", " вна ", "bad_conclusion")]  # a typo is refused with the example, not guessed

    data = _with_conclusions("ДЧ-И (К, О)", "DP-V", "ВНД")
    plan = plan_import(memory_db, SYSTEM, "talgar.csv", data, "objects", boundaries=NO_BOUNDARIES)
    assert plan.ok, [(p.row, p.value, p.code) for p in plan.problems]
    apply_import(memory_db, SYSTEM, plan)
    with memory_db.read() as store:
        found = {s.model.external_id: s.model for s in store.facilities.all()}
    t1 = found["T-1"].passport
    assert t1[DisabilityCategory.WHEELCHAIR].current is PassportState.PARTIAL
    assert DisabilityCategory.VISION not in t1
    assert found["T-1"].conclusion == "ДЧ-И (К, О)"
    assert found["T-2"].conclusion == "ДП-В"
    assert found["T-3"].conclusion == "ВНД"


@pytest.fixture
def second_db(memory_template):
    other = memory_copy(memory_template)
    yield other
    other.dispose()


@pytest.mark.parametrize(
    ("lang", "conclusion", "entrance_k"),
    [
        ("en", "passport_conclusion", "zone:entrance:wheelchair"),
        ("ru", "Заключение паспорта", "Паспорт, Вход (К): сейчас"),
        ("kk", "Паспорт қорытындысы", "Паспорт, Кіреберіс (К): қазір"),
    ],
)
def test_the_export_has_the_conclusion_and_every_zone_and_reads_back(
    memory_db, second_db, lang, conclusion, entrance_k
):
    zones = {
        "entrance": {"states": {"wheelchair": {"current": "VND", "target": "DP"}}},
        "sanitary": {"states": {"vision": {"current": "DU", "target": "DCH"}}},
    }
    with memory_db.write() as uow:
        uow.facilities.add(factories.facility(external_id="Z-1", passport_zones=zones), "setup")
        uow.commit()
    out = exports.export_table(memory_db, "objects", "csv", lang)
    header, row = list(csv.reader(io.StringIO(out.data.decode("utf-8-sig"))))[:2]
    cells = dict(zip(header, row))
    assert cells[conclusion] == "ДУ-И (С), ВНД (К, О, Г, У)"
    assert cells[entrance_k].startswith("ВНД")
    assert len(set(header)) == len(header)  # 7 zones × 5 categories × now/target, all named apart

    plan = plan_import(second_db, SYSTEM, out.filename, out.data, "objects", boundaries=NO_BOUNDARIES)
    assert plan.ok, [(p.row, p.column, p.code) for p in plan.problems[:5]]
    apply_import(second_db, SYSTEM, plan)
    with second_db.read() as store:
        back = store.facilities.all(facilities.c.external_id == "Z-1")[0].model
    assert back.passport_zones[Zone.SANITARY].states[DisabilityCategory.VISION].target is PassportState.PARTIAL
    assert set(back.passport_zones) == {Zone.ENTRANCE, Zone.SANITARY}
    assert back.conclusion == "ДУ-И (С), ВНД (К, О, Г, У)"


def test_the_district_report_counts_adapted_apart_from_partly_accessible(memory_db):
    everyone = {c.value: {"current": "DP", "target": "DP"} for c in DisabilityCategory}
    partly = everyone | {"wheelchair": {"current": "DCH", "target": "DP"}}
    with memory_db.write() as uow:
        uow.facilities.add(factories.facility(external_id="R-1", passport=everyone), "setup")
        uow.facilities.add(factories.facility(external_id="R-2", passport=partly), "setup")
        uow.facilities.add(factories.facility(external_id="R-3"), "setup")  # ВНД for all
        uow.commit()
    html = exports.export_report(memory_db, factories.TALDYKORGAN, "html", "ru").data.decode()
    assert "Адаптировано (ДП-В)" in html and "Доступно частично (ДЧ, ДУ)" in html
    assert "1 · 33\u00a0%" in html  # one adapted of three, and one partly accessible beside — not 2 · 67 %
    assert "Kazinform от 05.12.2025" in html
    assert "ДП-И (О, С, Г, У), ДЧ-И (К)" in html and "<td>ВНД</td>" in html

    out = exports.export_districts(memory_db, "csv", "en", exports.Scope(district=factories.TALDYKORGAN))
    [row] = [r for r in csv.DictReader(io.StringIO(out.data.decode("utf-8-sig"))) if r["objects"] == "3"]
    assert (row["adapted_full"], row["partly_accessible"]) == ("1", "1")

"""A row without coordinates whose address names a town of ``geodata/settlements.csv`` outside
Almaty and Zhetysu oblasts lands at that town, «settlement» precision, in kk and ru lists."""

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.support import akimat
from tracker.services.actor import SYSTEM
from tracker.services.imports import apply_import, plan_import
from tracker.services.setup import initialise
from tracker.storage.tables import facilities

SETTLEMENTS = {r["id"]: r for r in csv.DictReader((Path(__file__).parents[2] / "geodata/settlements.csv").open())}
AYAGOZ, KALBATAU = SETTLEMENTS["G1525988"], SETTLEMENTS["G1524245"]  # GeoNames places, Abay oblast


@pytest.fixture
def register(db):
    initialise(db)
    return db


def _where(db) -> dict[str, tuple]:
    cols = (facilities.c.name_ru, facilities.c.name_kk, facilities.c.district_kato, facilities.c.lat, facilities.c.lon)
    with db.engine.connect() as conn:
        rows = conn.execute(select(*cols, facilities.c.location_precision)).all()
    return {ru or kk: (kato, round(lat, 4), round(lon, 4), precision) for ru, kk, kato, lat, lon, precision in rows}


def test_a_russian_row_in_a_town_of_the_file_lands_at_the_town(register):
    row = akimat.ru_row(1, "СОШ № 3", "г. Аягоз, ул. Абая, 1", "Аягозский район", None, "Образование", "2025",
                        "100", None, "МБ", "ПСД", "доступно", "пандус", None, None)  # fmt: skip
    plan = plan_import(
        register, SYSTEM, "ayagoz.xlsx", akimat.workbook("Перечень", akimat.RU_TOP, akimat.RU_SUB, [row]), "objects"
    )
    assert plan.ok, [(p.row, p.code) for p in plan.errors]
    apply_import(register, SYSTEM, plan)
    lat, lon = float(AYAGOZ["lat"]), float(AYAGOZ["lon"])
    assert _where(register) == {"СОШ № 3": (AYAGOZ["district_kato"], lat, lon, "settlement")}


def test_a_kazakh_row_in_a_village_of_the_file_lands_at_the_village(register):
    rows = [
        akimat.section("Жарма ауданы", len(akimat.KK_TOP)),
        [1, "Қалбатау мектебі", "Қалбатау а., Абай к-сі, 3", None, "Білім беру", "2025", "500", "ЖБ", "ЖСҚ",
         "ішінара қолжетімді", None, None],
    ]  # fmt: skip
    content = akimat.workbook("Нысандар тізбесі", akimat.KK_TOP, None, rows, numbers=False)
    plan = plan_import(register, SYSTEM, "zharma.xlsx", content, "objects")
    assert plan.ok, [(p.row, p.code) for p in plan.errors]
    apply_import(register, SYSTEM, plan)
    lat, lon = float(KALBATAU["lat"]), float(KALBATAU["lon"])
    assert _where(register) == {"Қалбатау мектебі": (KALBATAU["district_kato"], lat, lon, "settlement")}

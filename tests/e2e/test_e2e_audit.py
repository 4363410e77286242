"""A site audit on a phone (390×844): one zone per step, a draft that survives a reload, the
verdict with reasons, and the object among the discrepancies when its official state is better."""

import os
from datetime import date
from pathlib import Path

import pytest

from tests import factories
from tests.support.browser import after, new_page, open_url, reload, sign_in
from tests.support.streamlit_server import StreamlitServer, demo_database
from tracker.services.actor import SYSTEM
from tracker.services.facilities import create_facility
from tracker.services.users import add_user

PASSWORD = "Audit-secret-2025"
NAME = "Аудит тексеретін №7 мектеп"
SHOTS = os.environ.get("TRACKER_AUDIT_SHOTS")  # a folder to keep the step screenshots in, when set


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir, db = demo_database(tmp_path_factory, "audit")
    add_user(
        db,
        SYSTEM,
        {"username": "aigerim", "display_name": "Айгерім", "role": "monitor", "organisation": "«Тең қоғам» ҚБ"},
        PASSWORD,
    )
    zones = {"entrance": {"states": {c: {"current": "DP", "target": "DP"} for c in ("wheelchair", "vision")}}}
    official = factories.facility(
        external_id="AUDIT-7",
        name_kk=NAME,
        name_ru="Школа №7 (обследование)",
        passport_zones=zones,
        stage="completed",
        actual_completion=date(2025, 4, 1),
    )
    create_facility(db, SYSTEM, official)
    server = StreamlitServer(data_dir)
    yield server
    server.stop()
    db.dispose()


def shot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def main(page):
    return page.locator('[data-testid="stMain"]')


def discrepancies_found(page, site) -> int:
    """The page's count of objects a visit found short of what is claimed."""
    open_url(page, f"{site.url}/claimed-vs-verified")
    metric = main(page).locator('[data-testid="stMetric"]', has_text="Сәйкессіздік")
    metric.wait_for()
    return int(metric.locator('[data-testid="stMetricValue"]').inner_text().replace("\u00a0", "").strip())


@pytest.mark.browser
def test_an_audit_walked_on_a_phone_resumes_after_a_reload_and_shows_the_verdict(site, browser):
    page = new_page(browser, locale="kk-KZ")
    sign_in(page, site, "aigerim", PASSWORD)
    page.set_viewport_size({"width": 390, "height": 844})
    before = discrepancies_found(page, site)
    open_url(page, f"{site.url}/audit")
    main(page).get_by_label("Нысанды табу").fill("Аудит тексеретін")
    after(page, lambda: main(page).get_by_label("Нысанды табу").press("Enter"))
    main(page).get_by_text("8 қадамның 1-і").wait_for()
    shot(page, "kk_1_territory")
    after(page, main(page).get_by_role("button", name="Сақтау және әрі қарай").click)
    main(page).get_by_text("8 қадамның 2-і").wait_for()
    # the entrance: a 0.7 m door (ВНД for К), tactile indicators present
    main(page).get_by_label("Кіре берістегі есіктің таза ені, м").fill("0.7")
    after(page, lambda: main(page).get_by_label("Кіре берістегі есіктің таза ені, м").press("Enter"))
    shot(page, "kk_2_entrance")
    after(page, main(page).get_by_role("button", name="Сақтау және әрі қарай").click)
    main(page).get_by_text("8 қадамның 3-і").wait_for()

    reload(page)
    main(page).get_by_label("Нысанды табу").fill("Аудит тексеретін")
    after(page, lambda: main(page).get_by_label("Нысанды табу").press("Enter"))
    main(page).get_by_text("8 қадамның 3-і").wait_for()  # resumed where it was left
    for step in range(3, 8):
        after(page, main(page).get_by_role("button", name="Сақтау және әрі қарай").click)
        main(page).get_by_text(f"8 қадамның {step + 1}-і").wait_for()
    main(page).get_by_text("Қорытынды: ВНД (К)").wait_for()
    assert main(page).get_by_text("4.3.2.14-тармақ").count() >= 1
    shot(page, "kk_8_verdict")
    after(page, main(page).get_by_role("button", name="Тексеруді жіберу").click)
    main(page).get_by_text("Тексеру мониторингтік сапар ретінде сақталды").wait_for()

    # the official passport says ДП for К; the audit found ВНД: one more discrepancy
    assert discrepancies_found(page, site) == before + 1
    shot(page, "kk_9_discrepancies")

    # the same steps in Russian: a 0.85 m door is ДЧ for К, with the clause in the reason
    open_url(page, f"{site.url}/audit?lang=ru")
    main(page).get_by_label("Найти объект").fill("обследование")
    after(page, lambda: main(page).get_by_label("Найти объект").press("Enter"))
    shot(page, "ru_1_territory")
    after(page, main(page).get_by_role("button", name="Сохранить и дальше").click)
    main(page).get_by_label("Ширина входной двери в свету, м").fill("0.85")
    after(page, lambda: main(page).get_by_label("Ширина входной двери в свету, м").press("Enter"))
    shot(page, "ru_2_entrance")
    for step in range(2, 8):
        after(page, main(page).get_by_role("button", name="Сохранить и дальше").click)
        main(page).get_by_text(f"Шаг {step + 1} из 8").wait_for()
    main(page).get_by_text("Заключение: ДЧ-И (К)").wait_for()
    assert main(page).get_by_text("на 0,05\u00a0м меньше минимума 0,9\u00a0м").count() == 1
    shot(page, "ru_8_verdict")
    assert page.errors == []
    page.context.close()

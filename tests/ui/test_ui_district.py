"""The district page (``/district?kato=``) against the demo database it reads."""

import pytest
from sqlalchemy import func, select

from tests.support.apptest import open_page
from tracker.storage.tables import districts, facilities, invataxi_reports, rehab_centers

TALDYKORGAN, TEKELI = "331000000", "331800000"
NBSP = "\u00a0"


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _frame(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _count(engine, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(
            select(func.count()).select_from(facilities).where(facilities.c.deleted_at.is_(None), *where)
        ).scalar_one()


def test_taldykorgan_shows_its_objects_as_many_as_the_database_holds(app, demo_engine):
    at = open_page(app, "district", kato=TALDYKORGAN)
    assert not at.exception
    expected = _count(demo_engine, facilities.c.district_kato == TALDYKORGAN)
    assert expected > 0
    assert at.title[0].value == "Талдықорған"
    assert _metric(at, "Нысандар") == str(expected)
    assert len(_frame(at, "Атауы")) == expected
    done = _count(
        demo_engine, facilities.c.district_kato == TALDYKORGAN, facilities.c.stage.in_(["completed", "accepted"])
    )
    assert _metric(at, "Аяқталған және қабылданған") == str(done)
    assert any("ДЕМО" in c.value for c in at.caption)


def test_people_figures_carry_their_source_year_and_estimate_label(app, demo_engine):
    at = open_page(app, "district", kato=TALDYKORGAN)
    with demo_engine.connect() as conn:
        figures = conn.execute(select(districts.c.figures).where(districts.c.kato == TALDYKORGAN)).scalar_one()
    population = figures["population"]
    assert _metric(at, "Халық саны") == f"{population['value']:,}".replace(",", NBSP)
    captions = [c.value for c in at.caption]
    assert any("Ұлттық статистика бюросы" in c and str(population["year"]) in c for c in captions)
    assert any("БАҒАЛАУ" in c for c in captions)  # registered disabled are split from the oblast total


def test_rehab_centres_and_the_latest_invataxi_month_match_the_database(app, demo_engine):
    at = open_page(app, "district", kato=TALDYKORGAN)
    with demo_engine.connect() as conn:
        centres = conn.execute(
            select(func.count()).select_from(rehab_centers).where(rehab_centers.c.district_kato == TALDYKORGAN)
        ).scalar_one()
        month, vehicles, trips = conn.execute(
            select(invataxi_reports.c.month, func.sum(invataxi_reports.c.vehicles), func.sum(invataxi_reports.c.trips))
            .where(invataxi_reports.c.district_kato == TALDYKORGAN)
            .group_by(invataxi_reports.c.month)
            .order_by(invataxi_reports.c.month.desc())
            .limit(1)
        ).one()
    assert centres > 0
    assert len(_frame(at, "Орын саны")) == centres
    assert _metric(at, "Көліктер") == str(vehicles)
    assert _metric(at, f"Сапарлар, {month[5:]}.{month[:4]}") == f"{trips:,}".replace(",", NBSP)


def test_the_text_filter_keeps_the_objects_whose_name_contains_it(app, demo_engine):
    at = open_page(app, "district", kato=TALDYKORGAN)
    at.text_input(key="district_search").input("МЕКТЕП").run()
    with demo_engine.connect() as conn:
        names = conn.execute(
            select(facilities.c.name_kk, facilities.c.name_ru).where(facilities.c.district_kato == TALDYKORGAN)
        ).all()
    expected = sum("мектеп" in f"{kk or ''} {ru or ''}".casefold() for kk, ru in names)
    assert 0 < expected < len(names)
    assert len(_frame(at, "Атауы")) == expected


@pytest.mark.parametrize("kato", ["12<b>x", "999999999", "33100000", "٣٣١٠٠٠٠٠٠", "' OR 1=1 --"])
def test_a_bad_district_code_gives_a_message_and_a_picker(app, kato):
    at = open_page(app, "district", kato=kato)
    assert not at.exception
    assert at.title[0].value == "Аудан"
    assert at.error and "белгісіз аудан коды" in at.error[0].value
    assert at.selectbox(key="district_pick_none").value is None


def test_without_a_code_the_page_asks_for_a_district_and_the_picker_opens_it(app):
    at = open_page(app, "district")
    assert not at.exception and not at.error
    at.selectbox(key="district_pick_none").select(TEKELI).run()
    assert not at.exception
    assert at.query_params["kato"] == TEKELI
    assert at.title[0].value == "Текелі"


def test_in_russian_the_district_and_its_labels_are_russian(app):
    at = open_page(app, "district", kato=TALDYKORGAN, lang="ru")
    assert at.title[0].value == "Талдыкорган"
    assert {"Население", "Объекты"} <= {m.label for m in at.metric}

"""The passport matrix in storage: migration 0004 keeps old data, writes carry the zones into history."""

import json
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import text

from tests import factories
from tracker.domain.enums import DisabilityCategory, PassportState
from tracker.domain.passport import Zone
from tracker.services.actor import SYSTEM, Actor, Role
from tracker.services.facilities import create_facility, update_facility
from tracker.storage.database import Database
from tracker.storage.engine import make_engine
from tracker.storage.schema import _config, upgrade

EDITOR = Actor("ed", Role.DISTRICT_EDITOR, districts=frozenset({factories.TALDYKORGAN}))
NOW = datetime(2024, 3, 1, tzinfo=UTC)


def _old_rows(conn) -> None:
    """What a register at revision 0003 holds: one district, an object with a per-category passport, a visit."""
    stamp = {"created_at": NOW, "updated_at": NOW, "updated_by": "import"}
    conn.execute(
        text(
            "INSERT INTO districts (kato, name_kk, name_ru, name_en, oblast_kk, oblast_ru, oblast_en, figures,"
            " centre_approximate, created_at, updated_at, updated_by)"
            " VALUES ('331000000', 'Талдықорған', 'Талдыкорган', 'Taldykorgan', 'Жетісу облысы', 'область Жетісу',"
            " 'Zhetysu Region', '{}', 0, :created_at, :updated_at, :updated_by)"
        ),
        stamp,
    )
    passport = {
        "wheelchair": {"current": "DCH", "target": "DP", "assessed_on": "2022-04-11"},
        "mobility": {"current": "DCH", "target": "DP", "assessed_on": "2022-04-11"},
        "vision": {"current": "VND", "target": "DU", "assessed_on": "2022-04-11"},
    }
    conn.execute(
        text(
            "INSERT INTO facilities (id, external_id, name_kk, sector, district_kato, lat, lon, ownership,"
            " program_year, program_years, measures, measures_done, budget_planned_tiyn, budget_allocated_tiyn,"
            " budget_contracted_tiyn, budget_spent_tiyn, funding_source, overrun, stage, stage_dates, passport,"
            " demo, created_at, updated_at, updated_by)"
            " VALUES (1, 'T-1', '№3 мектеп', 'education', '331000000', 45.01, 78.37, 'communal', 2022, '[2022]',"
            " '[\"ramp\"]', '[]', 0, 0, 0, 0, 'local', 0, 'planned', '{}', :passport, 0,"
            " :created_at, :updated_at, :updated_by)"
        ),
        stamp | {"passport": json.dumps(passport)},
    )
    conn.execute(
        text(
            "INSERT INTO visits (id, facility_id, visited_on, organisation, findings, zone_notes,"
            " created_at, updated_at, updated_by)"
            " VALUES (1, 1, '2024-02-20', 'Тең қоғам', '{\"wheelchair\": \"VND\"}', '{\"entrance\": \"Пандус жоқ\"}',"
            " :created_at, :updated_at, :updated_by)"
        ),
        stamp,
    )


def test_migration_keeps_the_per_category_passport_as_the_summary_and_writes_its_conclusion(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.connect() as conn:
        command.upgrade(_config(conn), "0003")
        conn.commit()
        _old_rows(conn)
        conn.commit()
    upgrade(engine)
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT passport_conclusion, passport_zones, passport_wheelchair, passport_vision, passport_hearing"
                " FROM facilities WHERE id = 1"
            )
        ).one()
    assert row.passport_conclusion == "ДЧ-И (К, О), ВНД (С)"
    assert (row.passport_wheelchair, row.passport_vision, row.passport_hearing) == ("DCH", "VND", None)
    assert json.loads(row.passport_zones) == {}

    db = Database(engine)
    with db.read() as store:
        f = store.facilities.require(1).model
        visit = store.visits.require(1).model
    assert f.passport[DisabilityCategory.WHEELCHAIR].current is PassportState.PARTIAL
    assert f.passport[DisabilityCategory.VISION].target is PassportState.CONDITIONAL
    assert str(f.passport[DisabilityCategory.MOBILITY].assessed_on) == "2022-04-11"
    assert f.passport_zones == {} and f.conclusion == "ДЧ-И (К, О), ВНД (С)"
    assert visit.findings == {DisabilityCategory.WHEELCHAIR: PassportState.NONE} and visit.zone_findings == {}
    db.dispose()


def test_zone_edits_are_saved_with_history_and_recompute_the_summary(memory_db):
    fid = create_facility(memory_db, SYSTEM, factories.facility()).stored.model.id
    zones = {
        "entrance": {"states": {"wheelchair": {"current": "VND", "target": "DP"}}, "measures": ["ramp", "call_button"]},
        "sanitary": {"states": {"wheelchair": {"current": "DU", "target": "DP"}}, "measures": ["accessible_toilet"]},
    }
    saved = update_facility(memory_db, EDITOR, fid, {"passport_zones": zones}, seen_version=1).stored
    assert saved.version == 2
    assert saved.model.passport[DisabilityCategory.WHEELCHAIR].current is PassportState.NONE
    assert saved.model.conclusion == "ВНД"  # К from the zones; the other categories keep their summary

    zones["entrance"] |= {"states": {"wheelchair": {"current": "DP", "target": "DP"}}, "measures_done": ["ramp"]}
    saved = update_facility(memory_db, EDITOR, fid, {"passport_zones": zones}, seen_version=2).stored
    assert saved.model.passport_zones[Zone.ENTRANCE].measures_done == ["ramp"]
    # The entrance is fixed; the toilet still needs help.
    assert saved.model.conclusion == "ДУ-И (К), ВНД (О, С, Г, У)"
    with memory_db.read() as store:
        log = store.facilities.history(fid)
        row = store.conn.execute(
            text(f"SELECT passport_conclusion, passport_wheelchair FROM facilities WHERE id = {fid}")
        ).one()
    assert tuple(row) == ("ДУ-И (К), ВНД (О, С, Г, У)", "DU")
    changed = {e.field: (e.old, e.new) for e in log if e.version == 3}
    assert changed["passport_zones.entrance.states.wheelchair.current"] == ("VND", "DP")
    assert changed["passport.wheelchair.current"] == ("VND", "DU")
    assert changed["passport_zones.entrance.measures_done"] == ([], ["ramp"])

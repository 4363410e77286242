"""Every role × every action, through the services, on SQLite and PostgreSQL.

"Allowed" means the service did it (the boundary import, given no file, gets past its permission
check and then fails on the file); "refused" means PermissionDenied and no history written.
"""

import io
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from sqlalchemy import delete, func, select

from tests import factories
from tests.support.import_files import changed_row
from tracker.cli import main
from tracker.config import get_settings
from tracker.domain import PermissionDenied, Stage
from tracker.services import evidence
from tracker.services.actor import PUBLIC, SYSTEM, Actor, Role
from tracker.services.boundaries import import_boundaries
from tracker.services.facilities import create_facility, delete_facility, update_facility
from tracker.services.imports import apply_import, plan_import
from tracker.services.permissions import Action
from tracker.services.setup import initialise, load_national_demo
from tracker.services.users import add_user
from tracker.services.visits import record_visit, visits_for
from tracker.storage.tables import district_boundaries, districts, history

HOME = factories.TALDYKORGAN  # Zhetysu oblast
AWAY = "196200000"  # Talgar, Almaty oblast
SPARE = "194400000"  # Kegen: removed and re-added by the district catalogue


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), "#0072B2").save(out, "PNG")
    return out.getvalue()


PNG = _png()

ACTORS = {
    "admin": Actor("adm", Role.ADMIN),
    "manager_oblast": Actor("man", Role.MANAGER, oblasts=frozenset({"Zhetysu Region"})),
    "manager_national": Actor("nat", Role.MANAGER),
    "district_editor": Actor("ed", Role.DISTRICT_EDITOR, districts=frozenset({HOME})),
    "monitor": Actor("mon", Role.MONITOR, organisation="«Тең қоғам» ҚБ"),
    "public": PUBLIC,
}
EVERYWHERE = "everywhere"
IN_SCOPE = "in scope"
#: Who may do what: EVERYWHERE, only IN_SCOPE (HOME yes, AWAY no) or not at all (absent).
EXPECTED: dict[Action, dict[str, str]] = {
    Action.VIEW: dict.fromkeys(ACTORS, EVERYWHERE),
    Action.VIEW_PERSONAL: dict.fromkeys(
        ["admin", "manager_oblast", "manager_national", "district_editor", "monitor"], EVERYWHERE
    ),
    Action.CREATE_FACILITY: {
        "admin": EVERYWHERE,
        "manager_national": EVERYWHERE,
        "manager_oblast": IN_SCOPE,
        "district_editor": IN_SCOPE,
    },
    Action.EDIT_FACILITY: {
        "admin": EVERYWHERE,
        "manager_national": EVERYWHERE,
        "manager_oblast": IN_SCOPE,
        "district_editor": IN_SCOPE,
    },
    Action.ATTACH_EVIDENCE: {
        "admin": EVERYWHERE,
        "manager_national": EVERYWHERE,
        "manager_oblast": IN_SCOPE,
        "district_editor": IN_SCOPE,
    },
    Action.DELETE_FACILITY: {"admin": EVERYWHERE, "manager_national": EVERYWHERE, "manager_oblast": IN_SCOPE},
    Action.ACCEPT: {"admin": EVERYWHERE, "manager_national": EVERYWHERE, "manager_oblast": IN_SCOPE},
    Action.REOPEN: {"admin": EVERYWHERE, "manager_national": EVERYWHERE, "manager_oblast": IN_SCOPE},
    Action.RECORD_VISIT: {"admin": EVERYWHERE, "monitor": EVERYWHERE},
    # A national import names no district: only the national scopes reach it.
    Action.IMPORT_DATA: {"admin": EVERYWHERE, "manager_national": EVERYWHERE},
    Action.MANAGE_USERS: {"admin": EVERYWHERE},
    Action.MANAGE_DISTRICTS: {"admin": EVERYWHERE},
    Action.IMPORT_BOUNDARIES: {"admin": EVERYWHERE},
}


def test_the_matrix_names_every_action():
    assert set(EXPECTED) == set(Action)


@pytest.fixture
def world(db, tmp_path):
    """The catalogue, and in each of HOME and AWAY one completed and one accepted object."""
    initialise(db)
    ids = {}
    for where, kato, lat, lon in (("HOME", HOME, 45.01, 78.37), ("AWAY", AWAY, 43.30, 77.24)):
        for stage in (Stage.COMPLETED, Stage.ACCEPTED):
            saved = create_facility(
                db,
                SYSTEM,
                factories.facility(
                    external_id=f"{where}-{stage.value}",
                    district_kato=kato,
                    lat=lat,
                    lon=lon,
                    stage=stage,
                    actual_completion=date(2024, 10, 1),
                ),
            )
            ids[where, stage] = saved.stored.model.id
    return {"ids": ids, "root": tmp_path / "evidence"}


def _perform(action: Action, db, actor: Actor, where: str, world) -> None:
    ids, kato = world["ids"], HOME if where == "HOME" else AWAY
    completed, accepted = ids[where, Stage.COMPLETED], ids[where, Stage.ACCEPTED]
    if action == Action.VIEW:
        visits_for(db, actor)
    elif action == Action.VIEW_PERSONAL:
        record_visit(
            db,
            SYSTEM,
            {
                "facility_id": completed,
                "visited_on": date(2025, 3, 1),
                "organisation": "NGO",
                "findings": {"wheelchair": "VND"},
            },
        )
        if visits_for(db, actor)["recorded_by"].iloc[0] is None:
            raise PermissionDenied("permission.denied", action=Action.VIEW_PERSONAL)
    elif action == Action.CREATE_FACILITY:
        lat, lon = (45.02, 78.38) if where == "HOME" else (43.31, 77.25)
        create_facility(db, actor, factories.facility(external_id=f"new-{where}", district_kato=kato, lat=lat, lon=lon))
    elif action == Action.EDIT_FACILITY:
        update_facility(db, actor, completed, {"contractor": "ТОО «Жаңа»"}, 1)
    elif action == Action.ATTACH_EVIDENCE:
        evidence.attach(db, actor, completed, "after", evidence.Upload("after.png", PNG), root=world["root"])
    elif action == Action.DELETE_FACILITY:
        delete_facility(db, actor, completed, 1, "entered twice")
    elif action == Action.ACCEPT:
        update_facility(db, actor, completed, {"stage": Stage.ACCEPTED}, 1)
    elif action == Action.REOPEN:
        update_facility(db, actor, accepted, {"stage": Stage.COMPLETED}, 1, comment="ramp too steep")
    elif action == Action.RECORD_VISIT:
        record_visit(
            db,
            actor,
            {
                "facility_id": completed,
                "visited_on": date(2025, 3, 1),
                "organisation": "NGO",
                "findings": {"wheelchair": "VND"},
            },
        )
    elif action == Action.IMPORT_DATA:
        load_national_demo(db, objects=3, actor=actor)
    elif action == Action.MANAGE_USERS:
        add_user(db, actor, {"username": "new.user", "display_name": "N", "role": "monitor"})
    elif action == Action.MANAGE_DISTRICTS:
        with db.engine.begin() as conn:
            conn.execute(delete(district_boundaries).where(district_boundaries.c.kato == SPARE))
            conn.execute(delete(districts).where(districts.c.kato == SPARE))
        initialise(db, actor)
    elif action == Action.IMPORT_BOUNDARIES:
        import_boundaries(db, actor, Path(world["root"]) / "missing.shp")
    else:  # pragma: no cover - the first test keeps this list complete
        raise AssertionError(action)


def _history_rows(db) -> int:
    with db.read() as store:
        return store.conn.execute(select(func.count()).select_from(history)).scalar_one()


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize("action", list(Action), ids=str)
def test_role_action(db, world, action, role):
    rule = EXPECTED[action].get(role)
    for where in ("HOME", "AWAY"):
        should = rule == EVERYWHERE or (rule == IN_SCOPE and where == "HOME")
        before = _history_rows(db)
        try:
            _perform(action, db, ACTORS[role], where, world)
        except PermissionDenied:
            assert not should, f"{role} was refused {action} {where}"
            if action != Action.VIEW_PERSONAL:
                assert _history_rows(db) == before, "a refused action wrote history"
        except Exception:
            # Only the boundary import is given a file that does not exist: past the check it fails.
            if action != Action.IMPORT_BOUNDARIES:
                raise
            assert should, f"{role} got past the permission check for {action} {where}"
        else:
            assert should, f"{role} was allowed {action} {where}"
        if action in (
            Action.IMPORT_DATA,
            Action.MANAGE_USERS,
            Action.MANAGE_DISTRICTS,
            Action.IMPORT_BOUNDARIES,
            Action.VIEW,
            Action.RECORD_VISIT,
            Action.VIEW_PERSONAL,
        ):
            break  # not tied to a district: once is enough


# --- the same pairs through a file: the import service and `tracker import --as`
#: What a file can do to an object; the import must grant exactly what the service grants.
FILE_ACTIONS = (Action.CREATE_FACILITY, Action.EDIT_FACILITY, Action.ACCEPT, Action.REOPEN)
USERS = {
    "admin": {"role": "admin"},
    "manager_oblast": {"role": "manager", "oblasts": ["Zhetysu Region"]},
    "manager_national": {"role": "manager"},
    "district_editor": {"role": "district_editor", "districts": [HOME]},
    "monitor": {"role": "monitor", "organisation": "«Тең қоғам» ҚБ"},
}


def _file(db, action: Action, where: str, role: str) -> bytes:
    external_id = f"{where}-{(Stage.ACCEPTED if action == Action.REOPEN else Stage.COMPLETED).value}"
    cells = {
        Action.CREATE_FACILITY: {"external_id": f"file-{where}-{role}", "contractor": "ТОО «Файл»"},
        Action.EDIT_FACILITY: {"contractor": "ТОО «Жаңа»"},
        Action.ACCEPT: {"stage": "accepted"},
        Action.REOPEN: {"stage": "completed", "reason": "пандус тым тік"},
    }[action]
    return changed_row(db, external_id, cells)


def _facility_rows(db) -> int:
    with db.read() as store:
        return store.facilities.count()


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize("action", FILE_ACTIONS, ids=str)
def test_role_action_through_the_import(db, world, action, role):
    rule = EXPECTED[action].get(role)
    for where in ("HOME", "AWAY"):
        should = rule == EVERYWHERE or (rule == IN_SCOPE and where == "HOME")
        before = (_history_rows(db), _facility_rows(db))
        plan = plan_import(db, ACTORS[role], "akimat.csv", _file(db, action, where, role), "objects")
        if should:
            assert plan.ok, f"{role} was refused {action} {where} by the import: {[p.code for p in plan.problems]}"
            apply_import(db, ACTORS[role], plan)
            assert _history_rows(db) > before[0]
        else:
            assert not plan.ok and {p.code for p in plan.errors} <= {"permission.denied", "permission.out_of_scope"}
            assert plan.errors, f"{role} was allowed {action} {where} by the import"
            assert (_history_rows(db), _facility_rows(db)) == before, "a refused import wrote"


@pytest.fixture
def cli(db, database_url, monkeypatch):
    """`tracker` on the same database, with one stored person per role of the matrix."""
    for role, details in USERS.items():
        add_user(db, SYSTEM, {"username": role, "display_name": role, **details})
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    get_settings.cache_clear()
    runner = CliRunner()
    yield lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    get_settings.cache_clear()


@pytest.mark.parametrize("role", list(ACTORS))
@pytest.mark.parametrize("action", FILE_ACTIONS, ids=str)
def test_role_action_through_the_command_line(db, world, cli, tmp_path, action, role):
    rule = EXPECTED[action].get(role)
    for where in ("HOME", "AWAY"):
        should = rule == EVERYWHERE or (rule == IN_SCOPE and where == "HOME")
        path = tmp_path / f"{action}-{where}.csv"
        path.write_bytes(_file(db, action, where, role))
        before = (_history_rows(db), _facility_rows(db))
        # The public is nobody in the users table: the command refuses to act as an unknown person.
        result = cli("import", "objects", path, "--as", role)
        if should:
            assert result.exit_code == 0, f"{role} was refused {action} {where}: {result.output}"
        else:
            assert result.exit_code != 0, f"{role} was allowed {action} {where} by tracker import"
            assert "Traceback" not in result.output
            assert (_history_rows(db), _facility_rows(db)) == before, "a refused import wrote"

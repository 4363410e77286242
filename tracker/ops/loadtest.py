"""The load test: editors fighting over the same objects while viewers load the map.

Editors are threads that save through the service layer (``update_facility`` with the version
they read), as the edit page of a replica does, each group of them sharing one connection pool
as the editors of one replica would. On a conflict an editor re-reads the object and saves
its change again. Viewers load the real map page from real ``streamlit run`` replicas over HTTP
(the agent API, see ``tracker.ops.replicas``). Everything is bounded: a fixed number of saves,
a deadline, loopback addresses, a scratch database dropped at the end.

Afterwards every object is audited: its stored state must equal the replay of its history and
the last accepted value of every field, and every accepted save must be in the history once.
"""

import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from sqlalchemy import select, text

from tracker.domain.errors import ConflictError
from tracker.ops.integrity import audit_objects
from tracker.ops.postgres import scratch_database
from tracker.ops.replicas import Replica, ReplicaError, kill_all, start_replicas
from tracker.services.actor import Actor, Role
from tracker.services.facilities import update_facility
from tracker.services.setup import initialise, load_demo
from tracker.storage.database import Database
from tracker.storage.tables import facilities

FIELDS = (("contractor",), ("address",), ("contractor", "address"))
MAX_ATTEMPTS = 200
VIEWER_PAUSE_S = 0.5


@dataclass(frozen=True)
class Plan:
    editors: int = 20
    saves: int = 50  # per editor
    viewers: int = 10
    replicas: int = 2
    objects: int = 10  # the shared objects every editor saves to
    seconds: float = 300  # the editing phase stops here even if saves remain
    seed: int = 2021


@dataclass(frozen=True)
class Accepted:
    facility_id: int
    version: int
    values: dict[str, str]
    ms: float


@dataclass
class EditorLog:
    accepted: list[Accepted] = field(default_factory=list)
    conflicts: int = 0
    gave_up: int = 0
    errors: list[str] = field(default_factory=list)
    stopped: bool = False


@dataclass
class ViewerLog:
    ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def _edit(
    number: int, db: Database, actor: Actor, pool: list[int], plan: Plan, deadline: float, start: threading.Barrier
) -> EditorLog:
    rng = random.Random(plan.seed * 1000 + number)
    log = EditorLog()
    start.wait()
    for k in range(plan.saves):
        fid = rng.choice(pool)
        changes = {name: f"{name[:4]}-e{number:02d}-s{k:03d}" for name in rng.choice(FIELDS)}
        for _attempt in range(MAX_ATTEMPTS):
            if time.monotonic() > deadline:
                log.stopped = True
                return log
            with db.read() as store:
                seen = store.facilities.require(fid).version
            began = time.perf_counter()
            try:
                saved = update_facility(db, actor, fid, changes, seen, comment=f"load test: editor {number}, save {k}")
            except ConflictError:
                log.conflicts += 1
                continue
            except Exception as exc:  # reported, never hidden: a failed save is a finding
                log.errors.append(f"{type(exc).__name__}: {exc}"[:300])
                break
            log.accepted.append(Accepted(fid, saved.stored.version, changes, (time.perf_counter() - began) * 1000))
            break
        else:
            log.gave_up += 1
    return log


def _view(
    replica: Replica, finished: threading.Event, deadline: float, start: threading.Barrier, log: ViewerLog
) -> None:
    session = None
    start.wait()
    while True:  # at least one page, however quick the editors are
        began = time.perf_counter()
        try:
            view = replica.view("map", session, timeout=300)
            session = view.session_id
            problem = view.exceptions() or ([] if view.ready and view.map_content() else [_no_map(view)])
        except (ReplicaError, OSError, ValueError) as exc:
            session, problem = None, [f"{type(exc).__name__}: {exc}"[:300]]
        log.ms.append((time.perf_counter() - began) * 1000)
        if problem:
            log.errors.append(problem[0])
        if finished.wait(VIEWER_PAUSE_S) or time.monotonic() > deadline:
            return


def _no_map(view) -> str:
    kinds = sorted({e.get("type", "?") for e in view.elements()})
    return f"no map on the page (status {view.snapshot.get('status')}; elements {', '.join(kinds)})"[:400]


def _pool(db: Database, plan: Plan) -> tuple[list[int], frozenset[str]]:
    with db.read() as store:
        rows = store.conn.execute(
            select(facilities.c.id, facilities.c.district_kato)
            .where(facilities.c.deleted_at.is_(None))
            .order_by(facilities.c.id)
        ).all()
    chosen = random.Random(plan.seed).sample(rows, min(plan.objects, len(rows)))
    return sorted(r.id for r in chosen), frozenset(r.district_kato for r in chosen)


def _audit(db: Database, pool: list[int], start_versions: dict[int, int], accepted: list[Accepted]) -> dict:
    """Lost updates, replay mismatches and history counts over the pool."""
    audits = audit_objects(db.engine, pool)
    lost = unreported = history_changes = history_field_rows = 0
    mismatches = [fid for fid, a in audits.items() if not a.sound]
    by_object: dict[int, list[Accepted]] = {}
    for save in accepted:
        by_object.setdefault(save.facility_id, []).append(save)
    for fid, audit in audits.items():
        saves = {s.version: s for s in by_object.get(fid, [])}
        later = {v: c for v, c in audit.changes.items() if v > start_versions[fid]}
        history_changes += len(later)
        history_field_rows += sum(len(c) for c in later.values())
        # An accepted save is lost if its values are not in the history at its version...
        lost += sum(1 for v, s in saves.items() if later.get(v) != s.values)
        unreported += sum(1 for v in later if v not in saves)
        # ...or if the stored value of a field is not the last accepted one.
        last: dict[str, str] = {}
        for version in sorted(saves):
            last.update(saves[version].values)
        lost += sum(1 for name, value in last.items() if audit.state.get(name) != value)
    return {
        "lost_updates": lost,
        "replay_mismatches": len(mismatches),
        "unreported_changes": unreported,
        "history_rows": history_changes,
        "history_field_rows": history_field_rows,
    }


def run(
    plan: Plan = Plan(), server_url: str | None = None, progress: Callable[[str], None] = lambda _msg: None
) -> dict:
    """Run the load test on a scratch database; returns the figures (see README, "Scale")."""
    # What else ran on the machine (1-minute load average) colours every figure below.
    load_before = os.getloadavg()[0]
    with scratch_database(server_url, "tracker_loadtest") as url:
        setup = Database.at(url)
        began = time.monotonic()
        initialise(setup)
        load_demo(setup)
        pool, districts = _pool(setup, plan)
        with setup.engine.connect() as conn:
            server = conn.execute(text("SHOW server_version")).scalar_one()
        with setup.read() as store:
            start_versions = {fid: store.facilities.require(fid).version for fid in pool}
        progress(
            f"scratch database ready in {time.monotonic() - began:.1f} s; "
            f"{len(pool)} shared objects; starting {plan.replicas} replicas"
        )
        replicas = start_replicas(url, plan.replicas, agent_api=True) if plan.replicas else []
        databases = [Database.at(url) for _ in range(max(1, plan.replicas))]
        try:
            _warm_up(replicas)
            figures = _measure(plan, databases, replicas, pool, districts, progress)
        finally:
            kill_all(replicas)  # throwaway: nothing to shut down gracefully
            for db in databases:
                db.dispose()
        progress("auditing every shared object against its history")
        figures |= _audit(setup, pool, start_versions, figures.pop("_accepted"))
        setup.dispose()
    settings = {("saves_per_editor" if k == "saves" else k): v for k, v in asdict(plan).items() if k != "seed"}
    return {
        "backend": f"PostgreSQL {server}",
        "viewer_mode": "map page over HTTP (agent API)",
        "cpus": os.cpu_count(),
        "load_before": round(load_before, 2),
        **settings,
        **figures,
    }


def _warm_up(replicas: list[Replica]) -> None:
    """The first page of a replica prepares it (engine, schema check); not measured."""
    threads = [threading.Thread(target=replica.view, args=("map",), daemon=True) for replica in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)


def _measure(
    plan: Plan,
    databases: list[Database],
    replicas: list[Replica],
    pool: list[int],
    districts: frozenset[str],
    progress: Callable[[str], None],
) -> dict:
    viewers = plan.viewers if replicas else 0
    start = threading.Barrier(plan.editors + viewers + 1)
    deadline = time.monotonic() + plan.seconds
    finished = threading.Event()
    editor_logs: list[EditorLog] = [EditorLog() for _ in range(plan.editors)]
    viewer_logs = [ViewerLog() for _ in range(viewers)]

    def editor(n: int) -> None:
        actor = Actor(f"load-editor-{n:02d}", Role.DISTRICT_EDITOR, districts=districts)
        editor_logs[n] = _edit(n, databases[n % len(databases)], actor, pool, plan, deadline, start)

    threads = [threading.Thread(target=editor, args=(n,), daemon=True) for n in range(plan.editors)]
    watchers = [
        threading.Thread(
            target=_view, args=(replicas[n % len(replicas)], finished, deadline, start, viewer_logs[n]), daemon=True
        )
        for n in range(viewers)
    ]
    for thread in threads + watchers:
        thread.start()
    progress(f"{plan.editors} editors × {plan.saves} saves, {viewers} viewers on {len(replicas)} replicas")
    start.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join(max(1.0, deadline - time.monotonic() + 60))
    elapsed = time.monotonic() - began
    finished.set()
    for thread in watchers:
        thread.join(180)
    accepted = [s for log in editor_logs for s in log.accepted]
    save_ms = [s.ms for s in accepted]
    page_ms = [ms for log in viewer_logs for ms in log.ms]
    page_errors = [e for log in viewer_logs for e in log.errors]
    errors = [e for log in editor_logs for e in log.errors]
    return {
        "saves": len(accepted),
        "saves_planned": plan.editors * plan.saves,
        "seconds": round(elapsed, 2),
        "saves_per_s": round(len(accepted) / elapsed, 1) if elapsed else None,
        "p50_save_ms": _round(percentile(save_ms, 0.50)),
        "p95_save_ms": _round(percentile(save_ms, 0.95)),
        "max_save_ms": _round(max(save_ms, default=None)),
        "conflicts": sum(log.conflicts for log in editor_logs),
        "gave_up": sum(log.gave_up for log in editor_logs),
        "save_errors": len(errors),
        "first_save_error": errors[0] if errors else None,
        "stopped_early": any(log.stopped for log in editor_logs) or any(t.is_alive() for t in threads),
        "page_loads": len(page_ms),
        "page_errors": len(page_errors),
        "first_page_error": page_errors[0] if page_errors else None,
        "p50_page_ms": _round(percentile(page_ms, 0.50)),
        "p95_page_ms": _round(percentile(page_ms, 0.95)),
        "_accepted": accepted,
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def healthy(figures: dict) -> bool:
    """Nothing lost, nothing half-written, nothing failed but conflicts (which are expected)."""
    return (
        figures["lost_updates"] == 0
        and figures["replay_mismatches"] == 0
        and figures["unreported_changes"] == 0
        and figures["save_errors"] == 0
        and figures["history_rows"] == figures["saves"]
        and figures["page_errors"] == 0
    )

"""Processes to kill: a saver and a bulk import that report what they did, line by line.

``python -m tests.scale.faults save URL ID`` saves object ID over and over through the service
layer and prints one JSON line per accepted save; ``... import URL N`` loads N synthetic objects
in one transaction. With ``--hold`` the process stops inside its first write transaction, just
before COMMIT (every statement sent, nothing committed), prints ``holding`` and waits for a
line on standard input: the moment to ``kill -9`` it, or to restart the server under it.
The parent side, :class:`Child`, reads those lines and delivers the signal.
"""

import argparse
import json
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from tracker.domain.errors import ConflictError

ROOT = Path(__file__).resolve().parents[2]  # the child imports tests.scale.faults from here


def _say(event_name: str, **data: Any) -> None:
    print(json.dumps({"event": event_name, **data}, ensure_ascii=False), flush=True)


def hold_before_commit(engine: Engine, every: bool = False) -> None:
    """Make write transactions stop just before COMMIT until a line arrives on stdin."""
    from tracker.storage.engine import WRITE

    held = []

    @event.listens_for(engine, "commit")
    def _hold(conn) -> None:
        if not conn.get_execution_options().get(WRITE) or (held and not every):
            return
        held.append(True)
        _say("holding")
        sys.stdin.readline()
        _say("resumed")


def _save(db, facility_id: int, count: int, retry: bool) -> int:
    from tracker.services.actor import SYSTEM
    from tracker.services.facilities import update_facility

    done = 0
    while done < count:
        values = {"contractor": f"crash-test save {done} at {time.time():.6f}"}
        with db.read() as store:
            seen = store.facilities.require(facility_id).version
        try:
            saved = update_facility(db, SYSTEM, facility_id, values, seen, comment="fault test")
        except ConflictError:
            continue
        except Exception as exc:  # the person saving would see this error
            _say("error", type=type(exc).__name__, message=str(exc)[:300])
            if not retry:
                return 3
            retry = False
            time.sleep(0.5)
            continue
        _say("accepted", version=saved.stored.version, values=values)
        done += 1
    return 0


def _import(db, objects: int) -> int:
    from tracker.services.setup import load_national_demo

    loaded = load_national_demo(db, objects)
    _say("imported", objects=loaded.facilities)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.scale.faults")
    parser.add_argument("task", choices=["save", "import"])
    parser.add_argument("url")
    parser.add_argument("number", type=int, help="save: the object's id; import: how many objects")
    parser.add_argument("--count", type=int, default=10**9, help="save: stop after this many")
    parser.add_argument("--hold", action="store_true", help="stop before the first COMMIT")
    parser.add_argument("--retry", action="store_true", help="save: after an error, try once more")
    args = parser.parse_args(argv)

    from tracker.storage.database import Database

    db = Database.at(args.url)
    if args.hold:
        hold_before_commit(db.engine)
    _say("ready")
    try:
        if args.task == "save":
            return _save(db, args.number, args.count, args.retry)
        return _import(db, args.number)
    finally:
        db.dispose()


class Child:
    """A fault-test process started by the parent, with its reports collected as they come."""

    def __init__(self, *args: str):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.scale.faults", *args],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.events: list[dict] = []
        self._lines: queue.Queue[dict | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            try:
                self._lines.put(json.loads(line))
            except ValueError:
                continue
        self._lines.put(None)

    def expect(self, name: str, timeout: float = 120) -> dict:
        """Wait for the next report called ``name`` (earlier ones are kept in ``events``)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                item = self._lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"no {name!r} report within {timeout:.0f} s") from None
            if item is None:
                raise RuntimeError(f"the child ended before {name!r}: {self.proc.stderr.read()[-1500:]}")
            self.events.append(item)
            if item["event"] == name:
                return item

    def drain(self, timeout: float = 60) -> int:
        """Wait for the child to end and collect its remaining reports; returns its exit code."""
        code = self.proc.wait(timeout)
        while True:
            item = self._lines.get(timeout=timeout)
            if item is None:
                return code
            self.events.append(item)

    def resume(self) -> None:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)

    def reported(self, name: str) -> list[dict]:
        return [e for e in self.events if e["event"] == name]


if __name__ == "__main__":
    sys.exit(main())

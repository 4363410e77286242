"""One transaction per use case: records, their history and the data version commit together."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, select, text, update

from tracker.storage.drafts import DraftStore
from tracker.storage.engine import WRITE
from tracker.storage.mapping import BOUNDARY, DISTRICT, EVIDENCE, FACILITY, INVATAXI, REHAB, USER, VISIT
from tracker.storage.repository import Repository
from tracker.storage.sessions import SessionStore
from tracker.storage.tables import data_version


class Store:
    """Repositories over one connection; used read-only or inside a UnitOfWork."""

    def __init__(self, conn: Connection, on_write=lambda: None):
        self.conn = conn
        self.districts = Repository(conn, DISTRICT, on_write)
        self.facilities = Repository(conn, FACILITY, on_write)
        self.rehab_centers = Repository(conn, REHAB, on_write)
        self.invataxi = Repository(conn, INVATAXI, on_write)
        self.users = Repository(conn, USER, on_write)
        self.visits = Repository(conn, VISIT, on_write)
        self.evidence = Repository(conn, EVIDENCE, on_write)
        self.boundaries = Repository(conn, BOUNDARY, on_write)
        #: Sign-in state is not register data: writing it never moves the data version.
        self.sessions = SessionStore(conn)
        #: A form's unsaved input: not register data either.
        self.drafts = DraftStore(conn)

    def data_version(self) -> int:
        return self.conn.execute(select(data_version.c.version).where(data_version.c.id == 1)).scalar_one()


class UnitOfWork(Store):
    """``with db.write() as uow: ...; uow.commit()`` — leaving without commit rolls back.

    The repositories tell it when they write; the commit then bumps the data version in the same
    transaction, so a page cache keyed on it sees every change of the register.
    """

    def __init__(self, engine: Engine):
        self.engine = engine
        self._written = False

    def __enter__(self) -> "UnitOfWork":
        conn = self.engine.connect().execution_options(**{WRITE: True})
        self._tx = conn.begin()
        super().__init__(conn, self._on_write)
        return self

    def _on_write(self) -> None:
        self._written = True

    def serialise(self, key: int = 7_420_022) -> None:
        """Make concurrent runs of the same task (start-up, demo load) take turns.

        SQLite's IMMEDIATE transaction already does; PostgreSQL needs a transaction-level lock.
        """
        if self.conn.dialect.name == "postgresql":
            self.conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})

    def commit(self) -> None:
        if self._written:
            self.conn.execute(
                update(data_version).where(data_version.c.id == 1).values(version=data_version.c.version + 1)
            )
        self._tx.commit()
        self._written = False

    def __exit__(self, *exc) -> None:
        try:
            if self._tx.is_active:
                self._tx.rollback()
        finally:
            self.conn.close()


@contextmanager
def reading(engine: Engine) -> Iterator[Store]:
    """A read-only view in one transaction (a consistent snapshot on PostgreSQL)."""
    with engine.connect() as conn, conn.begin():
        yield Store(conn)

"""The one handle services take: ``write()`` a unit of work, ``read()`` a consistent view.

Services never build engines or connections; the caller (the app, the CLI, a test) makes one
``Database`` and passes it where an engine used to go. Tests of services that do not test
storage pass one over an in-memory SQLite copy of a migrated database (``tests/support``).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from tracker.storage.engine import make_engine
from tracker.storage.unit_of_work import Store, UnitOfWork, reading


class Database:
    def __init__(self, engine: Engine):
        self.engine = engine

    @classmethod
    def at(cls, url: str) -> "Database":
        return cls(make_engine(url))

    def write(self) -> UnitOfWork:
        """``with db.write() as uow: ...; uow.commit()``: one transaction, rolled back unless committed."""
        return UnitOfWork(self.engine)

    @contextmanager
    def read(self) -> Iterator[Store]:
        with reading(self.engine) as store:
            yield store

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Database({self.engine.url.render_as_string(hide_password=True)})"

"""Fixtures the integration tests share (the databases themselves are in tests/conftest.py)."""

import pytest

from tests import factories


@pytest.fixture
def fid(db) -> int:
    """The id of one object (the factories' school) in Taldykorgan, with its district in the catalogue
    (added when the database has no catalogue yet)."""
    with db.write() as uow:
        if uow.districts.get(factories.TALDYKORGAN) is None:
            uow.districts.add(factories.district(), "setup")
        key = uow.facilities.add(factories.facility(), "setup")
        uow.commit()
    return key

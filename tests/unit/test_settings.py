"""Settings refuse a language the app does not speak."""

import pytest
from pydantic import ValidationError

from tracker.config import Settings


def test_the_default_language_is_one_the_app_speaks(monkeypatch):
    monkeypatch.setenv("TRACKER_DEFAULT_LANGUAGE", "ru")
    assert Settings(_env_file=None).default_language == "ru"
    monkeypatch.setenv("TRACKER_DEFAULT_LANGUAGE", "de")
    with pytest.raises(ValidationError, match="one of kk, ru, en"):
        Settings(_env_file=None)

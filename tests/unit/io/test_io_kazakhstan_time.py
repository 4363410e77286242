"""Times a person reads are Kazakhstan's (UTC+5 nationally since 1 March 2024), the zone named once."""

from datetime import UTC, datetime

from tracker.domain.errors import RuleViolation
from tracker.i18n.errors import messages
from tracker.services.history_view import Change


def test_the_lockout_message_says_the_time_in_kazakhstan_and_names_the_zone():
    until = datetime(2026, 12, 2, 1, 30, tzinfo=UTC)  # 06:30 in Astana and Almaty
    refused = RuleViolation("signin.locked", until=until)
    assert messages(refused, "ru") == [
        "Слишком много неудачных попыток. Повторите вход после 02.12.2026 06:30 (время Казахстана)."
    ]
    assert (
        "02.12.2026 06:30 уақытынан" in messages(refused, "kk")[0]
        and "(Қазақстан уақыты)" in messages(refused, "kk")[0]
    )


def test_history_times_are_shown_at_utc_plus_five_whatever_the_tz_database():
    change = Change(1, datetime(2026, 12, 1, 20, 15, tzinfo=UTC), "asel", "stage", "planned", "in_works", None)
    assert change.local_time.strftime("%d.%m.%Y %H:%M") == "02.12.2026 01:15"

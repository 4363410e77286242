"""The program's calendar: Kazakhstan keeps one time zone, UTC+5, since 1 March 2024.

"Today", "overdue" and "as of a day" are all meant in Kazakhstan, whatever the server's clock
zone is (a server on UTC is still on the previous day until 05:00 in Astana).
"""

from datetime import date, datetime, timedelta, timezone

KZ_TIME = timezone(timedelta(hours=5))


def today() -> date:
    """The current date in Kazakhstan."""
    return datetime.now(KZ_TIME).date()

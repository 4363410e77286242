"""The throwaway PostgreSQL cluster of the test session; it lives in ``tracker.ops.postgres``.

When ``TRACKER_TEST_POSTGRES_URL`` is set the test session uses that server instead.
"""

from tracker.ops.postgres import PostgresUnavailable, ThrowawayCluster

__all__ = ["PostgresUnavailable", "ThrowawayCluster"]

"""Sliding-window counts kept in the case database, so a rate limit holds across every server process that shares
it (``labor serve --workers N`` over the SQLite file, or several machines over PostgreSQL).

One row per counted request; a bucket's rows older than its window are deleted whenever the bucket is checked, and
every so often all buckets are swept. Taking a slot is one write transaction that reads the count and adds the row
under a lock, so two processes never both take the last slot: SQLite's ``BEGIN IMMEDIATE`` holds the write lock,
PostgreSQL takes a transaction-scoped advisory lock on the bucket. Times are wall-clock seconds (``time.time()``):
a monotonic clock is private to a process.
"""

from __future__ import annotations

import time

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from assistant.cases.db import Database, RateHitRow, database_url, shared_database

SWEEP_EVERY = 500  # takes between two sweeps of every bucket (quiet callers' rows would otherwise stay)


class SharedCounts:
    """``take`` a slot (0, or the seconds until one frees), ``wait`` without taking, ``add`` a hit unconditionally."""

    def __init__(self, database: Database | str, *, auto_migrate: bool = True):
        self.db = database if isinstance(database, Database) else Database(database)
        self._since_sweep = 0
        if auto_migrate:
            self.db.ensure_schema()

    @classmethod
    def from_settings(cls, settings) -> SharedCounts:
        return cls(shared_database(database_url(settings)))

    def take(self, bucket: str, limit: int, window: float, now: float | None = None) -> int:
        now = time.time() if now is None else now

        def work(session: Session) -> int:
            count, oldest = self._recent(session, bucket, window, now, lock=True)
            if count >= limit:
                return _retry_after(oldest, window, now)
            session.add(RateHitRow(bucket=bucket, at=now))
            return 0

        waited = self.db.run_write(work)
        self._maybe_sweep(window, now)
        return waited

    def wait(self, bucket: str, limit: int, window: float, now: float | None = None) -> int:
        now = time.time() if now is None else now
        with self.db.read() as session:
            count, oldest = self._recent(session, bucket, window, now, lock=False, prune=False)
        return _retry_after(oldest, window, now) if count >= limit else 0

    def add(self, bucket: str, window: float, now: float | None = None) -> None:
        now = time.time() if now is None else now

        def work(session: Session) -> None:
            self._recent(session, bucket, window, now, lock=True)
            session.add(RateHitRow(bucket=bucket, at=now))

        self.db.run_write(work)
        self._maybe_sweep(window, now)

    def _recent(self, session: Session, bucket: str, window: float, now: float, *, lock: bool,
                prune: bool = True) -> tuple[int, float | None]:
        if lock and self.db.postgres:
            session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:bucket))"), {"bucket": bucket})
        if prune:
            session.execute(delete(RateHitRow).where(RateHitRow.bucket == bucket, RateHitRow.at <= now - window))
        count, oldest = session.execute(select(func.count(RateHitRow.id), func.min(RateHitRow.at)).where(
            RateHitRow.bucket == bucket, RateHitRow.at > now - window)).one()
        return int(count), oldest

    def _maybe_sweep(self, window: float, now: float) -> None:
        self._since_sweep += 1
        if self._since_sweep < SWEEP_EVERY:
            return
        self._since_sweep = 0
        self.db.run_write(lambda s: s.execute(delete(RateHitRow).where(RateHitRow.at <= now - window)))

    def dispose(self) -> None:
        self.db.dispose()


def _retry_after(oldest: float | None, window: float, now: float) -> int:
    return max(1, int(window - (now - (oldest if oldest is not None else now))) + 1)

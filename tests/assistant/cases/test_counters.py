"""The rate-limit counts kept in the case database: two processes' views of one database share them, a slot frees
when its oldest request leaves the window, and two writers racing for the last slot never both get it."""

from __future__ import annotations

import threading

from assistant.access import RateExceeded, RateLimiter
from assistant.cases.counters import SharedCounts


def test_two_views_of_one_database_share_the_limit(database_url):
    one, other = SharedCounts(database_url), SharedCounts(database_url, auto_migrate=False)
    assert [one.take("caller:a", 3, 60, now=1000.0 + i) for i in range(2)] == [0, 0]
    assert other.take("caller:a", 3, 60, now=1002.0) == 0
    # the fourth is refused by either, and told to wait until the oldest (t=1000) is a minute old
    assert one.take("caller:a", 3, 60, now=1003.0) == 58
    assert other.wait("caller:a", 3, 60, now=1003.0) == 58
    assert other.take("caller:b", 3, 60, now=1003.0) == 0  # another caller has its own
    assert one.take("caller:a", 3, 60, now=1060.5) == 0  # t=1000 left the window
    one.dispose()
    other.dispose()


def test_added_failures_block_without_taking(database_url):
    counts = SharedCounts(database_url)
    for i in range(2):
        counts.add("wrong-key:127.0.0.1", 60, now=500.0 + i)
    assert counts.wait("wrong-key:127.0.0.1", 2, 60, now=510.0) == 51
    assert counts.wait("wrong-key:127.0.0.1", 3, 60, now=510.0) == 0
    counts.dispose()


def test_racing_writers_never_overrun_the_limit(database_url):
    SharedCounts(database_url).dispose()
    views = [SharedCounts(database_url, auto_migrate=False) for _ in range(4)]
    limiters = [RateLimiter(10, counts=v) for v in views]
    served, refused = [], []

    def client(limiter: RateLimiter) -> None:
        for _ in range(6):
            try:
                limiter.check("key:same")
                served.append(1)
            except RateExceeded as exc:
                assert "每分钟最多 10 次" in exc.message and exc.retry_after >= 1
                refused.append(1)

    threads = [threading.Thread(target=client, args=(limiters[i % 4],)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(served) == 10 and len(refused) == 38
    for v in views:
        v.dispose()

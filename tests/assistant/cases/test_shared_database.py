"""The desk, the feedback store and the shared rate counts a process builds from its settings use one database
connection pool and bring the schema current once; each still works alone."""

from __future__ import annotations

from assistant.cases import CaseDesk
from assistant.cases import db as case_db
from assistant.cases.counters import SharedCounts
from assistant.cases.feedback import FeedbackStore
from assistant.config import Settings


def test_one_process_one_engine_and_one_upgrade_for_the_three_stores(database_url, monkeypatch):
    upgrades = []
    real = case_db.migrate
    monkeypatch.setattr(case_db, "migrate", lambda database: (upgrades.append(database.url), real(database)))
    settings = Settings(_env_file=None, database_url=database_url)
    desk = CaseDesk.from_settings(settings)
    counts = SharedCounts.from_settings(settings)
    feedback = FeedbackStore.from_settings(settings)
    try:
        assert desk.db is counts.db is feedback.db
        assert upgrades == [database_url]
        assert counts.take("k", limit=1, window=60) == 0 and counts.take("k", limit=1, window=60) > 0
        assert feedback.add(question="老板拖欠工资怎么办", rating="helpful")["id"] == 1
    finally:
        desk.db.dispose()


def test_stores_made_from_their_own_urls_keep_their_own_engines(database_url):
    first, second = CaseDesk(database_url), CaseDesk(database_url)  # as two processes would
    try:
        assert first.db is not second.db
    finally:
        first.db.dispose()
        second.db.dispose()

"""The feedback store on the case database (SQLite and PostgreSQL): what staff read back, bad input refused with a
Chinese message, and the feedback file of earlier versions imported once, never twice, never lost."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading

import pytest
from sqlalchemy import create_engine, inspect

from assistant.cases.errors import CaseInputError
from assistant.cases.feedback import FeedbackInputError, FeedbackStore

CITES = [{"id": "劳动合同法#38", "law": "劳动合同法", "article": "38", "verified": True}]
# The schema of the earlier stand-alone feedback file, as those versions created it.
OLD_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    citations TEXT NOT NULL DEFAULT '[]',
    rating TEXT CHECK (rating IN ('helpful', 'unhelpful') OR rating IS NULL),
    comment TEXT NOT NULL DEFAULT '',
    review_requested INTEGER NOT NULL DEFAULT 0,
    review_status TEXT NOT NULL DEFAULT 'none' CHECK (review_status IN ('none', 'open', 'done')),
    review_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS feedback_review ON feedback (review_status);
"""
OLD_ROWS = [
    ("2025-01-05T09:30:00+00:00", "欠薪怎么办", "可以依第三十八条解除……", json.dumps(CITES, ensure_ascii=False),
     "unhelpful", "太笼统", 0, "none", ""),
    ("2025-01-06T10:00:00+00:00", "被辞退有补偿吗", "有。", "[]", None, "", 1, "done", "已电话回复"),
    ("2025-01-07T11:15:00+00:00", "=HYPERLINK(\"http://evil.example\")", "", "[]", "helpful", "", 1, "open", ""),
]


def write_old_file(path, rows=OLD_ROWS) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(OLD_SCHEMA)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executemany("INSERT INTO feedback (created_at, question, answer, citations, rating, comment, "
                         "review_requested, review_status, review_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()


@pytest.fixture
def stores():
    """Stores made by the test, disposed of afterwards (PostgreSQL keeps connections in a pool)."""
    made: list[FeedbackStore] = []

    def make(*args, **kwargs) -> FeedbackStore:
        made.append(FeedbackStore(*args, **kwargs))
        return made[-1]

    yield make
    for store in made:
        store.dispose()


def test_feedback_round_trip_and_a_second_process_sees_it(database_url, stores):
    store = stores(database_url)
    rated = store.add(question="欠薪怎么办", answer="可以依第三十八条解除……", citations=CITES, rating="unhelpful",
                      comment="太笼统")
    review = store.add(question="被辞退有补偿吗", answer="……", review_requested=True)
    assert rated["review_status"] == "none" and review["review_status"] == "open"
    assert rated["created_at"].endswith("+00:00") and rated["citations"] == CITES

    other = stores(database_url)  # another server process on the same database
    assert [x["id"] for x in other.list(reviews_only=True, status="open")] == [review["id"]]
    done = other.set_review(review["id"], "done", "已电话回复")
    assert done["review_status"] == "done" and done["review_note"] == "已电话回复"
    assert store.get(review["id"])["review_note"] == "已电话回复"
    assert store.set_review(rated["id"], "done") is None, "a rating is not a review request"
    assert store.set_review(999_999, "done") is None
    assert store.counts() == {"total": 2, "helpful": 0, "unhelpful": 1, "open_reviews": 0}
    assert [json.loads(line)["question"] for line in store.export_jsonl().splitlines()] == ["欠薪怎么办", "被辞退有补偿吗"]


def test_bad_feedback_is_refused_in_chinese_and_nothing_is_stored(database_url, stores):
    store = stores(database_url)
    with pytest.raises(FeedbackInputError, match="问题不能为空") as blank:
        store.add(question="   ", rating="helpful")
    assert isinstance(blank.value, ValueError) and isinstance(blank.value, CaseInputError)
    assert blank.value.field == "question"
    with pytest.raises(ValueError, match="评价只能是 有帮助 或 没帮助"):
        store.add(question="加班费", rating="great")
    review = store.add(question="加班费", review_requested=True)
    with pytest.raises(ValueError, match="复核状态只能是 open 或 done"):
        store.set_review(review["id"], "maybe")
    assert store.counts() == {"total": 1, "helpful": 0, "unhelpful": 0, "open_reviews": 1}


def test_the_database_is_opened_on_first_use_not_when_the_server_starts(tmp_path, stores):
    path = tmp_path / "data" / "cases.sqlite3"
    store = stores(f"sqlite:///{path}", legacy_path=tmp_path / "feedback.sqlite3")
    assert not path.exists()
    assert store.list() == []
    assert "feedback" in inspect(create_engine(f"sqlite:///{path}")).get_table_names()


def test_the_old_feedback_file_is_imported_once_and_kept(database_url, stores, tmp_path):
    old = tmp_path / "feedback.sqlite3"
    write_old_file(old)
    store = stores(database_url, legacy_path=old)
    rows = list(reversed(store.list()))
    assert [(r["created_at"], r["question"], r["rating"], r["comment"], r["review_requested"], r["review_status"],
             r["review_note"]) for r in rows] == [
        ("2025-01-05T09:30:00+00:00", "欠薪怎么办", "unhelpful", "太笼统", False, "none", ""),
        ("2025-01-06T10:00:00+00:00", "被辞退有补偿吗", None, "", True, "done", "已电话回复"),
        ("2025-01-07T11:15:00+00:00", "=HYPERLINK(\"http://evil.example\")", "helpful", "", True, "open", "")]
    assert rows[0]["citations"] == CITES and rows[0]["answer"] == "可以依第三十八条解除……"
    assert store.export_csv().count("'=HYPERLINK") == 1, "imported rows are exported as safely as new ones"

    kept = tmp_path / "feedback.sqlite3.imported"
    assert not old.exists() and kept.exists(), "renamed, not deleted"
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT COUNT(*) FROM feedback").fetchone()[0] == 3
    conn.close()

    store.add(question="新的反馈", rating="helpful")
    # The rename failed (or the file was put back): the next start finds every old row already there.
    shutil.copy(kept, old)
    again = stores(database_url, legacy_path=old)
    assert again.counts() == {"total": 4, "helpful": 2, "unhelpful": 1, "open_reviews": 1}
    assert not old.exists() and (tmp_path / "feedback.sqlite3.imported.2").exists()


def test_two_processes_starting_together_import_the_old_file_once(database_url, stores, tmp_path):
    old = tmp_path / "feedback.sqlite3"
    write_old_file(old, OLD_ROWS * 20)
    both = [stores(database_url, legacy_path=old) for _ in range(2)]
    errors: list[BaseException] = []

    def start(store: FeedbackStore) -> None:
        try:
            store.counts()
        except BaseException as exc:  # the assertion below shows it
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(store,)) for store in both]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert both[0].counts()["total"] == both[1].counts()["total"] == 60


def test_an_unreadable_old_file_is_left_in_place_and_feedback_still_works(database_url, stores, tmp_path):
    old = tmp_path / "feedback.sqlite3"
    old.write_bytes(b"this is not an SQLite database" * 10)
    store = stores(database_url, legacy_path=old)
    store.add(question="加班费怎么算", rating="helpful")
    assert store.counts()["total"] == 1
    assert old.read_bytes().startswith(b"this is not"), "nothing someone kept is renamed or overwritten"

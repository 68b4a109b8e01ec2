"""Feedback (有帮助/没帮助 + comment) and human-review requests: stored in the case database, listed and exported by
staff."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from assistant.cases.db import sqlite_url
from assistant.cases.feedback import FeedbackStore

CITES = [{"id": "劳动合同法#38", "law": "劳动合同法", "article": "38", "verified": True}]


def test_feedback_and_review_round_trip(client, staff):
    r = client.post("/v1/feedback", json={"question": "欠薪怎么办", "answer": "可以依第三十八条解除……",
                                          "citations": CITES, "rating": "unhelpful", "comment": "太笼统"})
    assert r.status_code == 201 and r.json()["review_status"] == "none"
    r = client.post("/v1/feedback", json={"question": "被辞退有补偿吗", "answer": "……", "citations": CITES,
                                          "review_requested": True})
    review_id = r.json()["id"]
    assert r.json()["review_status"] == "open"

    reviews = client.get("/v1/admin/reviews?status=open", headers=staff).json()
    assert [x["id"] for x in reviews] == [review_id]
    assert reviews[0]["question"] == "被辞退有补偿吗" and reviews[0]["citations"][0]["id"] == "劳动合同法#38"

    done = client.patch(f"/v1/admin/reviews/{review_id}", json={"status": "done", "note": "已电话回复"}, headers=staff)
    assert done.status_code == 200 and done.json()["review_status"] == "done"
    assert client.get("/v1/admin/reviews?status=open", headers=staff).json() == []

    exported = client.get("/v1/admin/feedback?format=csv", headers=staff)
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    assert [r["question"] for r in rows] == ["欠薪怎么办", "被辞退有补偿吗"]
    assert rows[0]["rating"] == "unhelpful" and rows[0]["comment"] == "太笼统"
    lines = client.get("/v1/admin/feedback?format=jsonl", headers=staff).text.splitlines()
    assert json.loads(lines[1])["review_note"] == "已电话回复"


def test_feedback_needs_some_content_and_valid_values(client, staff):
    assert client.post("/v1/feedback", json={"question": "问"}).status_code == 422
    assert client.post("/v1/feedback", json={"question": "问", "rating": "great"}).status_code == 422
    assert client.post("/v1/feedback", json={"question": "", "rating": "helpful"}).status_code == 422
    assert client.patch("/v1/admin/reviews/999999", json={"status": "done"}, headers=staff).status_code == 404
    assert client.patch("/v1/admin/reviews/1", json={"status": "maybe"}, headers=staff).status_code == 422


def test_feedback_export_is_staff_only(client, public):
    assert client.get("/v1/admin/feedback", headers=public).status_code == 403
    assert client.get("/v1/admin/reviews").status_code == 401


def test_store_survives_reopening_and_rejects_bad_rows(tmp_path):
    url = sqlite_url(tmp_path / "sub" / "cases.sqlite3")
    store = FeedbackStore(url)
    store.add(question="加班费", rating="helpful")
    with pytest.raises(ValueError, match="问题不能为空"):
        store.add(question="  ")
    with pytest.raises(ValueError, match="评价只能是"):
        store.add(question="x", rating="meh")
    again = FeedbackStore(url)
    assert [x["question"] for x in again.list()] == ["加班费"]
    assert again.counts() == {"total": 1, "helpful": 1, "unhelpful": 0, "open_reviews": 0}


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://evil.example\",\"点我\")", "=cmd|' /C calc'!A0",
                                   "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"])
def test_the_csv_export_never_hands_a_spreadsheet_a_formula(client, staff, typed):
    client.post("/v1/feedback", json={"question": typed, "comment": typed, "rating": "helpful"})
    exported = client.get("/v1/admin/feedback?format=csv", headers=staff)
    row = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))[-1]
    assert row["question"].startswith("'")
    assert row["comment"] == "'" + typed
    assert client.get("/v1/admin/feedback", headers=staff).json()[0]["comment"] == typed  # stored as written


def test_feedback_lives_in_the_case_database_and_outlasts_the_server(make_client, staff, tmp_path):
    """A restarted server (or a second server process on the same settings) sees the feedback given before, and
    /metrics counts its open review requests."""
    first = make_client()
    assert first.post("/v1/feedback", json={"question": "工伤怎么认定", "review_requested": True}).status_code == 201
    assert not (tmp_path / "feedback.sqlite3").exists(), "no feedback file of its own any more"
    second = make_client()
    assert [x["question"] for x in second.get("/v1/admin/reviews", headers=staff).json()] == ["工伤怎么认定"]
    assert "labor_review_requests_open 1.0" in second.get("/metrics").text


def test_feedback_of_the_old_file_is_imported_once(make_client, staff, tmp_path):
    old = tmp_path / "feedback.sqlite3"
    with sqlite3.connect(old) as conn:
        conn.executescript(OLD_SCHEMA)
        conn.execute("INSERT INTO feedback (created_at, question, rating, review_requested, review_status) VALUES "
                     "('2025-03-01T08:00:00+00:00', '试用期多长', 'helpful', 1, 'open')")
    conn.close()
    client = make_client()
    rows = client.get("/v1/admin/feedback", headers=staff).json()
    assert [(r["question"], r["created_at"], r["review_status"]) for r in rows] == [
        ("试用期多长", "2025-03-01T08:00:00+00:00", "open")]
    assert not old.exists() and (tmp_path / "feedback.sqlite3.imported").exists()
    assert len(make_client().get("/v1/admin/feedback", headers=staff).json()) == 1


OLD_SCHEMA = """
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, question TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '', citations TEXT NOT NULL DEFAULT '[]', rating TEXT, comment TEXT NOT NULL DEFAULT '',
    review_requested INTEGER NOT NULL DEFAULT 0, review_status TEXT NOT NULL DEFAULT 'none',
    review_note TEXT NOT NULL DEFAULT '');
"""

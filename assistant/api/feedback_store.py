"""Feedback on answers (有帮助 / 没帮助 + comment) and requests for human review, in one local SQLite file.

Used by both front doors: the web page writes, the API writes, staff read and export. Each write is one
transaction, so a crash never leaves a half-written record.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

_SCHEMA = """
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

EXPORT_COLUMNS = ("id", "created_at", "question", "answer", "citations", "rating", "comment",
                  "review_requested", "review_status", "review_note")


class FeedbackStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.row_factory = sqlite3.Row
        if not self._ready:
            conn.executescript(_SCHEMA)
            conn.execute("PRAGMA journal_mode=WAL")
            self._ready = True
        return conn

    def add(self, *, question: str, answer: str = "", citations: list[dict] | None = None,
            rating: str | None = None, comment: str = "", review_requested: bool = False) -> dict[str, Any]:
        if not question.strip():
            raise ValueError("问题不能为空")
        if rating not in (None, "helpful", "unhelpful"):
            raise ValueError("评价只能是 有帮助 或 没帮助")
        now = datetime.now(UTC).isoformat(timespec="seconds")
        cites = json.dumps(citations or [], ensure_ascii=False, default=str)
        with self._lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, question, answer, citations, rating, comment, review_requested,"
                " review_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (now, question, answer, cites, rating, comment, int(review_requested),
                 "open" if review_requested else "none"))
            row_id = cur.lastrowid
        conn.close()
        return self.get(row_id)

    def get(self, row_id: int) -> dict[str, Any] | None:
        with self._lock:
            conn = self._connect()
            try:
                row = conn.execute("SELECT * FROM feedback WHERE id = ?", (row_id,)).fetchone()
            finally:
                conn.close()
        return _row(row) if row else None

    def list(self, *, reviews_only: bool = False, status: str | None = None, limit: int = 1000) -> list[dict]:
        query, args = "SELECT * FROM feedback", []
        where = []
        if reviews_only:
            where.append("review_requested = 1")
        if status:
            where.append("review_status = ?")
            args.append(status)
        if where:
            query += " WHERE " + " AND ".join(where)
        query += " ORDER BY id DESC LIMIT ?"
        args.append(int(limit))
        with self._lock:
            conn = self._connect()
            try:
                rows = conn.execute(query, args).fetchall()
            finally:
                conn.close()
        return [_row(r) for r in rows]

    def set_review(self, row_id: int, status: str, note: str = "") -> dict[str, Any] | None:
        if status not in ("open", "done"):
            raise ValueError("复核状态只能是 open 或 done")
        with self._lock, self._connect() as conn:
            cur = conn.execute("UPDATE feedback SET review_status = ?, review_note = ? WHERE id = ? AND "
                               "review_requested = 1", (status, note, row_id))
            changed = cur.rowcount
        conn.close()
        return self.get(row_id) if changed else None

    def counts(self) -> dict[str, int]:
        with self._lock:
            conn = self._connect()
            try:
                row = conn.execute(
                    "SELECT COUNT(*) AS total, SUM(rating = 'helpful') AS helpful, SUM(rating = 'unhelpful') AS "
                    "unhelpful, SUM(review_status = 'open') AS open_reviews FROM feedback").fetchone()
            finally:
                conn.close()
        return {k: int(row[k] or 0) for k in ("total", "helpful", "unhelpful", "open_reviews")}

    def export_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(EXPORT_COLUMNS)
        for item in reversed(self.list(limit=1_000_000)):
            writer.writerow([spreadsheet_safe(json.dumps(item[c], ensure_ascii=False) if c == "citations" else item[c])
                             for c in EXPORT_COLUMNS])
        return "\ufeff" + buf.getvalue()  # BOM so spreadsheet programs open the Chinese text correctly

    def export_jsonl(self) -> str:
        return "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in reversed(self.list(limit=1_000_000)))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet shows as text: one starting like a formula (=HYPERLINK, =cmd|…, +, -, @, tab, CR) gets a
    leading apostrophe, so opening the export never runs what a member of the public typed as feedback."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _row(row: sqlite3.Row) -> dict[str, Any]:
    item = dict(row)
    item["citations"] = json.loads(item["citations"] or "[]")
    item["review_requested"] = bool(item["review_requested"])
    return item

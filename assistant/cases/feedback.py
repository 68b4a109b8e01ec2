"""Feedback on answers (有帮助 / 没帮助 + comment) and requests for human review, in the case database.

Both front doors write here (the web page and ``POST /v1/feedback``); staff list, mark reviews done and export. The
table sits beside the cases, on the same database (an SQLite file by default, PostgreSQL through
``LABOR_DATABASE_URL``), so every server process sees the same rows. Each write is one transaction. The database is
opened, migrated and the old file imported on first use, never as the server starts.

Earlier versions kept feedback in an SQLite file of its own (``LABOR_FEEDBACK_DB``, by default
``data_dir/feedback.sqlite3``). On first use its rows are copied in, each remembered by its old id so that no row is
ever copied twice, and the file is then renamed to ``feedback.sqlite3.imported``: kept, never deleted.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import case, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from assistant.cases.db import Database, FeedbackRow, aware, database_url, shared_database, utcnow
from assistant.cases.errors import CaseInputError

log = logging.getLogger(__name__)

EXPORT_COLUMNS = ("id", "created_at", "question", "answer", "citations", "rating", "comment",
                  "review_requested", "review_status", "review_note")
RATINGS = ("helpful", "unhelpful")
IMPORTED_SUFFIX = ".imported"
_IMPORT_LOCK = 727414  # PostgreSQL advisory lock: one process imports the old file at a time


class FeedbackInputError(CaseInputError, ValueError):
    """Feedback that cannot be stored as given (the API answers 422); a ``ValueError`` too, as it always was."""

    code = "invalid_feedback"


class FeedbackStore:
    """``add``, ``get``, ``list``, ``set_review``, ``counts``, ``export_csv``, ``export_jsonl``."""

    def __init__(self, database: Database | str, *, legacy_path: str | Path | None = None,
                 auto_migrate: bool = True, shared: bool = False):
        self._database = database
        self._shared = shared  # a URL opens the process's shared Database for it (shared_database), not one of its own
        self.legacy_path = Path(legacy_path) if legacy_path else None
        self._auto_migrate = auto_migrate
        self._db: Database | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings, api_settings=None) -> FeedbackStore:
        """On the case desk's database; the old file to import is ``LABOR_FEEDBACK_DB`` (else
        ``data_dir/feedback.sqlite3``), read from ``api_settings`` when given, else from ``settings.api``."""
        api = api_settings or settings.api
        return cls(database_url(settings), legacy_path=api.feedback_path(settings.data_dir), shared=True)

    @property
    def db(self) -> Database:
        """The database, opened on first use: migrated, and the old feedback file imported (once)."""
        if self._db is None:
            with self._lock:
                if self._db is None:
                    if isinstance(self._database, Database):
                        db, own = self._database, False
                    elif self._shared:
                        db, own = shared_database(self._database), False
                    else:
                        db, own = Database(self._database), True
                    try:
                        if self._auto_migrate:
                            db.ensure_schema()
                        if self.legacy_path is not None:
                            import_legacy_file(db, self.legacy_path)
                    except Exception:
                        if own:
                            db.dispose()
                        raise
                    self._db = db
        return self._db

    def add(self, *, question: str, answer: str = "", citations: list[dict] | None = None,
            rating: str | None = None, comment: str = "", review_requested: bool = False) -> dict[str, Any]:
        if not question.strip():
            raise FeedbackInputError("question", "问题不能为空")
        if rating not in (None, *RATINGS):
            raise FeedbackInputError("rating", "评价只能是 有帮助 或 没帮助")
        # JSON-safe as the old store wrote it (``default=str``): a date among the citations must not refuse the row
        cites = json.loads(json.dumps(citations or [], ensure_ascii=False, default=str))

        def work(session: Session) -> dict[str, Any]:
            row = FeedbackRow(created_at=utcnow().replace(microsecond=0), question=question, answer=answer,
                              citations=cites, rating=rating, comment=comment, review_requested=review_requested,
                              review_status="open" if review_requested else "none", review_note="")
            session.add(row)
            session.flush()
            return _item(row)

        return self.db.run_write(work)

    def get(self, row_id: int) -> dict[str, Any] | None:
        with self.db.read() as session:
            row = session.get(FeedbackRow, row_id)
            return _item(row) if row is not None else None

    def list(self, *, reviews_only: bool = False, status: str | None = None,
             limit: int = 1000) -> list[dict[str, Any]]:
        query = select(FeedbackRow)
        if reviews_only:
            query = query.where(FeedbackRow.review_requested.is_(True))
        if status:
            query = query.where(FeedbackRow.review_status == status)
        query = query.order_by(FeedbackRow.id.desc()).limit(int(limit))
        with self.db.read() as session:
            return [_item(row) for row in session.scalars(query)]

    def set_review(self, row_id: int, status: str, note: str = "") -> dict[str, Any] | None:
        """Mark a review request open or done with a note; ``None`` when there is no such request."""
        if status not in ("open", "done"):
            raise FeedbackInputError("status", "复核状态只能是 open 或 done")

        def work(session: Session) -> dict[str, Any] | None:
            row = session.get(FeedbackRow, row_id)
            if row is None or not row.review_requested:
                return None
            row.review_status, row.review_note = status, note
            return _item(row)

        return self.db.run_write(work)

    def counts(self) -> dict[str, int]:
        query = select(func.count(FeedbackRow.id).label("total"),
                       func.sum(case((FeedbackRow.rating == "helpful", 1), else_=0)).label("helpful"),
                       func.sum(case((FeedbackRow.rating == "unhelpful", 1), else_=0)).label("unhelpful"),
                       func.sum(case((FeedbackRow.review_status == "open", 1), else_=0)).label("open_reviews"))
        with self.db.read() as session:
            row = session.execute(query).one()
        return {k: int(getattr(row, k) or 0) for k in ("total", "helpful", "unhelpful", "open_reviews")}

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

    def dispose(self) -> None:
        if self._db is not None:
            self._db.dispose()


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet shows as text: one starting like a formula (=HYPERLINK, =cmd|…, +, -, @, tab, CR) gets a
    leading apostrophe, so opening the export never runs what a member of the public typed as feedback."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _item(row: FeedbackRow) -> dict[str, Any]:
    created = aware(row.created_at)
    return {"id": row.id, "created_at": created.isoformat(timespec="seconds") if created else "",
            "question": row.question, "answer": row.answer, "citations": list(row.citations or []),
            "rating": row.rating, "comment": row.comment, "review_requested": bool(row.review_requested),
            "review_status": row.review_status, "review_note": row.review_note}


# ---- the feedback file of earlier versions

def import_legacy_file(db: Database, path: str | Path) -> int:
    """Copy the rows of an old feedback file into ``db`` (those not copied before) and rename the file to
    ``….imported``; how many rows were added. A file that cannot be read is left where it is, with a warning."""
    path = Path(path)
    if not path.is_file() or _same_file(db, path):
        return 0
    try:
        old_rows = _read_legacy_file(path)
    except sqlite3.Error as exc:
        log.warning("old feedback file %s not imported (it stays where it is): %s", path, exc)
        return 0

    def work(session: Session) -> int:
        if db.postgres:  # SQLite's BEGIN IMMEDIATE already keeps a second process out until this commits
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _IMPORT_LOCK})
        known = set(session.scalars(select(FeedbackRow.legacy_id).where(FeedbackRow.legacy_id.is_not(None))))
        fresh = [_legacy_row(old) for old in old_rows if old["id"] not in known]
        session.add_all(fresh)
        return len(fresh)

    added = db.run_write(work)
    if added:
        log.info("imported %d feedback rows from %s", added, path)
    _set_aside(path)
    return added


def _read_legacy_file(path: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(path, timeout=10)  # read-write: a write-ahead log left by a crash is replayed first
    conn.row_factory = sqlite3.Row
    try:
        found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feedback'").fetchone()
        if not found:
            return []
        return [dict(row) for row in conn.execute("SELECT * FROM feedback ORDER BY id")]
    finally:
        conn.close()


def _legacy_row(old: dict[str, Any]) -> FeedbackRow:
    try:
        created = aware(datetime.fromisoformat(str(old.get("created_at"))))
    except ValueError:
        created = utcnow().replace(microsecond=0)
    try:
        citations = json.loads(old.get("citations") or "[]")
    except ValueError:
        citations = [old["citations"]]  # kept as written rather than dropped
    rating = old.get("rating") if old.get("rating") in RATINGS else None
    requested = bool(old.get("review_requested"))
    status = old.get("review_status") if old.get("review_status") in ("none", "open", "done") else (
        "open" if requested else "none")
    return FeedbackRow(legacy_id=int(old["id"]), created_at=created, question=str(old.get("question") or ""),
                       answer=str(old.get("answer") or ""), citations=citations if isinstance(citations, list)
                       else [citations], rating=rating, comment=str(old.get("comment") or ""),
                       review_requested=requested, review_status=status, review_note=str(old.get("review_note") or ""))


def _set_aside(path: Path) -> None:
    """Rename the imported file (and a write-ahead log beside it) so the next start does not read it again."""
    target = path.with_name(path.name + IMPORTED_SUFFIX)
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}{IMPORTED_SUFFIX}.{number}")
    try:
        path.rename(target)
    except FileNotFoundError:  # another server process imported it at the same moment
        return
    except OSError as exc:  # read-only folder: harmless, the next start finds every row already imported
        log.warning("old feedback file %s imported but not renamed: %s", path, exc)
        return
    for sidecar in ("-wal", "-shm"):
        beside = path.with_name(path.name + sidecar)
        if beside.exists():
            try:
                beside.rename(target.with_name(target.name + sidecar))
            except OSError:
                pass


def _same_file(db: Database, path: Path) -> bool:
    """Whether the case database itself is at ``path`` (then there is nothing to import)."""
    url = make_url(db.url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return False
    try:
        return Path(url.database).resolve() == path.resolve()
    except OSError:
        return False

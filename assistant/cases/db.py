"""Storage of the case desk: SQLAlchemy 2 ORM tables, the engine, and one transaction per write.

An SQLite file is the embedded default; PostgreSQL is the same code through a URL. Writes are serialised where the
trace needs it: on SQLite every write transaction starts with ``BEGIN IMMEDIATE`` (the write lock is taken before
anything is read, so two processes never build on the same chain head); on PostgreSQL the case row is locked with
``SELECT … FOR UPDATE`` before the chain head is read (see :mod:`assistant.cases.trace`). The schema is created and
upgraded by the Alembic migrations in ``assistant/cases/migrations`` (``migrate``), never by ``create_all``.
"""

from __future__ import annotations

import contextlib
import threading
import time
import weakref
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import NullPool

from assistant.cases.errors import StorageBusy

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def utcnow() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back; every time here is UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class CaseRow(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True, index=True)
    secret_hash: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(10))
    organisation: Mapped[str] = mapped_column(String(100), index=True)
    case_type: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    close_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    assignee: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    conversation: Mapped[list[Any]] = mapped_column(JSON, default=list)
    evidence: Mapped[list[Any]] = mapped_column(JSON, default=list)
    external_ref: Mapped[str | None] = mapped_column(String(200), nullable=True)
    next_deadline: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    next_deadline_name: Mapped[str | None] = mapped_column(String(100), nullable=True)
    erased: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the head of the trace: the last event's number and hash (the next event builds on them)
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    head_hash: Mapped[str] = mapped_column(String(64))


class EventRow(Base):
    """One trace entry. Never updated, except that erasure clears ``payload`` and ``nonce`` (the hashes stay)."""

    __tablename__ = "case_events"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_case_events_case_seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[str] = mapped_column(String(40))
    actor_role: Mapped[str] = mapped_column(String(20))
    actor_name: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    nonce: Mapped[str | None] = mapped_column(String(32), nullable=True)
    payload_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AnswerRow(Base):
    __tablename__ = "case_answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    citations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    corpus_build: Mapped[str | None] = mapped_column(String(200), nullable=True)
    shown_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ReviewRow(Base):
    __tablename__ = "case_reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("case_answers.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), index=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    requested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    reviewer: Mapped[str | None] = mapped_column(String(100), nullable=True)
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    citations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)


class NoteRow(Base):
    __tablename__ = "case_notes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DocumentRow(Base):
    __tablename__ = "case_documents"
    __table_args__ = (UniqueConstraint("case_id", "doc_type", "version", name="uq_case_documents_version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    markdown: Mapped[str] = mapped_column(Text)
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    missing: Mapped[list[Any]] = mapped_column(JSON, default=list)
    warnings: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(100))


class ReferralRow(Base):
    __tablename__ = "case_referrals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    target: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    documents: Mapped[list[Any]] = mapped_column(JSON, default=list)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prepared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    received_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    result_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    result: Mapped[str | None] = mapped_column(Text, nullable=True)


class AttachmentRow(Base):
    """An evidence file (a photo of a 欠条, a pay slip PDF, a chat screenshot). ``name`` is the safe name shown to
    staff, ``stored_name`` the one derived from the hash; erasure clears the name and the bytes (the hash stays)."""

    __tablename__ = "case_attachments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    stored_name: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by_role: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[str] = mapped_column(String(100))
    erased: Mapped[bool] = mapped_column(Boolean, default=False)


class RateHitRow(Base):
    """One request counted by a rate limit shared by several server processes (``bucket``: the limit and the
    caller); rows older than the window are deleted as the bucket is next checked."""

    __tablename__ = "rate_hits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bucket: Mapped[str] = mapped_column(String(120), index=True)
    at: Mapped[float] = mapped_column(Float)


class FeedbackRow(Base):
    """A rating (有帮助 / 没帮助), a comment or a request for human review of an answer, given outside any case."""

    __tablename__ = "feedback"
    __table_args__ = (
        CheckConstraint("rating IN ('helpful', 'unhelpful') OR rating IS NULL", name="ck_feedback_rating"),
        CheckConstraint("review_status IN ('none', 'open', 'done')", name="ck_feedback_review_status"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    citations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    rating: Mapped[str | None] = mapped_column(String(10), nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")
    review_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    review_status: Mapped[str] = mapped_column(String(10), default="none", index=True)
    review_note: Mapped[str] = mapped_column(Text, default="")
    # The row's id in the feedback file of earlier versions, when it was imported from there: unique, so a second
    # import of the same file adds nothing.
    legacy_id: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).resolve()}"


def database_url(settings) -> str:
    """The case database of these settings: ``LABOR_DATABASE_URL``, else ``data_dir/cases.sqlite3``."""
    return settings.database_url or sqlite_url(settings.data_dir / "cases.sqlite3")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # One connection per use: a pooled SQLite connection shared across threads buys nothing and risks locks.
        engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection, _record) -> None:
            # SQLAlchemy's documented recipe: take BEGIN away from pysqlite and emit it ourselves (below).
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn) -> None:
            immediate = conn.get_execution_options().get("immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


class Database:
    """The engine and two kinds of transaction: ``read()`` and ``write()`` (one transaction each)."""

    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self._schema_lock = threading.Lock()
        self._schema_current = False
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        self._writer = sessionmaker(self.engine.execution_options(immediate=True), expire_on_commit=False)

    @property
    def postgres(self) -> bool:
        return is_postgres(self.engine)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: committed whole when the block ends, rolled back whole when it raises."""
        with self._writer() as session, session.begin():
            yield session

    def run_write(self, work, attempts: int = 5):
        """``work(session)`` in a write transaction, retried when the database reports a lock or a serialisation
        conflict (nothing of a failed attempt is kept); :class:`StorageBusy` when it never gets through."""
        for attempt in range(attempts):
            try:
                with self.write() as session:
                    return work(session)
            except (OperationalError, DBAPIError) as exc:
                if not _retryable(exc) or attempt == attempts - 1:
                    if _retryable(exc):
                        raise StorageBusy() from exc
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise StorageBusy()

    def ensure_schema(self) -> None:
        """Migrate once per Database: the desk, the feedback store and the counts that share one ask in turn."""
        with self._schema_lock:
            if not self._schema_current:
                migrate(self)
                self._schema_current = True

    def dispose(self) -> None:
        self.engine.dispose()


# The desk, the feedback store and the shared rate counts built from one process's settings share one Database:
# one engine, so one PostgreSQL pool (5 + 10 connections) per process rather than three, and one upgrade. Held
# weakly: when none of them is left, its engine goes with them.
_SHARED: weakref.WeakValueDictionary[str, Database] = weakref.WeakValueDictionary()
_SHARED_LOCK = threading.Lock()


def shared_database(url: str) -> Database:
    """This process's Database for ``url`` (made on first use; its schema is brought current by ``ensure_schema``)."""
    with _SHARED_LOCK:
        database = _SHARED.get(url)
        if database is None:
            database = Database(url)
            _SHARED[url] = database
        return database


def _retryable(exc: DBAPIError) -> bool:
    text = str(getattr(exc, "orig", exc)).lower()
    code = getattr(getattr(exc, "orig", None), "sqlstate", None)
    return ("database is locked" in text or "busy" in text or code in ("40001", "40P01")
            or "could not serialize" in text or "deadlock" in text)


def migrate(database: Database) -> None:
    """Bring the schema to the newest Alembic revision (safe when several processes start at once)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with database.engine.execution_options(immediate=True).begin() as connection:
        if database.postgres:
            # two servers starting together must not both create the tables
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(727413)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

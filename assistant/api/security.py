"""Who is calling (API key → role) and how often (a per-key sliding-window rate limit, counted in this process or
in the case database that several server processes share)."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Protocol

from fastapi import Request

from assistant.api.errors import Forbidden, RateLimited, Unauthorized
from assistant.api.settings import ApiSettings

# Which routes a key reaches: each role reaches the routes of the roles below it. What a role may do to a case,
# and which organisation's cases it sees, is the case desk's own rule (assistant/cases/access.py).
ROLE_RANK = {"anonymous": 0, "public": 1, "staff": 2, "reviewer": 3, "admin": 4}
ROLE_NAMES = {"public": "公开", "staff": "工作人员", "reviewer": "复核员", "admin": "管理员"}


@dataclass(frozen=True, slots=True)
class Caller:
    role: str  # "anonymous" | "public" | "staff" | "reviewer" | "admin"
    key_id: str  # a short hash of the key (never the key itself), or "anon:<client address>"
    org: str = ""  # the key's organisation; "" is the default organisation of a one-organisation deployment

    def can(self, needed: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[needed]


def presented_key(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return (request.headers.get("x-api-key") or "").strip() or None


def key_fingerprint(key: str) -> str:
    return "key:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:12]


def identify(request: Request, settings: ApiSettings) -> Caller:
    key = presented_key(request)
    if key is None:
        host = request.client.host if request.client else "unknown"
        return Caller(role="anonymous", key_id=f"anon:{host}")
    for known, role in settings.api_keys.items():
        if hmac.compare_digest(known.encode("utf-8", "replace"), key.encode("utf-8", "replace")):
            return Caller(role=role, key_id=key_fingerprint(known), org=settings.key_orgs.get(known, ""))
    raise Unauthorized("API 密钥无效")


def authorize(caller: Caller, needed: str, settings: ApiSettings) -> None:
    if needed == "public" and caller.role == "anonymous":
        if settings.allow_anonymous:
            return
        raise Unauthorized()
    if not caller.can(needed):
        if caller.role == "anonymous":
            raise Unauthorized(f"此功能需要{ROLE_NAMES[needed]}密钥")
        raise Forbidden(f"该密钥没有权限使用此功能（需要{ROLE_NAMES[needed]}密钥）")


class RateCounts(Protocol):
    """Where a limit's counts live: this process's memory, or the case database every process shares
    (:class:`assistant.cases.counters.SharedCounts`). ``take`` counts a request when a slot is free and answers 0,
    else the seconds until one frees; ``wait`` tells the same without counting; ``add`` counts unconditionally."""

    def take(self, bucket: str, limit: int, window: float, now: float | None = None) -> int: ...

    def wait(self, bucket: str, limit: int, window: float, now: float | None = None) -> int: ...

    def add(self, bucket: str, window: float, now: float | None = None) -> None: ...


class MemoryCounts:
    """Counts in this process (one server process: the default)."""

    def __init__(self) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def take(self, bucket: str, limit: int, window: float, now: float | None = None) -> int:
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._recent(bucket, window, now)
            if len(hits) >= limit:
                return _retry_after(hits[0], window, now)
            hits.append(now)
            self._forget_idle(window, now)
            return 0

    def wait(self, bucket: str, limit: int, window: float, now: float | None = None) -> int:
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._recent(bucket, window, now)
            return _retry_after(hits[0], window, now) if len(hits) >= limit else 0

    def add(self, bucket: str, window: float, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            self._recent(bucket, window, now).append(now)
            self._forget_idle(window, now)

    def _recent(self, bucket: str, window: float, now: float) -> deque[float]:
        hits = self._hits.setdefault(bucket, deque())
        while hits and now - hits[0] >= window:
            hits.popleft()
        return hits

    def _forget_idle(self, window: float, now: float) -> None:
        if len(self._hits) > 10_000:  # forget idle callers so memory stays bounded
            for k in [k for k, v in self._hits.items() if not v or now - v[-1] >= window]:
                del self._hits[k]


def _retry_after(oldest: float, window: float, now: float) -> int:
    return max(1, int(window - (now - oldest)) + 1)


class RateLimiter:
    """At most ``per_minute`` requests per caller in any 60-second window, counted in ``counts`` (this process's
    memory unless given the shared counts of the case database)."""

    def __init__(self, per_minute: int, window: float = 60.0, counts: RateCounts | None = None):
        self.per_minute = per_minute
        self.window = window
        self.counts: RateCounts = counts if counts is not None else MemoryCounts()

    def check(self, key_id: str, now: float | None = None) -> None:
        if self.per_minute <= 0:
            return
        retry = self.counts.take("caller:" + key_id, self.per_minute, self.window, now)
        if retry:
            raise RateLimited(f"请求过于频繁：每分钟最多 {self.per_minute} 次，请 {retry} 秒后再试",
                              headers={"Retry-After": str(retry)})


def shared_counts_wanted(store: str, database_url: str | None, *, workers: int = 1) -> bool:
    """Whether the limits count in the case database (``store`` is ``LABOR_RATE_LIMIT_STORE``; auto: when several
    server processes share it, that is ``--workers`` above 1 or a PostgreSQL database)."""
    if store != "auto":
        return store == "database"
    return workers > 1 or (database_url or "").startswith("postgresql")

"""Who is calling and how often, for both front doors: a key read from request headers → a caller with a role and an
organisation, the role check, a per-caller sliding-window rate limit, and the case desk's actor for a caller.

The HTTP API (``assistant.api.security``) and the web page (``assistant.ui.access``) are two doors to one service,
so they share this one check: a question asked on the page counts against the same per-minute limit as a call to
``/v1/ask``. It knows nothing of either framework; a refusal is a typed :class:`AccessError` with a Chinese message,
which the API turns into its 401/403/429 JSON and the page into a sentence beside the key box.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from assistant.cases.models import Actor
from assistant.config import ApiSettings
from assistant.errors import LaborAssistantError

# Which routes a key reaches: each role reaches the routes of the roles below it. What a role may do to a case,
# and which organisation's cases it sees, is the case desk's own rule (assistant/cases/access.py).
ROLE_RANK = {"anonymous": 0, "public": 1, "staff": 2, "reviewer": 3, "admin": 4}
ROLE_NAMES = {"public": "公开", "staff": "工作人员", "reviewer": "复核员", "admin": "管理员"}


class AccessError(LaborAssistantError):
    """The caller may not go ahead; ``message`` is the Chinese reason."""

    code = "access_denied"


class KeyRequired(AccessError):
    """No key was presented where one is needed: ``needed`` names the role, or is None when anonymous access is off
    (each door then says where its key goes: a request header, or the page's 访问密钥 box)."""

    code = "unauthorized"

    def __init__(self, needed: str | None = None):
        super().__init__(f"此功能需要{ROLE_NAMES[needed]}密钥" if needed else "需要有效的访问密钥")
        self.needed = needed


class KeyRejected(AccessError):
    """A key was presented that this deployment does not know."""

    code = "unauthorized"

    def __init__(self) -> None:
        super().__init__("API 密钥无效")


class RoleRefused(AccessError):
    """A known key whose role is below the one needed."""

    code = "forbidden"

    def __init__(self, needed: str):
        super().__init__(f"该密钥没有权限使用此功能（需要{ROLE_NAMES[needed]}密钥）")
        self.needed = needed


class RateExceeded(AccessError):
    """The caller used up its requests of the last minute; ``retry_after`` is the seconds until a slot frees."""

    code = "rate_limited"

    def __init__(self, retry_after: int, message: str):
        super().__init__(message)
        self.retry_after = retry_after


class KeysGuessed(RateExceeded):
    """An address presented wrong keys too often in the last minute: no key of its is looked at until one is old."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after, f"API 密钥错误次数过多：请 {retry_after} 秒后再试")


@dataclass(frozen=True, slots=True)
class Caller:
    role: str  # "anonymous" | "public" | "staff" | "reviewer" | "admin"
    key_id: str  # a short hash of the key (never the key itself), or "anon:<client address>"
    org: str = ""  # the key's organisation; "" is the default organisation of a one-organisation deployment

    def can(self, needed: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[needed]


def any_key_reaches(settings: ApiSettings, needed: str) -> bool:
    """Whether a configured key reaches the routes of role ``needed`` (the page hides the tools no key opens)."""
    return any(ROLE_RANK[role] >= ROLE_RANK[needed] for role in settings.api_keys.values())


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key a request presents (``Authorization: Bearer <key>`` or ``X-API-Key``); an empty bearer is no key.
    ``headers`` is looked up by lower-case name (Starlette's and Gradio's headers are case-insensitive)."""
    auth = headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return (headers.get("x-api-key") or "").strip() or None


def key_fingerprint(key: str) -> str:
    return "key:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:12]


def identify(key: str | None, settings: ApiSettings, *, address: str | None = None) -> Caller:
    """The caller a key stands for; without a key, the anonymous caller at ``address`` (its rate-limit bucket)."""
    if key is None:
        return Caller(role="anonymous", key_id=f"anon:{address or 'unknown'}")
    for known, role in settings.api_keys.items():
        if hmac.compare_digest(known.encode("utf-8", "replace"), key.encode("utf-8", "replace")):
            return Caller(role=role, key_id=key_fingerprint(known), org=settings.key_orgs.get(known, ""))
    raise KeyRejected()


def authorize(caller: Caller, needed: str, settings: ApiSettings) -> None:
    if needed == "public" and caller.role == "anonymous":
        if settings.allow_anonymous:
            return
        raise KeyRequired()
    if not caller.can(needed):
        if caller.role == "anonymous":
            raise KeyRequired(needed)
        raise RoleRefused(needed)


def admit(key: str | None, address: str | None, needed: str, settings: ApiSettings, limiter: RateLimiter) -> Caller:
    """The whole check on one call: the address's wrong-key budget (when it presents a key), who the key stands for
    (a wrong key spends the budget), the role, then the caller's per-minute limit. The API runs the same steps as
    its middleware (the budget, before a body is read) and its route dependencies."""
    address = address or "unknown"
    if key is not None:
        budget = WrongKeyBudget(settings.rate_limit_per_minute, limiter.counts, limiter.window)
        budget.check(address)
        try:
            caller = identify(key, settings, address=address)
        except KeyRejected:
            budget.failed(address)
            raise
    else:
        caller = identify(None, settings, address=address)
    return let_in(caller, needed, settings, limiter)


def let_in(caller: Caller, needed: str, settings: ApiSettings, limiter: RateLimiter) -> Caller:
    """The last steps of every check, once the caller is known: the role, then the caller's per-minute limit. The
    API's route dependencies start here (its middleware has already spent the wrong-key budget)."""
    authorize(caller, needed, settings)
    limiter.check(caller.key_id)
    return caller


def actor_for(caller: Caller, organisation: str) -> Actor:
    """The desk's actor for a staff, reviewer or admin key; named by the key's fingerprint, never the key."""
    if caller.role == "admin":
        return Actor.admin(name=caller.key_id)
    if caller.role == "reviewer":
        return Actor.reviewer(caller.key_id, organisation)
    return Actor.staff(caller.key_id, organisation)


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
            raise RateExceeded(retry, f"请求过于频繁：每分钟最多 {self.per_minute} 次，请 {retry} 秒后再试")


class WrongKeyBudget:
    """No free key guessing, through either door: an address that presented a wrong key ``per_minute`` times in the
    last minute may present no key at all (the right one neither, so the answer tells nothing about the key) until
    its oldest failure is a minute old. ``per_minute`` is the caller rate limit (0: off, as for the callers), and
    the failures are counted where the callers are (``counts``), so the page and the API spend one budget."""

    def __init__(self, per_minute: int, counts: RateCounts, window: float = 60.0):
        self.per_minute, self.counts, self.window = per_minute, counts, window

    def wait(self, address: str) -> int:
        """The seconds until ``address`` may present a key again; 0 when it may now (or the budget is off)."""
        if self.per_minute <= 0:
            return 0
        return self.counts.wait(_wrong_key_bucket(address), self.per_minute, self.window)

    def check(self, address: str) -> None:
        retry = self.wait(address)
        if retry:
            raise KeysGuessed(retry)

    def failed(self, address: str) -> None:
        if self.per_minute > 0:
            self.counts.add(_wrong_key_bucket(address), self.window)


def _wrong_key_bucket(address: str) -> str:
    return "wrong-key:" + address


def shared_counts_wanted(store: str, database_url: str | None, *, workers: int = 1) -> bool:
    """Whether the limits count in the case database (``store`` is ``LABOR_RATE_LIMIT_STORE``; auto: when several
    server processes share it, that is ``--workers`` above 1 or a PostgreSQL database)."""
    if store != "auto":
        return store == "database"
    return workers > 1 or (database_url or "").startswith("postgresql")

"""Who is calling (API key → role) and how often (a per-key sliding-window rate limit)."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections import deque
from dataclasses import dataclass

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


class RateLimiter:
    """At most ``per_minute`` requests per caller in any 60-second window (in memory, one process)."""

    def __init__(self, per_minute: int, window: float = 60.0):
        self.per_minute = per_minute
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key_id: str, now: float | None = None) -> None:
        if self.per_minute <= 0:
            return
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key_id, deque())
            while hits and now - hits[0] >= self.window:
                hits.popleft()
            if len(hits) >= self.per_minute:
                retry = max(1, int(self.window - (now - hits[0])) + 1)
                raise RateLimited(f"请求过于频繁：每分钟最多 {self.per_minute} 次，请 {retry} 秒后再试",
                                  headers={"Retry-After": str(retry)})
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle callers so memory stays bounded
                for k in [k for k, v in self._hits.items() if not v or now - v[-1] >= self.window]:
                    del self._hits[k]

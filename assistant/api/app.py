"""The FastAPI application: thin routers over one ``Assistant``, typed errors, auth, limits, CORS and metrics."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from assistant.api.errors import install_domain_error_handlers, install_error_handlers
from assistant.api.metrics import Metrics
from assistant.api.middleware import AnswerSlots, BodySizeLimit, RequestMetrics, WrongKeyLimit
from assistant.api.openapi_doc import document_api
from assistant.api.routers import admin, ask, calculate, cases, documents, health, openai_compat, search
from assistant.api.security import RateLimiter, shared_counts_wanted
from assistant.api.settings import ApiSettings
from assistant.cases.feedback import FeedbackStore
from assistant.config import Settings, get_settings

log = logging.getLogger(__name__)
# A search that touches the tokenizer, the lexical index and the law registry, so the first real question is fast.
WARM_UP_QUERY = "劳动合同解除经济补偿"

API_DESCRIPTION = """\
劳动维权助手的 HTTP 接口：检索条文、咨询（可流式）、OpenAI 兼容对话、计算器、文书起草、导入。

- **认证**：请求头 `Authorization: Bearer <密钥>` 或 `X-API-Key: <密钥>`。密钥、角色（public / staff / reviewer /
  admin）和所属机构在设置 `LABOR_API_KEYS` 中配置（`密钥:staff@机构`）；`LABOR_ALLOW_ANONYMOUS=true` 时公开接口
  （咨询、检索、计算、文书、从对话立案、查询案件进度）可不带密钥。导入、管理与案件台账需要 staff 密钥（只看本机构
  的案件），复核回答需要 reviewer 密钥，admin 可看所有机构。
- **错误**：统一为 `{"error": {"code": "...", "message": "中文说明"}}`；400 请求体不是有效的 JSON、401 密钥、
  403 权限、404 不存在、413 内容过大、422 输入有误（含问题过长、文件类型不支持）、429 请求过于频繁（密钥错误次数
  过多也是）、503 未就绪。
- **引用**：回答中的每条引用带 `verified`：true 表示已在法规库中核对，false 表示未核实。
"""


@dataclass
class Services:
    """What the routers share; the assistant is built on first use so the server starts at once, and the feedback
    store opens the case database on its first use too."""

    settings: Settings
    api_settings: ApiSettings
    metrics: Metrics
    rate_limiter: RateLimiter
    feedback: FeedbackStore
    _assistant: Any = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _warm: bool = False

    def warm_up(self) -> dict:
        """Open the index and run one search (once); the index stats. Raises when the index cannot be opened."""
        assistant = self.assistant
        stats = assistant.stats()
        if not self._warm and stats.get("provisions"):
            with self._lock:
                if not self._warm:
                    assistant.search(WARM_UP_QUERY, k=1)
                    self._warm = True
        return stats

    @property
    def cases(self):
        """The case desk, opened (and its database migrated) once, on the first case request."""
        assistant = self.assistant
        if "cases" not in vars(assistant):
            with self._lock:
                return assistant.cases
        return assistant.cases

    @property
    def assistant(self):
        if self._assistant is None:
            with self._lock:
                if self._assistant is None:
                    from assistant import Assistant

                    self._assistant = Assistant.from_settings(self.settings)
        return self._assistant


def build_services(assistant=None, settings: Settings | ApiSettings | None = None,
                   api_settings: ApiSettings | None = None, *, workers: int = 1) -> Services:
    """``workers``: how many server processes serve this app (their rate limits then count in the case database)."""
    if isinstance(settings, ApiSettings):
        settings, api_settings = None, settings
    settings = settings or (assistant.settings if assistant is not None else get_settings())
    api_settings = api_settings or settings.api
    counts = None
    if api_settings.rate_limit_per_minute > 0 and shared_counts_wanted(api_settings.rate_limit_store,
                                                                       settings.database_url, workers=workers):
        from assistant.cases.counters import SharedCounts

        counts = SharedCounts.from_settings(settings)
    return Services(settings=settings, api_settings=api_settings, metrics=Metrics(),
                    rate_limiter=RateLimiter(api_settings.rate_limit_per_minute, counts=counts),
                    feedback=FeedbackStore.from_settings(settings, api_settings), _assistant=assistant)


def create_app(assistant=None, settings: Settings | ApiSettings | None = None, *,
               api_settings: ApiSettings | None = None, services: Services | None = None,
               warm_on_start: bool = False) -> FastAPI:
    """The API. ``assistant`` defaults to ``Assistant.from_settings(settings)``, built on the first request.

    ``/docs`` and ``/redoc`` load Swagger UI and ReDoc from this server (fastapi-offline ships them), never a CDN.
    With ``warm_on_start`` the index is opened and searched once in the background as the server starts, so
    ``/readyz`` turns ready soon and the first question does not pay for the cold start.
    """
    services = services or build_services(assistant, settings, api_settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm_on_start:
            threading.Thread(target=_warm_quietly, args=(services,), daemon=True, name="warm-up").start()
        yield

    app = FastAPIOffline(title="劳动维权助手 API", version="1.0", description=API_DESCRIPTION, lifespan=lifespan,
                  openapi_tags=[{"name": n} for n in ("咨询", "OpenAI 兼容", "法规检索", "计算器", "文书起草",
                                                      "案件", "反馈", "管理", "运行状态")])
    app.state.services = services
    install_error_handlers(app)
    install_domain_error_handlers(app)
    document_api(app, services.api_settings)
    for module in (search, ask, openai_compat, calculate, documents, cases, admin, health):
        app.include_router(module.router)
    cfg = services.api_settings
    # Order: the last added runs first. Metrics see every response, including 413s and CORS preflights.
    # The body limit stays our middleware: FastAPI's max_body_size answers a plain-text "Content Too Large",
    # not the API's {"error": {"code", "message"}} with the limit in Chinese.
    app.add_middleware(BodySizeLimit, max_body=cfg.max_body_bytes, max_upload=cfg.max_upload_bytes)
    app.add_middleware(AnswerSlots, limit=cfg.max_concurrent_answers)
    app.add_middleware(WrongKeyLimit, per_minute=cfg.rate_limit_per_minute, counts=services.rate_limiter.counts)
    if cfg.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=cfg.cors_origins, allow_methods=["GET", "POST", "PATCH"],
                           allow_headers=["Authorization", "X-API-Key", "Content-Type", "Accept"])
    app.add_middleware(RequestMetrics, metrics=services.metrics)
    return app


def _warm_quietly(services: Services) -> None:
    try:
        services.warm_up()
    except Exception as exc:  # no index yet (staff upload one in 管理): /readyz says so
        log.info("warm-up skipped: %s", type(exc).__name__)

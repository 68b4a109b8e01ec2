"""Liveness, readiness (ready means warm: the index is open and has answered one search) and Prometheus metrics."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError

from assistant.api.deps import FeedbackDep, MetricsDep
from assistant.api.metrics import CONTENT_TYPE
from assistant.errors import LaborAssistantError

log = logging.getLogger(__name__)
router = APIRouter(tags=["运行状态"])


def _not_ready(message: str) -> JSONResponse:
    return JSONResponse({"status": "not_ready", "error": {"code": "not_ready", "message": message}}, status_code=503)


@router.get("/healthz", summary="进程存活")
async def healthz() -> dict:  # async: answered on the event loop, never queued behind answers in the thread pool
    return {"status": "ok"}


@router.get("/readyz", summary="可以提供服务（法规索引已加载，并已完成一次预热检索）",
            responses={503: {"description": "索引尚未建立或无法打开"}})
async def readyz(request: Request):
    try:
        stats = await run_in_threadpool(request.app.state.services.warm_up)
    except Exception as exc:  # any failure to open or search the index means "not ready", the reason in Chinese
        return _not_ready(exc.message if isinstance(exc, LaborAssistantError) else "法规索引无法打开")
    provisions = stats.get("provisions", 0)
    if not provisions:
        return _not_ready("法规索引是空的")
    return {"status": "ready", "provisions": provisions}


@router.get("/metrics", summary="Prometheus 指标（文本格式）", response_class=Response)
async def metrics(request: Request, metrics: MetricsDep, feedback: FeedbackDep) -> Response:
    try:
        counts = await run_in_threadpool(feedback.counts)
        metrics.review_requests_open.set(counts["open_reviews"])
    except (OSError, SQLAlchemyError, LaborAssistantError) as exc:  # metrics render even without the database
        log.warning("open review requests left out of /metrics: %s", type(exc).__name__)
    try:
        services = request.app.state.services
        metrics.set_review_stats(await run_in_threadpool(lambda: services.cases.review_stats()))
    except Exception as exc:  # metrics must render even when the case database is unavailable
        log.warning("case review figures left out of /metrics: %s", type(exc).__name__)
    # Only when already loaded: a scrape must never trigger a cold index load.
    index = getattr(request.app.state.services._assistant, "_index", None)
    if index is not None:
        metrics.index_provisions.set(index.stats().get("provisions", 0))
    return Response(metrics.render(), media_type=CONTENT_TYPE)

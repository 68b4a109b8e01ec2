"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse

from assistant.api.deps import AssistantDep, FeedbackDep, MetricsDep
from assistant.api.metrics import CONTENT_TYPE

router = APIRouter(tags=["运行状态"])


@router.get("/healthz", summary="进程存活")
def healthz() -> dict:
    return {"status": "ok"}


@router.get("/readyz", summary="可以提供服务（法规索引已加载）",
            responses={503: {"description": "索引尚未建立或无法打开"}})
async def readyz(assistant: AssistantDep):
    try:
        stats = await run_in_threadpool(assistant.stats)
    except Exception as exc:  # any failure to open the index means "not ready", with the reason in Chinese
        message = getattr(exc, "message", None) or "法规索引无法打开"
        return JSONResponse({"status": "not_ready", "error": {"code": "not_ready", "message": message}},
                            status_code=503)
    provisions = _provision_count(stats)
    if not provisions:
        return JSONResponse({"status": "not_ready", "error": {"code": "not_ready", "message": "法规索引是空的"}},
                            status_code=503)
    return {"status": "ready", "provisions": provisions}


@router.get("/metrics", summary="Prometheus 指标（文本格式）", response_class=PlainTextResponse)
async def metrics(metrics: MetricsDep, assistant: AssistantDep, feedback: FeedbackDep) -> PlainTextResponse:
    gauges: dict[str, tuple[str, float]] = {}
    try:
        counts = await run_in_threadpool(feedback.counts)
        gauges["labor_review_requests_open"] = ("Human review requests not yet handled.", counts["open_reviews"])
    except Exception:  # metrics must render even when the feedback file is unavailable
        pass
    index = getattr(assistant, "_index", None)
    if index is not None:  # only when already loaded: a scrape must never trigger a cold index load
        try:
            gauges["labor_index_provisions"] = ("Provisions in the loaded index.", _provision_count(index.stats()))
        except Exception:
            pass
    return PlainTextResponse(metrics.render(gauges), media_type=CONTENT_TYPE)


def _provision_count(stats) -> int:
    if isinstance(stats, dict):
        for key in ("provisions", "n_provisions", "total", "count", "articles"):
            if isinstance(stats.get(key), int):
                return stats[key]
        return 1 if stats else 0
    return int(bool(stats))

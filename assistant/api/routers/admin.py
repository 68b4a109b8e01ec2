"""Staff: ingest uploaded files, corpus statistics, feedback export and human-review requests; public: feedback."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, File, Form, Path, Query, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse

from assistant.api.deps import ApiSettingsDep, AssistantDep, FeedbackDep, MetricsDep, PublicCaller, StaffCaller
from assistant.api.errors import InvalidInput, NotFound, PayloadTooLarge
from assistant.api.schemas import ERROR_RESPONSES, FeedbackIn, FeedbackOut, ReviewUpdate
from assistant.serialize import to_jsonable

router = APIRouter(prefix="/v1", responses=ERROR_RESPONSES)

# What staff may say an upload is. Nothing uploaded is official until staff says so: the default is "document".
UploadCategory = Literal["document", "case", "policy", "law", "administrative_regulation", "departmental_rule",
                         "judicial_interpretation", "local_regulation"]


@router.post("/ingest", tags=["管理"], summary="导入法规或文档文件（工作人员）",
             description="multipart/form-data，字段名 files，可多个。接受的类型与大小由设置决定；"
                         "返回导入摘要：导入了什么、拒绝了什么及一句原因。")
async def ingest(assistant: AssistantDep, settings: ApiSettingsDep, metrics: MetricsDep, _: StaffCaller,
                 files: list[UploadFile] = File(description="要导入的文件"),
                 category: UploadCategory = Form("document", description="文件类别，由工作人员确认；默认是上传者自己的文档"
                                                 "（document），不会被当作官方法律"),
                 status: Literal["in_force", "repealed"] = Form("in_force", description="现行有效或已失效")):
    from ingest.uploads import UploadRefused, UploadTooLarge

    try:
        report = await run_in_threadpool(
            assistant.ingest_uploads, [(f.filename, f.file) for f in files], allowed_types=settings.upload_types,
            max_bytes=settings.max_upload_bytes, category=category, status=status)
    except UploadTooLarge as exc:
        raise PayloadTooLarge(exc.message) from None
    except UploadRefused as exc:
        raise InvalidInput(exc.message, field=exc.field) from None
    metrics.count("ingest", "ok")
    return report


@router.get("/admin/stats", tags=["管理"], summary="法规库统计（工作人员）")
async def stats(assistant: AssistantDep, feedback: FeedbackDep, _: StaffCaller) -> dict:
    corpus = to_jsonable(await run_in_threadpool(assistant.stats))
    return {"corpus": corpus, "feedback": await run_in_threadpool(feedback.counts)}


@router.post("/feedback", tags=["反馈"], response_model=FeedbackOut, status_code=201,
             summary="对回答的评价（有帮助/没帮助 + 意见），或请人工复核")
async def add_feedback(body: FeedbackIn, feedback: FeedbackDep, metrics: MetricsDep, _: PublicCaller):
    if body.rating is None and not body.comment.strip() and not body.review_requested:
        raise InvalidInput("请给出评价、意见或人工复核请求中的至少一项")
    item = await run_in_threadpool(lambda: feedback.add(**body.model_dump()))
    metrics.count("feedback", "review" if body.review_requested else (body.rating or "comment"))
    return item


@router.get("/admin/feedback", tags=["管理"], summary="导出反馈（工作人员）",
            responses={200: {"content": {"application/json": {}, "text/csv": {}, "application/x-ndjson": {}}}})
async def export_feedback(feedback: FeedbackDep, _: StaffCaller,
                          format: Literal["json", "csv", "jsonl"] = Query("json")):
    if format == "csv":
        return PlainTextResponse(await run_in_threadpool(feedback.export_csv), media_type="text/csv; charset=utf-8",
                                 headers={"Content-Disposition": 'attachment; filename="feedback.csv"'})
    if format == "jsonl":
        return PlainTextResponse(await run_in_threadpool(feedback.export_jsonl), media_type="application/x-ndjson")
    return await run_in_threadpool(lambda: feedback.list(limit=1_000_000))


@router.get("/admin/reviews", tags=["管理"], response_model=list[FeedbackOut], summary="人工复核请求（工作人员）")
async def reviews(feedback: FeedbackDep, _: StaffCaller,
                  status: Literal["open", "done"] | None = Query(None, description="只看待处理或已处理的")):
    return await run_in_threadpool(lambda: feedback.list(reviews_only=True, status=status))


@router.patch("/admin/reviews/{review_id}", tags=["管理"], response_model=FeedbackOut, summary="处理复核请求（工作人员）")
async def update_review(body: ReviewUpdate, feedback: FeedbackDep, _: StaffCaller,
                        review_id: int = Path(ge=1, le=2**62)):
    item = await run_in_threadpool(feedback.set_review, review_id, body.status, body.note)
    if item is None:
        raise NotFound("没有这条复核请求")
    return item

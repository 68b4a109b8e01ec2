"""Request bodies of the case desk routes (``/v1/cases``). Responses are the case desk's own models
(``assistant.cases.models``), returned as they are."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from assistant.api.schemas import ERROR_RESPONSES, ErrorResponse
from assistant.cases.models import CaseIntake, EvidenceItem, ReferralStatus, ReferralTarget, Status

_FORBID = ConfigDict(extra="forbid")


class CaseCodeSpec(TypedDict):
    """What a case code is wherever one is taken (a body field or a path segment): ``Field(**CASE_CODE)``,
    ``Path(**CASE_CODE)``."""

    max_length: int
    examples: list[str]


CASE_CODE: CaseCodeSpec = {"max_length": 40, "examples": ["7K2M-9QXP"]}

# The case routes add the refusals of the desk: 404 for a case that is not there *for this caller* (unknown code,
# wrong secret and another organisation's case alike), 409 for a step the case's state does not allow.
CASE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    404: {"model": ErrorResponse, "description": "没有这个案件（编号或查询码不对，或不是本机构的案件），或案件中没有这条记录"},
    409: {"model": ErrorResponse, "description": "案件当前的状态不允许这项操作（如已办结的案件不能再移交）"},
}


class OpenCase(CaseIntake):
    """A case opened through the API. ``source`` says which door: ``chat`` (the worker agreed: ``consent`` must be
    true) or ``api`` (another app posts a case with its key). A staff key always opens a ``staff`` case."""

    source: Literal["chat", "api"] = Field("chat", description="chat：劳动者在对话中同意立案；api：其他系统转来")


class WorkerCheck(BaseModel):
    """The worker's case code and secret (查询码), in the body so they never land in a URL or an access log."""

    model_config = _FORBID
    code: str = Field(min_length=1, **CASE_CODE)
    secret: str = Field(min_length=1, max_length=40, description="立案时给出的查询码")


class WorkerReviewRequest(WorkerCheck):
    answer_id: int = Field(ge=1, le=2**62, description="要复核的回答（进度查询中 answers 的 id）")
    comment: str = Field("", max_length=2000, description="劳动者想让工作人员注意的地方")


class Assign(BaseModel):
    model_config = _FORBID
    assignee: str | None = Field(None, max_length=100, description="承办人；为空表示取消指派")


class StatusChange(BaseModel):
    model_config = _FORBID
    status: Status
    reason: str | None = Field(None, max_length=2000, description="不予受理时必须写明理由")


class NoteIn(BaseModel):
    model_config = _FORBID
    text: str = Field(min_length=1, max_length=8000)


class FactsEdit(BaseModel):
    model_config = _FORBID
    changes: dict[str, Any] = Field(min_length=1, description='逐条更正，如 {"pay.monthly_wage": "8000"}；改动会留痕',
                                    examples=[{"pay.monthly_wage": "8000"}])


class EvidenceIn(BaseModel):
    model_config = _FORBID
    items: list[EvidenceItem] = Field(min_length=1, max_length=200)


class DraftIn(BaseModel):
    model_config = _FORBID
    fields: dict[str, Any] | None = Field(None, description="在案情之外补充或改写的文书字段（同 /v1/documents 的 case）")


class ReviewRequestIn(BaseModel):
    model_config = _FORBID
    answer_id: int = Field(ge=1, le=2**62)
    comment: str = Field("", max_length=2000)


class ReviewDecision(BaseModel):
    """Confirm the answer as shown (no ``text``), or correct it; every reference is checked against the corpus."""

    model_config = _FORBID
    text: str | None = Field(None, max_length=40000, description="更正后的回答；为空表示确认原回答")
    citations: list[str] | None = Field(None, max_length=100, description="依据的条文，如 劳动合同法#38",
                                        examples=[["劳动合同法#38"]])


class ReferralIn(BaseModel):
    model_config = _FORBID
    target: ReferralTarget
    details: dict[str, Any] | None = Field(None, description="份数、请求事项、援助预审信息等（按移交对象）")


class ReferralUpdate(BaseModel):
    model_config = _FORBID
    status: ReferralStatus
    result: str | None = Field(None, max_length=4000, description="对方的处理结果")

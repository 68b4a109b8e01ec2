"""Finding provisions: search in everyday Chinese, and one article by law and number."""

from __future__ import annotations

from pathlib import PurePath

from fastapi import APIRouter, Path

from assistant.api.deps import ApiSettingsDep, AssistantDep, PublicCaller, check_question
from assistant.api.errors import InvalidInput, NotFound
from assistant.api.schemas import ERROR_RESPONSES, Hit, ProvisionOut, SearchRequest, SearchResponse

router = APIRouter(prefix="/v1", tags=["法规检索"], responses=ERROR_RESPONSES)


@router.post("/search", response_model=SearchResponse, summary="按问题检索相关条文")
def search(body: SearchRequest, assistant: AssistantDep, settings: ApiSettingsDep, _: PublicCaller):
    query = check_question(body.query, settings, field="query")
    # An empty filter is no filter (a form sends "" for a field left blank), never a filter matching nothing.
    hits = assistant.search(query, k=body.k, law=(body.law or "").strip() or None,
                            category=(body.category or "").strip() or None, include_repealed=body.include_repealed)
    return SearchResponse(query=query, hits=[Hit(**_public(h.to_dict())) for h in hits])


def _public(hit: dict) -> dict:
    """A hit without the server's folders: ``source`` is the file name only."""
    if hit.get("source"):
        hit["source"] = PurePath(str(hit["source"])).name
    return hit


@router.get("/provisions/{law}/{article}", response_model=ProvisionOut, summary="按法律和条号取一条条文",
            description="law 为法律简称或别名（如 劳动合同法），article 为 38、276-1 或 第三十八条。")
def provision(assistant: AssistantDep, _: PublicCaller,
              law: str = Path(max_length=200, examples=["劳动合同法"]),
              article: str = Path(max_length=40, examples=["38"])):
    if not law.strip() or not article.strip():
        raise InvalidInput("请给出法律名称和条号")
    try:
        found = assistant.provision(law.strip(), article.strip())
    except (ValueError, KeyError):
        found = None
    if found is None:
        raise NotFound(f"法规库中没有找到 {law} 第 {article} 条")
    fields = {k: v for k, v in found.to_dict().items() if k in ProvisionOut.model_fields}
    return ProvisionOut(**fields, cited_by=[c.id for c in assistant.citing(found.id)],
                        repealed_paragraphs=found.repealed_paragraphs)

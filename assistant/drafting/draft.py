"""``draft()``: a case (and optionally the worker's narrative) → a complete, printable document with its checks."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from assistant.drafting.blocks import to_markdown
from assistant.drafting.case import Case
from assistant.drafting.case_load import load_case
from assistant.drafting.catalog import get_type
from assistant.drafting.checks import check_values, derive, missing_fields
from assistant.drafting.claims import SuggestedClaim, claim_hints, fill_claims, suggested_claims
from assistant.drafting.compose import Ctx, ground_article, offline_facts
from assistant.drafting.documents_union import (
    procuratorate_referral,
    union_opinion_letter,
    union_reminder_letter,
    union_suggestion_letter,
)
from assistant.drafting.documents_worker import (
    arbitration_application,
    inspection_complaint,
    legal_aid_application,
    resignation_notice,
)
from assistant.drafting.docx_render import to_docx
from assistant.drafting.errors import DraftingError, DraftInputError, UnknownDocumentType  # noqa: F401
from assistant.drafting.extract import Extracted
from assistant.drafting.fill import merge_facts
from assistant.drafting.guidance import guide_basis, guide_hints, matching_guides
from assistant.drafting.narrative import read_narrative
from assistant.drafting.validation import parse_date
from assistant.drafting.verify import CitationCheck, ground_numbers, verify_citations
from assistant.facts.model import CaseFacts
from assistant.numerals import article_label

log = logging.getLogger(__name__)

MAX_NARRATIVE_CHARS = 200_000
_COUNTY_OR_ABOVE = re.compile(r"县|区|市|省|自治|全国|旗|州|盟|产业|行业")

BUILDERS = {
    "arbitration_application": arbitration_application,
    "inspection_complaint": inspection_complaint,
    "resignation_notice": resignation_notice,
    "union_reminder_letter": union_reminder_letter,
    "union_opinion_letter": union_opinion_letter,
    "union_suggestion_letter": union_suggestion_letter,
    "procuratorate_referral": procuratorate_referral,
    "legal_aid_application": legal_aid_application,
}
_ROLES = {
    "arbitration_application": "申请人（劳动者）、被申请人（用人单位）",
    "inspection_complaint": "投诉人（劳动者）、被投诉单位",
    "resignation_notice": "本人（劳动者）、贵单位",
    "union_reminder_letter": "本工会、贵单位",
    "union_opinion_letter": "本工会、贵单位",
    "union_suggestion_letter": "本工会、该单位（用人单位）",
    "procuratorate_referral": "本工会、涉事单位、劳动者",
    "legal_aid_application": "申请人（劳动者）、对方当事人（用人单位）",
}
_NO_FACTS_SECTION = {"resignation_notice"}
_PERSONAL_KEYS = {"id_number", "phone", "address", "birth_date"}


class Draft(BaseModel):
    doc_type: str
    name: str
    fields: dict[str, Any]
    missing: list[str] = Field(default_factory=list, description="仍为空白的必填项（中文）")
    markdown: str
    docx: bytes = Field(default=b"", exclude=True, repr=False)
    citations: list[CitationCheck] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    extracted: list[Extracted] = Field(default_factory=list)
    auto_filled: list[str] = Field(default_factory=list,
                                   description="从叙述（案情）自动填入的字段路径；文书中标注「自动提取，请核对」")
    suggested_claims: list[SuggestedClaim] = Field(default_factory=list,
                                                   description="案情支持、但尚未写入请求事项的请求，供工作人员选择")
    hints: list[str] = Field(default_factory=list, description="办事指南给工作人员的提示：可补充的证据、时限")
    drafted_by: str = Field("rules", description="事实与理由的来源：rules（按字段生成）或 model（模型起草）")


def draft(doc_type: str, case: dict | None, narrative: str | None = None, *, chat_model: Any = None,
          calculate: Callable[..., Any] | None = None, resolve: Callable[[str], Any] | None = None,
          today: date | None = None, facts: CaseFacts | None = None) -> Draft:
    """Draft a document. Bad values and missing fields become warnings and blanks; a request that cannot be a
    document at all (unknown type, a case that is not an object, a narrative that is not text) raises
    :class:`DraftingError`, and a case field that cannot be read (an unknown key, an object where text belongs)
    raises :class:`DraftInputError` naming it.

    ``facts``: the case as already understood (案情, e.g. from the conversation); without it the narrative is read.
    Either way the document is pre-filled from the facts, the user's own values winning."""
    dtype = get_type(doc_type) if isinstance(doc_type, str) else None
    if dtype is None:
        raise UnknownDocumentType(f"不支持的文书类型：{doc_type}", detail="可用类型见 document_types()")
    if narrative is not None and not isinstance(narrative, str):
        raise DraftingError("当事人叙述应为文字")
    try:
        c, warnings = load_case(case)
    except TypeError as exc:
        raise DraftingError(str(exc)) from None
    on = today or date.today()
    narrative = (narrative or "").strip()
    if len(narrative) > MAX_NARRATIVE_CHARS:
        narrative = narrative[:MAX_NARRATIVE_CHARS]
        warnings.append(f"叙述超过 {MAX_NARRATIVE_CHARS} 字，只处理了前 {MAX_NARRATIVE_CHARS} 字")

    extracted: list[Extracted] = []
    auto: list[str] = []
    if facts is None and narrative:
        facts, notes = read_narrative(narrative, chat_model, today=on)
        warnings += notes
    if facts is not None:
        merged, extracted, auto = merge_facts(case, facts, narrative, doc_type)
        c, more = load_case(merged)
        warnings += [w for w in more if w not in warnings]
        if auto:
            warnings.append(f"有 {len(auto)} 项信息是从叙述中自动提取的，尚未确认，请逐项核对")
        warnings += [f"请核对：{n.message}" for n in [*facts.conflicts, *facts.implausible]]

    warnings += check_values(c, on)
    signed = parse_date(c.date) if c.date else None
    signed_on = date.fromisoformat(signed) if signed and len(signed) == 10 else on
    warnings += derive(c, signed_on, set(auto))  # age on the date signed
    warnings += fill_claims(c, calculate)
    warnings += _deadline_notes(doc_type, c, on)
    missing = missing_fields(doc_type, c)

    guides = matching_guides(doc_type, c)
    proposed = suggested_claims(doc_type, c, facts, calculate)
    hints = claim_hints(proposed) + guide_hints(guides, c)
    ctx = Ctx(doc_type, c, on, auto=set(auto))
    ctx.facts = offline_facts(ctx, guide_basis(guides, resolve))
    drafted_by = "rules"
    if chat_model is not None and doc_type not in _NO_FACTS_SECTION:
        text, notes = _facts_by_model(chat_model, dtype.name, doc_type, c, missing, narrative, resolve, ctx.facts)
        warnings += notes
        if text:
            ctx.facts, drafted_by = text, "model"

    doc = BUILDERS[doc_type](ctx)
    citations, notes = verify_citations(doc, resolve)
    warnings += notes
    log.info("drafted %s: %d missing, %d warnings, %d extracted", doc_type, len(missing), len(warnings),
             len(extracted))
    return Draft(doc_type=doc_type, name=dtype.name, fields=c.model_dump(mode="json"), missing=missing,
                 markdown=to_markdown(doc), docx=to_docx(doc), citations=citations,
                 warnings=list(dict.fromkeys(warnings)), hints=hints, extracted=extracted, auto_filled=auto,
                 suggested_claims=proposed, drafted_by=drafted_by)


def _deadline_notes(doc_type: str, c: Case, on: date) -> list[str]:
    """Time limits staff must not miss, from the dates the case gives; and who may send a suggestion letter."""
    if doc_type == "union_suggestion_letter" and c.union.level and not _COUNTY_OR_ABOVE.search(c.union.level):
        return ["工会劳动法律监督建议书一般由县级以上工会向劳动行政等部门提出，请核对发函工会的层级"]
    end = c.end_date if c.end_date and len(parse_date(c.end_date) or "") == 10 else None
    if not end:
        return []
    days = (on - date.fromisoformat(end)).days
    if doc_type == "arbitration_application" and days > 365:
        return ["离职已超过一年，请核对仲裁时效（劳动争议调解仲裁法第二十七条：一般自知道或者应当知道权利被侵害之日起"
                "一年；拖欠劳动报酬的，自劳动关系终止之日起一年内提出）"]
    if doc_type == "inspection_complaint" and days > 730:
        return ["劳动关系终止已超过两年：违法行为终了后两年内未被发现、举报、投诉的，劳动保障行政部门不再查处"
                "（劳动保障监察条例第二十条），请考虑申请仲裁"]
    return []


def _facts_by_model(chat_model, name, doc_type, c: Case, missing, narrative, resolve, offline: str):
    from assistant.drafting.llm_steps import facts_with_model

    ids = list(get_type(doc_type).legal_basis)
    articles = []
    for aid in dict.fromkeys(ids):
        law, _, art = aid.partition("#")
        try:
            provision = resolve(aid) if resolve else None
        except Exception:  # the article list is a help for the model, not a requirement
            provision = None
        article_text = getattr(provision, "text", "")  # "" for no provision (None) too
        snippet = f"：{article_text[:120]}" if article_text else ""
        articles.append(f"《{law}》{article_label(art)}{snippet}")
    for claim in c.claims:
        if claim.basis:
            articles.append(claim.basis)
    for g in c.grounds:
        if g.item is not None:
            articles.append(ground_article(g.item))
    shared = _without_personal(c.model_dump(mode="json", exclude_none=True))
    text, notes = facts_with_model(chat_model, document=name, roles=_ROLES[doc_type], case=shared, missing=missing,
                                   articles=articles, narrative=narrative)
    if not text:
        return None, notes
    sources = [narrative, json.dumps(c.model_dump(mode="json"), ensure_ascii=False), offline]
    text, more = ground_numbers(text, sources)
    return text, notes + more


def _without_personal(data: Any) -> Any:
    """ID numbers, phones and addresses are not sent to the model: the facts never need them."""
    if isinstance(data, dict):
        return {k: _without_personal(v) for k, v in data.items() if k not in _PERSONAL_KEYS}
    if isinstance(data, list):
        return [_without_personal(v) for v in data]
    return data

"""What an answer is made of besides the model: the parts the offline composer works from, an article quoted
from the corpus, the calculators' part of a model's answer, and the calculators and documents to suggest.

The offline answer itself is composed in :mod:`assistant.answering.compose`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.answering.models import SuggestedAction
from assistant.answering.retrieve import Basis, ExactReferences
from assistant.statutes import Provision
from assistant.verification import with_repeal_marks

MAX_QUOTE_CHARS = 320


@dataclass(slots=True)
class OfflineParts:
    question: str
    bases: Sequence[Basis]
    guide_matches: Sequence
    exact: ExactReferences
    calculations: list = field(default_factory=list)  # (SuggestedCalculation, CalcResult | None)
    clarifying: str | None = None
    notices: list[str] = field(default_factory=list)
    case: Any = None  # the CaseFacts the answer is about (dates for the deadline)


def quote(p: Provision, max_chars: int = MAX_QUOTE_CHARS) -> str:
    """The article's text as a markdown quote, whole paragraphs up to ``max_chars``."""
    paragraphs = [line.strip() for line in with_repeal_marks(p.text, p.repealed_paragraphs).split("\n") if line.strip()]
    kept: list[str] = []
    used = 0
    for para in paragraphs:
        if kept and used + len(para) > max_chars:
            kept.append("……")
            break
        if not kept and len(para) > max_chars:  # one long paragraph: cut at a clause boundary
            cut = max(para.rfind(mark, 0, max_chars) for mark in "，；：。")
            if cut > 0:
                kept.append(para[: cut + 1] + "……")
                break
        kept.append(para)
        used += len(para)
    return "\n".join(f"> {line}" for line in kept)


def calculation_sections(calculations: list) -> list[tuple[str, str | None]]:
    """(markdown, the law its bare article numbers belong to) for each calculation that produced a result.

    A calculator writes "第四十六条" meaning an article of its own law (the law of its first article); verifying
    each section with that law as the default keeps such references from being read as another law's.
    """
    sections = []
    for _suggestion, result in calculations:
        if result is None:
            continue
        lines = [f"**{result.title}**"]
        if result.amount is not None:
            lines.append(f"- 金额：{result.amount} 元")
        for name, value in (result.amounts or {}).items():
            lines.append(f"- {name}：{value} 元")
        if result.formula:
            lines.append(f"- 公式：{result.formula}")
        if result.articles:
            lines.append("- 依据：" + "、".join(_id_label(a) for a in result.articles))
        lines += [f"- {s}" for s in result.steps[:4]]
        lines += [f"- 假设：{a}" for a in result.assumptions]
        lines += [f"- 地方标准：{r}" for r in result.local_rules]
        lines += [f"- 注意：{w}" for w in result.warnings]
        law = result.articles[0].partition("#")[0] if result.articles else None
        sections.append(("\n".join(lines), law))
    return sections


def _id_label(provision_id: str) -> str:
    """劳动合同法#87 → 劳动合同法第八十七条 (the text is verified like any other reference)."""
    from assistant.numerals import article_label

    law, _, article = provision_id.partition("#")
    return f"{law}{article_label(article)}" if article else law


def suggested_actions(guide_matches: Sequence, calculations: list) -> list[SuggestedAction]:
    """Calculators (prefilled with the numbers in the question) and documents to draft, top guide first."""
    actions: list[SuggestedAction] = []
    seen: set[tuple[str, str]] = set()
    for suggestion, _result in calculations:
        key = ("calculator", suggestion.kind)
        if key not in seen:
            seen.add(key)
            actions.append(SuggestedAction(type="calculator", id=suggestion.kind, title=suggestion.name,
                                           prefilled=_jsonable(suggestion.inputs), missing=list(suggestion.missing)))
    for match in list(guide_matches)[:2]:
        for kind in match.guide.calculators:
            if ("calculator", kind) not in seen:
                seen.add(("calculator", kind))
                actions.append(SuggestedAction(type="calculator", id=kind, title=calculator_title(kind)))
        for doc in match.guide.documents:
            if ("document", doc) not in seen:
                seen.add(("document", doc))
                actions.append(SuggestedAction(type="document", id=doc, title=DOCUMENT_TITLES.get(doc, doc)))
    return actions


def calculator_title(kind: str) -> str:
    try:
        from assistant.calculators import KINDS

        return KINDS[kind].name
    except (ImportError, KeyError, AttributeError):
        return kind


def _jsonable(inputs: dict) -> dict:
    from datetime import date
    from decimal import Decimal

    def conv(v):
        if isinstance(v, Decimal):
            return str(v)
        if isinstance(v, date):
            return v.isoformat()
        return v

    return {k: conv(v) for k, v in inputs.items()}


DOCUMENT_TITLES = {
    "arbitration_application": "劳动仲裁申请书",
    "inspection_complaint": "劳动保障监察投诉书",
    "resignation_notice": "解除劳动合同通知书",
    "union_reminder_letter": "工会劳动法律监督提示函",
    "union_opinion_letter": "工会劳动法律监督意见书",
    "union_suggestion_letter": "工会劳动法律监督建议书",
    "procuratorate_referral": "提请检察机关支持起诉材料",
    "legal_aid_application": "法律援助申请书",
}

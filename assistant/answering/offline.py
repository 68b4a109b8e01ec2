"""The offline answer: composed from the matched guides, the retrieved articles and the calculators, no model.

Sections: 要点 · 法律依据 (articles quoted from the corpus) · 你可以怎么做 (steps, channels, deadlines) ·
需要准备的证据 · 可以使用的工具 (calculator result with its formula, documents to draft). Labeled as composed
without a language model; the text then goes through the same verification as a model's answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from assistant.answering.models import OFFLINE_LABEL, SuggestedAction
from assistant.answering.retrieve import Basis, ExactReferences
from assistant.statutes import Provision

MAX_QUOTED = 8  # measured: with 8 the gold article is among them for 85% of questions, with 5 for 78%
FULL_QUOTES = 4  # the first ones at length, the rest as a short excerpt
MAX_QUOTE_CHARS = 320
SHORT_QUOTE_CHARS = 90
MAX_STEPS = 6
MAX_EVIDENCE = 6


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


def quoted_bases(bases: Sequence[Basis], exact: ExactReferences, limit: int | None = None) -> list[Provision]:
    """The articles quoted under 法律依据: the ones asked about, then the best-ranked articles in force."""
    limit = limit or MAX_QUOTED
    chosen: list[Provision] = list(exact.found)
    for b in bases:
        if len(chosen) >= max(limit, len(exact.found)):
            break
        if b.is_statute and b.provision not in chosen:
            chosen.append(b.provision)
    return chosen


def quote(p: Provision, max_chars: int = MAX_QUOTE_CHARS) -> str:
    """The article's text as a markdown quote, whole paragraphs up to ``max_chars``."""
    paragraphs = [line.strip() for line in p.text.split("\n") if line.strip()]
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


def compose_offline(parts: OfflineParts) -> str:
    guides = [m.guide for m in parts.guide_matches]
    top = guides[0] if guides else None
    out: list[str] = []
    for notice in parts.notices:
        out.append(f"> ⚠️ {notice}")
    out.append(f"> {OFFLINE_LABEL}")

    points: list[str] = list(parts.exact.missing)
    if top:
        points.append(top.summary.strip())
        if top.notice:
            points.append(top.notice.strip())
        points += [f"另见“{g.title}”：{g.summary.strip()}" for g in guides[1:2]]
    elif not parts.exact.found:
        points.append("没有找到与你的问题直接对应的办事指南，下面列出检索到的相关条文，供你对照。")
    if parts.clarifying:
        points.append(parts.clarifying)
    out.append("## 要点\n" + "\n".join(f"- {p}" for p in points))

    quoted = quoted_bases(parts.bases, parts.exact)
    if quoted:
        body = "\n\n".join(f"**{p.label}**\n{quote(p, MAX_QUOTE_CHARS if i < FULL_QUOTES else SHORT_QUOTE_CHARS)}"
                             for i, p in enumerate(quoted))
        out.append("## 法律依据\n" + body)

    if top:
        steps = "\n".join(f"{i}. {s}" for i, s in enumerate(top.steps[:MAX_STEPS], 1))
        channels = "\n".join(f"- **{c.name}**：{c.how}" for c in top.channels)
        section = f"## 你可以怎么做\n{steps}\n\n**求助渠道**\n{channels}"
        if top.deadlines:
            section += "\n\n**时限**\n" + "\n".join(f"- {d}" for d in top.deadlines)
        if top.local_rules:
            section += "\n\n**取决于当地标准的事项**\n" + "\n".join(f"- {r}" for r in top.local_rules)
        out.append(section)
        if top.evidence:
            out.append("## 需要准备的证据\n" + "\n".join(f"- {e}" for e in top.evidence[:MAX_EVIDENCE]))
    else:
        out.append("## 你可以怎么做\n"
                   "- 先和单位协商，保留书面或聊天记录；\n"
                   "- 拨打 12333 向劳动保障监察投诉，或向劳动人事争议仲裁委员会申请仲裁；\n"
                   "- 需要帮助可找工会（12351）或法律援助（12348）。")

    return "\n\n".join(out)


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

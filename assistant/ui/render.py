"""Markdown for the web page, from plain answer/guide/result data. Pure functions, tested without a browser."""

from __future__ import annotations

import html
import re
from typing import Any

from assistant.verification import with_repeal_marks

VERIFIED = "条文已核对"  # the quoted text is the corpus text of an article in force; it says nothing of relevance
STATUS_TEXT = {
    "verified": VERIFIED,
    "not_found": "未核实：法规库中没有这一条",
    "repealed": "未核实：该条文已废止",
    "law_not_in_corpus": "未核实：法规库中没有这部法律",
    "no_law": "未核实：没有写明是哪部法律",
}


def esc(text: Any) -> str:
    """Text from the corpus or a user goes into Markdown/HTML as text, never as markup."""
    return html.escape(str(text or ""), quote=False)


def citation_label(c: dict) -> str:
    if c.get("label"):
        return str(c["label"])
    if c.get("law") and c.get("article"):
        from assistant.numerals import article_label

        try:
            return f"{c['law']}{article_label(str(c['article']))}"
        except (ValueError, KeyError):
            return f"{c['law']}第{c['article']}条"
    return str(c.get("id", ""))


def citation_state(c: dict) -> str:
    """One of two visible states: 条文已核对, or 未核实 with its reason (a status never upgrades an unverified one)."""
    if c.get("verified"):
        return VERIFIED
    if c.get("state") and c["state"] != VERIFIED:  # the answer's own wording (e.g. 已失效，未核实)
        return str(c["state"])
    reason = STATUS_TEXT.get(c.get("status", ""), "未核实")
    return reason if reason.startswith("未核实") else "未核实"


def _quoted(text: Any) -> str:
    body = esc(text).strip()
    return "\n".join("> " + line for line in body.splitlines() if line.strip())


def citation_details(n: int, c: dict) -> str:
    """One article, folded: its name and state in one line, its text one tap away (``<details>``).

    ``n`` is the marker the answer's text uses for it ([1] [2] …); the text keeps blank lines around it so the
    Markdown inside the fold is rendered, not shown as source."""
    head = f"[{n}] {esc(citation_label(c))}　〔{esc(citation_state(c))}〕"
    text = with_repeal_marks(c.get("text", ""), {int(k): v for k, v in (c.get("repealed_paragraphs") or {}).items()})
    quoted = _quoted(text) or "_法规库中没有这一条的原文。_"
    return f'<details class="cite"><summary>{head}</summary>\n\n{quoted}\n\n</details>'


_MARKER = re.compile(r"\[(\d{1,3})\]")


def linked_markers(text: str, numbers: set[int]) -> str:
    """Each marker [n] of an article the answer shows becomes a link to that article under 法律依据 (the page
    script opens and scrolls to it); a marker without its article stays plain text."""
    def link(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in numbers:
            return m.group(0)
        return f'<a class="cite-ref" href="#cite-{n}" aria-label="查看依据{n}">[{n}]</a>'
    return _MARKER.sub(link, text)


def citations_markdown(citations: list[dict]) -> str:
    """The citations panel: every article folded to its name and state; a tap opens its text."""
    if not citations:
        return "_这条回答没有引用具体条文。_"
    return "\n\n".join(citation_details(c.get("n") or i, c) for i, c in enumerate(citations, 1))


def basis_markdown(citations: list[dict]) -> str:
    """法律依据 under an answer in the chat: the same folded articles, so the law is one tap from the answer."""
    if not citations:
        return ""
    return "**法律依据**（点条文看原文）\n\n" + citations_markdown(citations)


_GUIDE_SECTIONS = (("steps", "怎么做"), ("evidence", "需要保留的证据"), ("deadlines", "期限"), ("channels", "可以找谁"),
                   ("local_rules", "取决于当地规定"))  # in the order a worker acts on them


def _guide_item(field: str, n: int, item: Any) -> str:
    if field == "steps":
        return f"{n}. {esc(item)}"
    if field == "channels":
        return f"- **{esc(item.get('name'))}**：{esc(item.get('how'))}"
    return f"- {esc(item)}"


def guide_markdown(guide: Any) -> str:
    """The matched issue guide: what to do, what to keep, by when, where to go."""
    if guide is None:
        return ""
    g = guide if isinstance(guide, dict) else guide.model_dump()
    lines = [f"### {esc(g.get('title'))}", esc(g.get("summary", ""))]
    if g.get("notice"):
        lines.append(f"> 提示：{esc(g['notice'])}")
    for field, heading in _GUIDE_SECTIONS:
        if g.get(field):
            lines.append(f"**{heading}**")
            lines += [_guide_item(field, i, item) for i, item in enumerate(g[field], 1)]
    return "\n\n".join(lines[:2]) + "\n\n" + "\n".join(lines[2:])


def warnings_markdown(warnings: list[str]) -> str:
    return "\n".join(f"> 注意：{esc(w)}" for w in warnings if w)


def answer_footer(data: dict) -> str:
    """What goes under the answer text in the chat bubble: mode, warnings, disclaimer."""
    parts = []
    if data.get("warnings"):
        parts.append(warnings_markdown(data["warnings"]))
    if data.get("mode") == "offline" and not data.get("note"):  # an answer with a note says it once itself
        parts.append("<sub>本回答未使用语言模型，由法条检索和维权指南整理。</sub>")
    if data.get("disclaimer"):
        parts.append(f"<sub>{esc(data['disclaimer'])}</sub>")
    return "\n\n".join(parts)


def hits_markdown(hits: list[dict]) -> str:
    if not hits:
        return "没有找到相关条文。可以换个说法，或直接输入“劳动合同法第三十八条”。"
    out = []
    for i, h in enumerate(hits, 1):
        chapter = " › ".join(h.get("chapter") or [])
        status = "" if h.get("status", "in_force") == "in_force" else "　〔已废止〕"
        out.append(f"**{i}. {esc(h.get('title'))}**{status}  \n<sub>{esc(chapter)}</sub>\n\n{esc(h.get('text'))}")
    return "\n\n---\n\n".join(out)


def provision_markdown(p: dict | None) -> str:
    if not p:
        return "法规库中没有这一条。"
    chapter = " › ".join(p.get("chapter") or [])
    status = "现行有效" if p.get("status", "in_force") == "in_force" else "已废止"
    meta = " · ".join(x for x in (esc(p.get("doc_title") or p.get("law")), esc(chapter), status,
                                  esc(p.get("version_date"))) if x)
    return f"### {esc(p.get('title'))}\n\n<sub>{meta}</sub>\n\n{esc(p.get('text'))}"


def calc_markdown(result: dict) -> str:
    """A calculator result: the amount, the formula, the steps, the articles, and what depends on local rules."""
    lines = [f"### {esc(result.get('title'))}"]
    if result.get("amount") is not None:
        lines.append(f"## {esc(result['amount'])} 元")
    elif result.get("formula"):  # days, dates: the formula is the answer (``result`` holds the same for programs)
        lines.append(f"## {esc(result['formula'])}")
    for name, value in (result.get("amounts") or {}).items():
        lines.append(f"- {esc(name)}：{esc(value)} 元")
    if result.get("formula") and result.get("amount") is not None:
        lines.append(f"\n**计算公式**：{esc(result['formula'])}")
    if result.get("steps"):
        lines.append("\n**计算步骤**")
        lines += [f"{i}. {esc(s)}" for i, s in enumerate(result["steps"], 1)]
    if result.get("articles"):
        lines.append("\n**依据**：" + "、".join(esc(citation_label(_id_parts(a))) for a in result["articles"]))
    for title, key in (("前提假设", "assumptions"), ("取决于当地规定", "local_rules"), ("注意", "warnings")):
        if result.get(key):
            lines.append(f"\n**{title}**")
            lines += [f"- {esc(s)}" for s in result[key]]
    return "\n".join(lines)


def _id_parts(article_id: str) -> dict:
    law, _, article = str(article_id).partition("#")
    return {"id": article_id, "law": law, "article": article} if article else {"id": article_id}

"""The two steps a configured language model does: narrative → fields, and the 事实与理由 text.

Both are checked afterwards by code (``extract.accept_model_fields`` against the narrative, ``verify``); a failing or unreachable model
falls back to the offline path with a warning, never an exception to the user.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from assistant.drafting.extract import EXTRACTABLE, accept_model_fields, parse_model_json
from assistant.facts.model import CaseFacts

log = logging.getLogger(__name__)

MAX_NARRATIVE_CHARS = 8000  # what is sent to the model; the rules still read the whole narrative
MAX_FACTS_CHARS = 3000


def _ask(chat_model: Any, system_name: str, user_name: str, **slots: str) -> str:
    from langchain_core.messages import HumanMessage, SystemMessage

    from assistant.llm import load_prompt, render_prompt

    messages = [SystemMessage(content=load_prompt(system_name)),
                HumanMessage(content=render_prompt(load_prompt(user_name), **slots))]
    reply = chat_model.invoke(messages)
    content = reply.content if hasattr(reply, "content") else reply
    if isinstance(content, list):  # some providers return content parts
        content = "".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)
    return str(content)


def _clip(narrative: str) -> tuple[str, list[str]]:
    if len(narrative) <= MAX_NARRATIVE_CHARS:
        return narrative, []
    return narrative[:MAX_NARRATIVE_CHARS], [f"叙述过长，只有前 {MAX_NARRATIVE_CHARS} 字交给模型处理"]


def _neutralize(narrative: str) -> str:
    """A narrative cannot close the <narrative> tag it is wrapped in."""
    return re.sub(r"</?\s*narrative\s*>", "", narrative, flags=re.IGNORECASE)


def extract_with_model(chat_model: Any, narrative: str) -> tuple[CaseFacts, list[str]]:
    """The model fills the CaseFacts paths of ``EXTRACTABLE``; only values it quotes from the narrative are kept."""
    text, notes = _clip(narrative)
    fields = "\n".join(f"{path}：{label}" for path, (label, _) in EXTRACTABLE.items())
    try:
        reply = _ask(chat_model, "drafting_extract_system", "drafting_extract_user",
                     fields=fields, narrative=_neutralize(text))
    except Exception as exc:  # network, quota, bad endpoint: offline rules take over
        log.warning("drafting extraction by model failed: %s", type(exc).__name__)
        return CaseFacts(), notes + ["模型提取失败，已改用规则提取"]
    data = parse_model_json(reply)
    if not data:
        return CaseFacts(), notes + ["模型没有返回可读的提取结果，已改用规则提取"]
    found, more = accept_model_fields(data, text)
    return found, notes + more


def facts_with_model(chat_model: Any, *, document: str, roles: str, case: dict, missing: list[str],
                     articles: list[str], narrative: str) -> tuple[str | None, list[str]]:
    """The model's 事实与理由, plain text; None (with a warning) when the model fails."""
    text, notes = _clip(narrative or "")
    try:
        reply = _ask(chat_model, "drafting_facts_system", "drafting_facts_user",
                     document=document, roles=roles,
                     case=json.dumps(case, ensure_ascii=False, indent=1, default=str),
                     missing="、".join(missing) or "无", articles="\n".join(articles) or "（无）",
                     narrative=_neutralize(text) or "（无）")
    except Exception as exc:
        log.warning("drafting facts by model failed: %s", type(exc).__name__)
        return None, notes + ["模型起草失败，事实与理由已按填写的信息自动生成"]
    text = _plain(reply)[:MAX_FACTS_CHARS]
    if not _looks_like_chinese_prose(text):
        return None, notes + ["模型返回的内容不是可用的中文正文，事实与理由已按填写的信息自动生成"]
    return text, notes


def _looks_like_chinese_prose(text: str) -> bool:
    """Some Chinese, and mostly Chinese: an empty or noisy reply must not become a document's reasoning."""
    visible = [ch for ch in text if not ch.isspace()]
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in visible)
    return cjk >= 8 and cjk >= 0.5 * len(visible)


def _plain(reply: str) -> str:
    """Markdown a model adds anyway (headings, bold, bullets) removed; paragraphs kept."""
    lines = []
    for line in reply.replace("\r", "").split("\n"):
        line = re.sub(r"^\s{0,3}(#{1,6}\s*|[-*+]\s+|>\s*)", "", line)
        line = line.replace("**", "").replace("__", "").strip()
        if line in {"事实与理由", "事实和理由", "事实与理由：", "事实和理由："}:
            continue
        if line:
            lines.append(line)
    return "\n".join(lines)

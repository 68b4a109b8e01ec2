"""The 咨询 conversation without Gradio: stream an answer, then what the side panels and action buttons show."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from assistant.answering.models import SECTION_TITLES
from assistant.guides import get_guide
from assistant.serialize import answer_dict
from assistant.ui import render

MAX_ACTIONS = 3


def history_for(chat: list[dict]) -> list[dict[str, str]]:
    """Earlier turns in the shape ``Assistant.ask`` takes (text only, roles user/assistant)."""
    turns = []
    for m in chat:
        content = m.get("content")
        if isinstance(content, list):
            content = "".join(p.get("text", "") for p in content if isinstance(p, dict))
        if m.get("role") in ("user", "assistant") and isinstance(content, str) and content.strip():
            turns.append({"role": m["role"], "content": content})
    return turns


def stream_answer(assistant: Any, question: str, history: list[dict], facts: Any = None
                  ) -> Iterator[tuple[str, Any]]:
    """("partial", text so far) while tokens arrive, then ("final", answer dict) once. ``facts``: the case kept from
    the previous answer (only this question is read) or corrections to apply; the final dict carries the case the
    answer used under ``"case"`` (a CaseFacts, to keep for the next question)."""
    text = ""
    for event in assistant.ask_stream(question, history=history, facts=facts):
        if event.type == "token":
            if event.text:
                text += event.text
                yield "partial", text
        elif event.answer is not None:
            yield "final", {**answer_dict(event.answer), "replaces_stream": event.replaces_stream,
                            "case": event.answer.facts}
            return


def final_bubble(data: dict) -> str:
    """The answer as the chat shows it: its sections when the answer carries them (结论 / 你可能拿到 / 下一步 open,
    the rest folded, each article of 法律依据 one tap away), otherwise its text and the articles; then warnings and
    the disclaimer."""
    body = sections_markdown(data)
    if not body:
        body = "\n\n".join(p for p in (data["answer"], render.basis_markdown(data.get("citations") or [])) if p)
    return "\n\n".join(p for p in (body, render.answer_footer(data)) if p)


def sections_markdown(data: dict) -> str:
    """The answer's sections (spans of its text: ``{"key", "title", "start", "end", "folded"}``) as Markdown, a
    folded one behind its title (``<details>``); "" when the answer carries none. 法律依据 is drawn from the
    verified citations, one fold per article, so a tap on an article's name opens its text; a marker [n] in the
    text is a link to its article there."""
    text = data.get("answer") or ""
    sections = data.get("sections") or []
    citations = data.get("citations") or []
    numbers = {int(c["n"]) for c in citations if c.get("n")}
    parts = []
    # shown in the order a worker reads them, whatever order the text has: a model's answer carries the
    # calculators' part (你可能拿到) after its own text, and it belongs on the first screen
    order = {key: i for i, key in enumerate(SECTION_TITLES)}
    for s in sorted(sections, key=lambda s: (bool(s.get("folded")), order.get(s.get("key"), len(order)))):
        if s.get("key") == "basis":
            parts.append(render.basis_markdown(citations))
            continue
        chunk = render.linked_markers(text[s.get("start", 0):s.get("end", 0)].strip(), numbers)
        if not chunk:
            continue
        if s.get("folded"):
            heading, _, rest = chunk.partition("\n") if chunk.startswith("#") else ("", "", chunk)
            title = s.get("title") or heading.lstrip("# ").strip() or "更多"
            parts.append(f"<details><summary>{render.esc(title)}</summary>\n\n{rest.strip()}\n\n</details>")
        else:
            parts.append(chunk)
    if sections and numbers and not any(s.get("key") == "basis" for s in sections):
        parts.append(render.basis_markdown(citations))  # a model's answer: its markers lead here too
    return "\n\n".join(p for p in parts if p)


def guides_markdown(guide_ids: list[Any]) -> str:
    """The first matched guide in full (steps, evidence, deadlines, channels); others by title."""
    parts: list[str] = []
    others: list[str] = []
    for gid in guide_ids:
        gid = gid.get("id") if isinstance(gid, dict) else gid
        try:
            guide = get_guide(str(gid))
        except Exception:  # an unknown id in an answer must not break the page
            continue
        if not parts:
            parts.append(render.guide_markdown(guide))
        else:
            others.append(render.esc(guide.title))
    if others:
        parts.append("**相关问题**：" + "、".join(others))
    return "\n\n".join(parts)


def actions_of(data: dict) -> list[dict]:
    """Suggested calculators and documents, at most ``MAX_ACTIONS`` with a button label each: the best calculators
    and, when one is suggested, the best document (a worker often needs both: what am I owed, and what to file)."""
    usable = [a for a in data.get("suggested_actions") or []
              if a.get("type") in ("calculator", "document") and a.get("id")]
    calcs = [a for a in usable if a["type"] == "calculator"]
    docs = [a for a in usable if a["type"] == "document"]
    chosen = calcs[:MAX_ACTIONS - 1] + docs[:1] if docs else calcs[:MAX_ACTIONS]
    chosen += [a for a in usable if a not in chosen][:MAX_ACTIONS - len(chosen)]
    out = []
    for a in sorted(chosen, key=usable.index):
        verb = "去计算" if a["type"] == "calculator" else "去起草"
        out.append({**a, "button": f"{verb}：{a.get('title') or a['id']}"})
    return out

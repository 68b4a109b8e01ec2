"""法规查询: search in everyday words, or open one article (with its chapter) by law and number."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.ui import render
from assistant.ui.access import Door


def search_markdown(assistant: Any, query: str, max_chars: int) -> str:
    query = (query or "").strip()
    if not query:
        return "请输入要查的问题或条文，例如“试用期最长多久”或“劳动合同法第三十八条”。"
    if len(query) > max_chars:
        return f"注意：输入太长：最多 {max_chars} 字。"
    try:
        hits = assistant.search(query, k=8)
    except Exception as exc:  # index missing or busy: say so in plain words
        return f"注意：{render.esc(getattr(exc, 'message', None) or '检索暂时不可用，请稍后再试')}"
    return render.hits_markdown([h.to_dict() for h in hits])


def article_markdown(assistant: Any, law: str, article: str) -> str:
    law, article = (law or "").strip(), (article or "").strip()
    if not law or not article:
        return "请填写法律名称和条号，例如 劳动合同法、38。"
    try:
        found = assistant.provision(law, article)
    except Exception:
        found = None
    return render.provision_markdown(found.to_dict() if found else None)


def build(assistant_of, max_chars: int, door: Door) -> None:
    with gr.Row():
        query = gr.Textbox(label="查什么", placeholder="如：加班费怎么算；劳动合同法第三十八条", scale=4, min_width=220)
        go = gr.Button("查询", variant="primary", scale=1, min_width=80)
    results = gr.Markdown(elem_id="law-results")
    with gr.Accordion("按条号查看一条", open=False):
        with gr.Row():
            law = gr.Textbox(label="法律", placeholder="劳动合同法", min_width=160)
            article = gr.Textbox(label="条号", placeholder="38 或 第三十八条", min_width=120)
            open_btn = gr.Button("查看", min_width=80)
        one = gr.Markdown()

    def search(key: str, q: str, request: gr.Request = None) -> str:
        refused = door.refusal(request, key)
        return f"注意：{render.esc(refused)}" if refused else search_markdown(assistant_of(), q, max_chars)

    def show(key: str, lw: str, ar: str, request: gr.Request = None) -> str:
        refused = door.refusal(request, key)
        return f"注意：{render.esc(refused)}" if refused else article_markdown(assistant_of(), lw, ar)

    key = door.key_input()
    go.click(search, [key, query], results)
    query.submit(search, [key, query], results)
    open_btn.click(show, [key, law, article], one)

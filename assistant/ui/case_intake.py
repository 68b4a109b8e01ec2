"""「建立案件」 under the chat: with the worker's consent the conversation, the case facts (案情) the answers used and
the last answer shown become a case on the desk; the worker gets the case code and the secret, shown once.

The case goes to the deployment's default organisation (``LABOR_CASE_ORGANISATION``); staff there see it on the
案件台账. Optionally the last answer is put up for human review (人工复核) at once, attached to the case, so the
reviewed answer is what the worker reads when checking progress.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.cases import Actor, AnswerShown, CaseError, CaseIntake, Message
from assistant.ui import consult, render
from assistant.ui.access import Door

CONSENT = "我同意把这段对话和我的情况交给工会工作人员办理"
MAX_TURNS = 200  # what a case keeps of a conversation (the desk's own bound)
MAX_MESSAGE = 8000


def intake_from_chat(chat: list, last: dict | None, facts: Any, consent: bool) -> CaseIntake:
    """The case a chat opens: the text turns, the facts the answers used, the last answer with its citations."""
    turns = [t for t in consult.history_for(chat or []) if t.get("role") in ("user", "assistant")][-MAX_TURNS:]
    conversation = [Message(role=t["role"], content=str(t["content"])[:MAX_MESSAGE]) for t in turns]
    answers = []
    if last and last.get("question"):
        answers.append(AnswerShown(question=str(last["question"])[:MAX_MESSAGE],
                                   answer=str(last.get("answer") or "")[:40000],
                                   citations=list(last.get("citations") or [])[:100], mode=last.get("mode")))
    dumped = facts.model_dump(mode="json") if hasattr(facts, "model_dump") else (facts or None)
    return CaseIntake(source="chat", consent=bool(consent), conversation=conversation, answers=answers, facts=dumped)


def open_from_chat(services: Any, chat: list, last: dict | None, facts: Any, consent: bool, review: bool,
                   door: Door | None = None, request: Any = None, key: str = "") -> str:
    """Open the case and say what the worker must keep: the code and the secret (shown this once). Through
    ``door`` it passes the API's access and rate check like every other handler of the page."""
    if not consent:
        return f"注意：建立案件前请勾选「{CONSENT}」。"
    if not consult.history_for(chat or []):
        return "注意：请先说说你的情况，再建立案件。"
    refused = door.refusal(request, key) if door is not None else None
    if refused:
        return f"注意：{refused}"
    try:
        desk = services.cases
        opened = desk.open_case(intake_from_chat(chat, last, facts, consent), Actor.system(name="劳动者（网页对话）"))
        note = ""
        if review and opened.case.answers:
            desk.request_review(opened.code, Actor.worker(opened.code, opened.secret), opened.case.answers[-1].id,
                                "劳动者在对话中请人工复核")
            note = "\n\n已请工作人员复核最后一条回答，复核后的回答会显示在查询结果里。"
    except CaseError as exc:
        return f"注意：{exc.message}"
    return (f"### 案件已建立\n\n- 案件编号：**{render.esc(opened.code)}**\n- 查询码：**{render.esc(opened.secret)}**\n\n"
            "请记下这两项（查询码只显示这一次），在「案件 → 查询进度」里查看办理情况。" + note)


def build(services: Any, chat: Any, door: Door | None = None) -> None:
    """The 「建立案件」 box under the chat; ``chat`` is the consult tab (its chatbot, last answer and case)."""
    door = door or Door(services)
    with gr.Accordion("交给工会办理（建立案件）", open=False, elem_id="case-intake"):
        consent = gr.Checkbox(label=CONSENT, value=False, elem_id="case-consent")
        review = gr.Checkbox(label="同时请人工复核最后一条回答", value=False, elem_id="case-review")
        button = gr.Button("建立案件", variant="primary", elem_id="case-open")
        out = gr.Markdown(elem_id="case-opened")

    def run(history, last, facts, agreed, wants_review, key, request: gr.Request):
        return open_from_chat(services, history, last, facts, agreed, wants_review, door, request, key)

    button.click(run, [chat.chatbot, chat.last, chat.case, consent, review, door.key_input()], out,
                 api_visibility="private")

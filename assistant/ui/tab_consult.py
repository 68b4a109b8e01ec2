"""咨询: streaming chat, citations with their verified state, the matched guide, actions, feedback, human review."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from assistant.ui import consult, render

log = logging.getLogger(__name__)
EXAMPLES = [
    "老板三个月没发工资，我想辞职，还能要到补偿吗？",
    "试用期最长可以约定多久？",
    "公司一直不跟我签劳动合同怎么办？",
]
EMPTY_PANEL = "_提问后，这里会列出回答引用的法律条文及核实情况。_"


@dataclass
class ConsultTab:
    chatbot: Any = None
    last: Any = None  # gr.State: the last answer dict
    actions: list[Any] = field(default_factory=list)


def build(assistant_of, services) -> ConsultTab:
    tab = ConsultTab()
    max_chars = services.api_settings.max_question_chars
    feedback = services.feedback
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            tab.chatbot = gr.Chatbot(label="对话", height=460, layout="bubble", elem_id="chat",
                                     placeholder="你好！说说你遇到的劳动问题，比如欠薪、被辞退、加班、工伤。",
                                     feedback_options=None, buttons=["copy"])
            with gr.Row():
                question = gr.Textbox(show_label=False, placeholder="在这里输入你的问题……", lines=2, scale=5,
                                      min_width=200, max_length=max_chars, elem_id="question")
                send = gr.Button("发送", variant="primary", scale=1, min_width=70, elem_id="send")
            with gr.Row():
                tab.actions = [gr.Button(visible=False, size="sm", elem_classes=["action-btn"]) for _ in
                               range(consult.MAX_ACTIONS)]
            gr.Examples(EXAMPLES, inputs=question, label="可以这样问", elem_id="examples")
            with gr.Accordion("这个回答有帮助吗？", open=False, elem_id="feedback-box"):
                with gr.Row():
                    helpful = gr.Button("有帮助", size="sm", min_width=90)
                    unhelpful = gr.Button("没帮助", size="sm", min_width=90)
                    review = gr.Button("请人工复核", size="sm", min_width=120)
                comment = gr.Textbox(label="意见（可选）", lines=2, max_length=2000)
                thanks = gr.Markdown()
        with gr.Column(scale=2, min_width=280):
            with gr.Accordion("引用的条文", open=True, elem_id="citations-box"):
                citations = gr.Markdown(EMPTY_PANEL, elem_id="citations", max_height=560, line_breaks=True)
            with gr.Accordion("维权指南", open=True):
                guide = gr.Markdown("", elem_id="guide", max_height=480)
    tab.last = gr.State({})

    def respond(message: str, chat: list[dict]):
        message = (message or "").strip()
        no_actions = [gr.update(visible=False) for _ in tab.actions]
        if not message:
            yield gr.update(), chat, gr.update(), gr.update(), gr.update(), *no_actions
            return
        if len(message) > max_chars:
            warning = f"问题太长了：最多 {max_chars} 字。"
            yield message, chat + [{"role": "assistant", "content": warning}], gr.update(), gr.update(), {}, *no_actions
            return
        history = consult.history_for(chat)
        chat = chat + [{"role": "user", "content": message}, {"role": "assistant", "content": "正在查找相关条文……"}]
        yield "", chat, "_正在核对引用……_", "", {}, *no_actions
        try:
            for kind, payload in consult.stream_answer(assistant_of(), message, history):
                if kind == "partial":
                    chat[-1] = {"role": "assistant", "content": payload}
                    yield "", chat, gr.update(), gr.update(), gr.update(), *no_actions
                else:
                    data = {**payload, "question": message, "history": history}
                    chat[-1] = {"role": "assistant", "content": consult.final_bubble(payload)}
                    acts = consult.actions_of(payload)
                    buttons = [gr.update(visible=True, value=acts[i]["button"]) if i < len(acts) else
                               gr.update(visible=False) for i in range(len(tab.actions))]
                    yield ("", chat, render.citations_markdown(payload.get("citations", [])),
                           consult.guides_markdown(payload.get("guides", [])), data, *buttons)
        except Exception as exc:  # the page must answer something readable whatever broke
            log.error("answer on the web page failed: %s", type(exc).__name__)
            chat[-1] = {"role": "assistant", "content": "抱歉，生成回答时出错了，请稍后再试。"
                        + (f"（{render.esc(exc.message)}）" if hasattr(exc, "message") else "")}
            yield "", chat, EMPTY_PANEL, "", {}, *no_actions

    outputs = [question, tab.chatbot, citations, guide, tab.last, *tab.actions]
    send.click(respond, [question, tab.chatbot], outputs)
    question.submit(respond, [question, tab.chatbot], outputs)

    def record(last: dict, text: str, rating: str | None, wants_review: bool):
        if not last or not last.get("question"):
            return "请先提一个问题，再评价回答。", text
        feedback.add(question=last["question"], answer=last.get("answer", ""),
                     citations=last.get("citations", []), rating=rating, comment=(text or "").strip(),
                     review_requested=wants_review)
        if wants_review:
            return "已提交人工复核请求，工作人员会查看这条回答。", ""
        return "谢谢你的反馈！", ""

    helpful.click(lambda last, t: record(last, t, "helpful", False), [tab.last, comment], [thanks, comment])
    unhelpful.click(lambda last, t: record(last, t, "unhelpful", False), [tab.last, comment], [thanks, comment])
    review.click(lambda last, t: record(last, t, None, True), [tab.last, comment], [thanks, comment])
    return tab

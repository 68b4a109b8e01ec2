"""咨询: streaming chat, citations with their verified state, the matched guide, actions, feedback, human review."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from assistant.facts import FactsInputError
from assistant.ui import consult, facts_card, render

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
    case: Any = None  # gr.State: the CaseFacts of the conversation (the last answer's), passed back on each question
    actions: list[Any] = field(default_factory=list)
    fact_inputs: list[Any] = field(default_factory=list)  # the card's form, in facts_card.FIELDS order


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
            clear = gr.Button("清空对话", size="sm", variant="secondary", elem_id="clear-chat")
        with gr.Column(scale=2, min_width=280):
            with gr.Accordion("我理解的情况", open=True, elem_id="facts-box"):
                card = gr.Markdown(facts_card.EMPTY_CARD, elem_id="facts-card")
                with gr.Accordion("说得不对？在这里更正", open=False, elem_id="facts-edit"):
                    tab.fact_inputs = [
                        gr.Dropdown(label=f.label, choices=facts_card.termination_choices(), value="",
                                    elem_id="fact-termination") if f.choice else
                        gr.Textbox(label=f.label, placeholder=f.placeholder, max_lines=1,
                                   elem_id="fact-" + f.path.replace(".", "-").replace("_", "-"))
                        for f in facts_card.FIELDS]
                    recompute = gr.Button("按更正重新计算", variant="primary", size="sm", elem_id="recompute")
                facts_note = gr.Markdown("", elem_id="facts-note")
            with gr.Accordion("引用的条文", open=True, elem_id="citations-box"):
                citations = gr.Markdown(EMPTY_PANEL, elem_id="citations", max_height=560, line_breaks=True)
            with gr.Accordion("维权指南", open=True):
                guide = gr.Markdown("", elem_id="guide", max_height=480)
    tab.last = gr.State({})
    tab.case = gr.State(None)
    keep_card = [gr.update() for _ in range(2 + len(tab.fact_inputs))]  # card, its form, the note beside it

    def card_of(case) -> list[Any]:
        return [facts_card.card_markdown(case), *facts_card.form_values(case), ""]

    def answer(message: str, history: list[dict], chat: list[dict], facts: Any, case_before: Any, box: Any = ""):
        """Stream one answer into the last bubble; then the panels, the actions and the card follow it.
        ``box``: what the question box gets (emptied after a question, left alone on a recompute)."""
        no_actions = [gr.update(visible=False) for _ in tab.actions]
        chat[-1] = {"role": "assistant", "content": "正在查找相关条文……"}
        yield box, chat, "_正在核对引用……_", "", {}, case_before, *keep_card, *no_actions
        try:
            for kind, payload in consult.stream_answer(assistant_of(), message, history, facts):
                if kind == "partial":
                    chat[-1] = {"role": "assistant", "content": payload}
                    yield box, chat, gr.update(), gr.update(), gr.update(), case_before, *keep_card, *no_actions
                else:
                    case = payload.pop("case", None)
                    data = {**payload, "question": message, "history": history}
                    chat[-1] = {"role": "assistant", "content": consult.final_bubble(payload)}
                    acts = consult.actions_of(payload)
                    buttons = [gr.update(visible=True, value=acts[i]["button"]) if i < len(acts) else
                               gr.update(visible=False) for i in range(len(tab.actions))]
                    yield (box, chat, render.citations_markdown(payload.get("citations", [])),
                           consult.guides_markdown(payload.get("guides", [])), data, case, *card_of(case), *buttons)
        except Exception as exc:  # the page must answer something readable whatever broke
            log.error("answer on the web page failed: %s", type(exc).__name__)
            chat[-1] = {"role": "assistant", "content": "抱歉，生成回答时出错了，请稍后再试。"
                        + (f"（{render.esc(exc.message)}）" if hasattr(exc, "message") else "")}
            yield box, chat, EMPTY_PANEL, "", {}, case_before, *keep_card, *no_actions

    def respond(message: str, chat: list[dict], case: Any):
        message = (message or "").strip()
        no_actions = [gr.update(visible=False) for _ in tab.actions]
        if not message:
            yield gr.update(), chat, gr.update(), gr.update(), gr.update(), case, *keep_card, *no_actions
            return
        if len(message) > max_chars:
            warning = f"问题太长了：最多 {max_chars} 字。"
            yield (message, chat + [{"role": "assistant", "content": warning}], gr.update(), gr.update(), {}, case,
                   *keep_card, *no_actions)
            return
        history = consult.history_for(chat)
        chat = chat + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        # the kept case: the earlier turns are not read again, only this question
        yield from answer(message, history, chat, case, case)

    def recompute_answer(last: dict, chat: list[dict], case: Any, *values):
        """Re-ask the last question over the corrected case; the answer replaces the last one."""
        # everything up to the note beside the card stays as it is when nothing is re-asked
        keep = [gr.update() for _ in range(7 + len(tab.fact_inputs))]
        no_actions = [gr.update() for _ in tab.actions]
        if not last or not last.get("question") or not chat:
            yield *keep, "请先提一个问题，再更正情况。", *no_actions
            return
        changes = facts_card.corrections(case, list(values))
        if not changes:
            yield *keep, "没有改动：修改上面的内容后再点「按更正重新计算」。", *no_actions
            return
        try:
            fixed = facts_card.corrected(case, changes)
        except FactsInputError as exc:  # nothing changes: the worker's entry is shown back with the reason
            yield *keep, facts_card.error_text(exc), *no_actions
            return
        # sent as corrections, applied after the conversation is read (a fact emptied stays empty)
        again = facts_card.entered_by_user(fixed) | {path: "" for path, value in changes.items() if value == ""}
        yield from answer(last["question"], last.get("history") or [], list(chat), again, case, gr.update())

    def clear_all():
        no_actions = [gr.update(visible=False) for _ in tab.actions]
        return "", [], EMPTY_PANEL, "", {}, None, *card_of(None), *no_actions

    outputs = [question, tab.chatbot, citations, guide, tab.last, tab.case, card, *tab.fact_inputs, facts_note,
               *tab.actions]
    send.click(respond, [question, tab.chatbot, tab.case], outputs)
    question.submit(respond, [question, tab.chatbot, tab.case], outputs)
    recompute.click(recompute_answer, [tab.last, tab.chatbot, tab.case, *tab.fact_inputs], outputs)
    clear.click(clear_all, None, outputs)

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

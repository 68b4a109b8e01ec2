"""咨询: streaming chat, citations with their verified state, the matched guide, actions, feedback, human review."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from assistant.facts import FactsInputError
from assistant.ui import consult, facts_card, render
from assistant.ui.access import Door

log = logging.getLogger(__name__)
EXAMPLES = [
    "老板三个月没发工资，我想辞职，还能要到补偿吗？",
    "试用期最长可以约定多久？",
    "公司一直不跟我签劳动合同怎么办？",
]
EMPTY_PANEL = "_提问后，这里会列出回答引用的法律条文及核实情况。_"


# Under each answer in the chat (Gradio draws them as buttons there; the page's CSS keeps them in view).
HELPFUL, UNHELPFUL, REVIEW = "有帮助", "没帮助", "请人工复核"
FEEDBACK_OPTIONS = (HELPFUL, UNHELPFUL, REVIEW)
COMMENT_LABEL = "意见（可选：先写在这里，再点回答下面的 有帮助 / 没帮助 / 请人工复核）"
# The new answer's start, not its end, is brought into view (Gradio's own autoscroll goes to the bottom).
SCROLL_TO_ANSWER = """() => { setTimeout(() => {
  const chat = document.querySelector('#chat');
  const bots = chat ? chat.querySelectorAll('.bot-row') : [];
  const last = bots[bots.length - 1];
  if (!last) { return; }
  let box = last.parentElement;
  while (box && box !== chat && !(box.scrollHeight > box.clientHeight + 1
         && ['auto', 'scroll'].includes(getComputedStyle(box).overflowY))) { box = box.parentElement; }
  if (box) { box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 44; }
  window.scrollTo({top: window.scrollY + chat.getBoundingClientRect().top - 4});
}, 80); }"""  # 44 px: the chat's own label sits over the top of its scrolling box


@dataclass
class ConsultTab:
    chatbot: Any = None
    last: Any = None  # gr.State: the last answer dict
    answers: Any = None  # gr.State: {index of the answer's message in the chat: that answer}, what feedback is on
    case: Any = None  # gr.State: the CaseFacts of the conversation (the last answer's), passed back on each question
    actions: list[Any] = field(default_factory=list)
    fact_inputs: list[Any] = field(default_factory=list)  # the card's form, in facts_card.FIELDS order
    rate: Any = None  # the feedback handler without Gradio's event object (what a tap under an answer calls)


def build(assistant_of, services, door: Door) -> ConsultTab:
    tab = ConsultTab()
    max_chars = services.api_settings.max_question_chars
    feedback = services.feedback
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=300):
            tab.chatbot = gr.Chatbot(label="对话", height=460, layout="bubble", elem_id="chat", autoscroll=False,
                                     placeholder="你好！说说你遇到的劳动问题，比如欠薪、被辞退、加班、工伤。",
                                     feedback_options=FEEDBACK_OPTIONS, buttons=["copy"])
            with gr.Row():
                # One line that grows: Enter sends, Shift+Enter starts a new line (Gradio's rule for lines=1).
                question = gr.Textbox(show_label=False, placeholder="在这里输入你的问题，按回车发送（Shift+回车换行）",
                                      lines=1, max_lines=6, scale=5, min_width=200, max_length=max_chars,
                                      elem_id="question")
                send = gr.Button("发送", variant="primary", scale=1, min_width=70, elem_id="send")
            with gr.Row():
                tab.actions = [gr.Button(visible=False, size="sm", elem_classes=["action-btn"]) for _ in
                               range(consult.MAX_ACTIONS)]
            gr.Examples(EXAMPLES, inputs=question, label="可以这样问", elem_id="examples")
            thanks = gr.Markdown(elem_id="feedback-note")
            with gr.Accordion("写几句意见（可选）", open=False, elem_id="feedback-box"):
                comment = gr.Textbox(label=COMMENT_LABEL, lines=2, max_length=2000, elem_id="feedback-comment")
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
                citations = gr.Markdown(EMPTY_PANEL, elem_id="citations", max_height=560)
            with gr.Accordion("维权指南", open=True):
                guide = gr.Markdown("", elem_id="guide", max_height=480)
    tab.last = gr.State({})
    tab.answers = gr.State({})
    tab.case = gr.State(None)
    keep_card = [gr.update() for _ in range(2 + len(tab.fact_inputs))]  # card, its form, the note beside it

    def card_of(case) -> list[Any]:
        return [facts_card.card_markdown(case), *facts_card.form_values(case), ""]

    def answer(message: str, history: list[dict], chat: list[dict], facts: Any, case_before: Any, answers: dict,
               box: Any = ""):
        """Stream one answer into the last bubble; then the panels, the actions and the card follow it.
        ``box``: what the question box gets (emptied after a question, left alone on a recompute)."""
        no_actions = [gr.update(visible=False) for _ in tab.actions]
        chat[-1] = {"role": "assistant", "content": "正在查找相关条文……"}
        yield box, chat, "_正在核对引用……_", "", {}, answers, case_before, *keep_card, *no_actions
        try:
            for kind, payload in consult.stream_answer(assistant_of(), message, history, facts):
                if kind == "partial":
                    chat[-1] = {"role": "assistant", "content": payload}
                    yield (box, chat, gr.update(), gr.update(), gr.update(), answers, case_before, *keep_card,
                           *no_actions)
                else:
                    case = payload.pop("case", None)
                    data = {**payload, "question": message, "history": history}
                    chat[-1] = {"role": "assistant", "content": consult.final_bubble(payload)}
                    answers = {**answers, len(chat) - 1: data}  # a recompute replaces the answer it re-asks
                    acts = consult.actions_of(payload)
                    buttons = [gr.update(visible=True, value=acts[i]["button"]) if i < len(acts) else
                               gr.update(visible=False) for i in range(len(tab.actions))]
                    yield (box, chat, render.citations_markdown(payload.get("citations", [])),
                           consult.guides_markdown(payload.get("guides", [])), data, answers, case, *card_of(case),
                           *buttons)
        except Exception as exc:  # the page must answer something readable whatever broke
            log.error("answer on the web page failed: %s", type(exc).__name__)
            chat[-1] = {"role": "assistant", "content": "抱歉，生成回答时出错了，请稍后再试。"
                        + (f"（{render.esc(exc.message)}）" if hasattr(exc, "message") else "")}
            yield box, chat, EMPTY_PANEL, "", {}, answers, case_before, *keep_card, *no_actions

    def respond(message: str, chat: list[dict], case: Any, answers: dict, key: str = "",
                request: gr.Request = None):
        message = (message or "").strip()
        no_actions = [gr.update(visible=False) for _ in tab.actions]
        if not message:
            yield gr.update(), chat, gr.update(), gr.update(), gr.update(), answers, case, *keep_card, *no_actions
            return
        refused = door.refusal(request, key)
        if refused is None and len(message) > max_chars:
            refused = f"问题太长了：最多 {max_chars} 字。"
        if refused:  # the question stays in its box, to send again
            yield (message, chat + [{"role": "assistant", "content": refused}], gr.update(), gr.update(), {},
                   answers, case, *keep_card, *no_actions)
            return
        history = consult.history_for(chat)
        chat = chat + [{"role": "user", "content": message}, {"role": "assistant", "content": ""}]
        # the kept case: the earlier turns are not read again, only this question
        yield from answer(message, history, chat, case, case, answers)

    def recompute_answer(last: dict, chat: list[dict], case: Any, answers: dict, key: str, request: gr.Request,
                         *values):
        """Re-ask the last question over the corrected case; the answer replaces the last one. The request comes
        before the card's ``*values``: Gradio hands it only to a parameter there (after them it is always None)."""
        # everything up to the note beside the card stays as it is when nothing is re-asked
        keep = [gr.update() for _ in range(8 + len(tab.fact_inputs))]
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
        refused = door.refusal(request, key)
        if refused:
            yield *keep, f"⚠️ {render.esc(refused)}", *no_actions
            return
        # sent as corrections, applied after the conversation is read (a fact emptied stays empty)
        again = facts_card.entered_by_user(fixed) | {path: "" for path, value in changes.items() if value == ""}
        yield from answer(last["question"], last.get("history") or [], list(chat), again, case, answers,
                          gr.update())

    def clear_all():
        """A fresh start: the chat, both panels, the card and its form, the actions, and what feedback is on."""
        no_actions = [gr.update(visible=False) for _ in tab.actions]
        return "", [], EMPTY_PANEL, "", {}, {}, None, *card_of(None), *no_actions, "", ""

    key_in = door.key_input()
    outputs = [question, tab.chatbot, citations, guide, tab.last, tab.answers, tab.case, card, *tab.fact_inputs,
               facts_note, *tab.actions]
    asked = [question, tab.chatbot, tab.case, tab.answers, key_in]
    for trigger in (send.click, question.submit):
        trigger(respond, asked, outputs).then(None, js=SCROLL_TO_ANSWER)
    recompute.click(recompute_answer, [tab.last, tab.chatbot, tab.case, tab.answers, key_in, *tab.fact_inputs],
                    outputs).then(None, js=SCROLL_TO_ANSWER)
    clear.click(clear_all, None, [*outputs, thanks, comment])

    def rate(answers: dict, text: str, key: str = "", *, liked: Any = None, index: Any = None,
             request: Any = None) -> tuple[str, Any, dict]:
        """Feedback on the answer it was given under (by its place in the chat), never just the latest one.
        The same choice on the same answer is stored once (the page may send one tap twice)."""
        position = index[0] if isinstance(index, (list, tuple)) else index
        answers = answers or {}
        data = answers.get(position)
        if not data or not data.get("question"):
            return "这一条不是回答，无法评价；请在回答下面点。", gr.update(), answers
        if liked not in FEEDBACK_OPTIONS:  # the same button tapped again takes the choice back: nothing to store
            return "", gr.update(), answers
        asked = render.esc(_short(data["question"]))
        wants_review = liked == REVIEW
        done = (f"已提交人工复核请求（「{asked}」这条回答），工作人员会查看。" if wants_review
                else f"谢谢你的反馈！已记在「{asked}」这条回答上。")
        if liked in data.get("rated", ()):
            return done, gr.update(), answers
        refused = door.refusal(request, key)
        if refused:
            return f"⚠️ {render.esc(refused)}", gr.update(), answers
        rating = {HELPFUL: "helpful", UNHELPFUL: "unhelpful"}.get(liked)
        feedback.add(question=data["question"], answer=data.get("answer", ""), citations=data.get("citations", []),
                     rating=rating, comment=(text or "").strip(), review_requested=wants_review)
        return done, "", {**answers, position: {**data, "rated": [*data.get("rated", ()), liked]}}

    def on_like(answers: dict, text: str, key: str = "", data: gr.LikeData = None, request: gr.Request = None):
        return rate(answers, text, key, liked=getattr(data, "liked", None), index=getattr(data, "index", None),
                    request=request)

    tab.chatbot.like(on_like, [tab.answers, comment, key_in], [thanks, comment, tab.answers])
    tab.rate = rate  # the handler without Gradio's event object, for tests
    return tab


def _short(text: str, limit: int = 20) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"

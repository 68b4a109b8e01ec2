"""The web page (Gradio Blocks, in Chinese, usable on a phone) over the same services as the API."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.drafting.prefill import case_from_facts
from assistant.ui import case_intake, consult, tab_admin, tab_calc, tab_consult, tab_desk, tab_docs, tab_laws
from assistant.ui.access import Door
from assistant.ui.page_script import HEAD

TITLE = "劳动维权助手"
CSS = """
.gradio-container { max-width: min(1100px, 100vw) !important; box-sizing: border-box !important; margin: 0 auto; }
#chat .message { font-size: 16px; line-height: 1.65; }
#chat .message h2 { font-size: 1.1rem; margin: 0.7em 0 0.3em; }
#examples button { white-space: normal !important; max-width: 100%; text-align: left; }
#citations blockquote, #chat details.cite blockquote { font-size: 14px; color: #374151; border-left: 3px solid #60a5fa;
  margin: 6px 0; }
#chat details, #citations details { margin: 4px 0; }
#chat details > summary, #citations details > summary { cursor: pointer; padding: 6px 0; min-height: 32px; }
/* 有帮助 / 没帮助 / 请人工复核 stay in view under each answer (Gradio folds them behind an icon shown on hover) */
#chat .extra-feedback > button:first-child { display: none !important; }
#chat .extra-feedback .extra-feedback-options { display: flex !important; position: static !important;
  flex-direction: row !important; padding: 0 !important; }
#chat .extra-feedback-option { font-size: 14px !important; padding: 4px 10px !important; min-height: 32px; }
@media (max-width: 640px) {
  .gradio-container { padding: 6px !important; }
  #chat { height: 70vh !important; }  /* the answer's first screen: 结论, 你可能拿到, 下一步 */
  h1 { font-size: 1.35rem !important; }
  /* all five tabs in one row at 390 px: none is pushed behind Gradio's overflow menu */
  #tabs .tab-container button { padding: 6px 8px !important; font-size: 15px !important; min-width: 0 !important; }
}
"""
# System fonts only: the page never fetches a web font (the server may have no internet).
THEME = gr.themes.Soft(primary_hue="blue",
                       font=["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"],
                       font_mono=["Noto Sans Mono CJK SC", "monospace"])
HEADER = (f"# {TITLE}\n欠薪、辞退、加班、工伤……说说你的情况，这里给出依据的法律条文（逐条核实）、"
          "怎么做、要留什么证据、还剩多少时间。紧急情况可拨 **12333**（人社）、**12351**（工会）、**12348**（法律援助）。")


def build_ui(services) -> gr.Blocks:
    """``services`` is the API's :class:`assistant.api.Services` (assistant built lazily, feedback store, settings)."""

    def assistant_of() -> Any:
        return services.assistant

    door = Door(services)  # the API's access and rate check, in front of every handler that does work
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(HEADER)
        door.key_field()
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab("咨询", id="consult"):
                chat = tab_consult.build(assistant_of, services, door)
                case_intake.build(services, chat, door)
            with gr.Tab("计算器", id="calc"):
                calc = tab_calc.build(assistant_of, door)
            with gr.Tab("文书起草", id="docs"):
                docs = tab_docs.build(assistant_of, door)
            with gr.Tab("法规查询", id="laws"):
                tab_laws.build(assistant_of, services.api_settings.max_question_chars, door)
            with gr.Tab("管理", id="admin"):
                tab_admin.build(assistant_of, services, door)
            with gr.Tab("案件", id="cases"):
                tab_desk.build_tab(services, door)
        _wire_actions(tabs, chat, calc, docs)
    return demo


def _wire_actions(tabs, chat, calc, docs) -> None:
    """A suggested calculator/document button opens that tab with what the conversation already told us."""
    calc_outputs = [calc.kind, *calc.groups.values(), *calc.all_inputs()] if calc.kind is not None else []
    docs_outputs = ([docs.doc_type, docs.narrative, docs.note, *docs.groups.values(), *docs.all_inputs()]
                    if docs.doc_type is not None else [])

    def open_action(last: dict, case: Any, index: int):
        acts = consult.actions_of(last or {})
        keep_calc = [gr.update() for _ in calc_outputs]
        keep_docs = [gr.update() for _ in docs_outputs]
        if index >= len(acts):
            return [gr.update(), *keep_calc, *keep_docs]
        a = acts[index]
        prefilled = a.get("prefilled") or {}
        if a["type"] == "calculator" and calc.kind is not None and a["id"] in calc.groups:
            return [gr.Tabs(selected="calc"), *calc.prefill(a["id"], prefilled), *keep_docs]
        if a["type"] == "document" and docs.doc_type is not None and a["id"] in docs.groups:
            # The case the conversation built (with the worker's corrections) fills the form, each field to be
            # checked; the chat is not pasted in as a narrative to be read a second time.
            filled_case, filled = document_case(case, a["id"], prefilled)
            return [gr.Tabs(selected="docs"), *keep_calc, *docs.prefill(a["id"], filled_case, "", filled)]
        return [gr.update(), *keep_calc, *keep_docs]

    for i, button in enumerate(chat.actions):
        button.click(lambda last, case, i=i: open_action(last, case, i), [chat.last, chat.case],
                     [tabs, *calc_outputs, *docs_outputs])


def document_case(case: Any, doc_type: str, prefilled: dict | None = None) -> tuple[dict, list[str]]:
    """The drafting case a document opened from the chat starts with: the conversation's facts over what the
    answer suggested, and the case paths they filled (to be marked 「自动提取，请核对」)."""
    if case is None:
        return dict(prefilled or {}), []
    filled_case, filled = case_from_facts(case, doc_type=doc_type)
    return {**(prefilled or {}), **filled_case}, filled


def mount_ui(app, services, path: str = "/ui"):
    """Mount the page on the FastAPI app at ``path`` (same process, same services as the API)."""
    demo = build_ui(services)
    return gr.mount_gradio_app(app, demo, path=path, theme=THEME, css=CSS, footer_links=[], show_error=False, head=HEAD,
                               ssr_mode=False, max_file_size=services.api_settings.max_upload_bytes)

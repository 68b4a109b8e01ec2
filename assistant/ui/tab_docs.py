"""文书起草: a form per document type, a live preview, and the .docx to download."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.serialize import to_jsonable
from assistant.ui import render
from assistant.ui.access import Door
from assistant.ui.forms import FormField, case_from_form, document_fields, form_values_from_case
from assistant.ui.widgets import field_input


@dataclass
class DocsTab:
    doc_type: Any = None
    groups: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, list[tuple[FormField, Any]]] = field(default_factory=dict)
    narrative: Any = None
    note: Any = None  # which fields came from the conversation, to be checked

    def all_inputs(self) -> list[Any]:
        return [comp for t in self.fields for _, comp in self.fields[t]]

    def prefill(self, doc_type: str, case: dict[str, Any], narrative: str = "", filled: Sequence[str] = ()) -> list[Any]:
        """Updates for [type dropdown, narrative, note, *groups, *all inputs]; the narrative is the worker's own
        words; ``filled``: the case paths taken from the conversation, each named in the note for checking."""
        updates: list[Any] = [gr.update(value=doc_type), gr.update(value=narrative) if narrative else gr.update()]
        updates.append(auto_filled_note([f for f, _ in self.fields.get(doc_type, [])], case, filled))
        updates += [gr.update(visible=t == doc_type) for t in self.groups]
        for t, pairs in self.fields.items():
            if t == doc_type:
                values = form_values_from_case([f for f, _ in pairs], case)
                updates += [gr.update(value=v) if v not in ("", None, False) else gr.update() for v in values]
            else:
                updates += [gr.update() for _ in pairs]
        return updates

    def split(self, doc_type: str, values: tuple) -> tuple[list[FormField], list[Any]]:
        offset = 0
        for t, pairs in self.fields.items():
            if t == doc_type:
                return [f for f, _ in pairs], list(values[offset:offset + len(pairs)])
            offset += len(pairs)
        return [], []


def auto_filled_note(fields: list[FormField], case: dict[str, Any], filled: Sequence[str]) -> str:
    """「自动提取，请核对」 and the labels of the form fields the conversation filled."""
    shown = {f.name for f, v in zip(fields, form_values_from_case(fields, case), strict=True) if v not in ("", None, False)}
    labels = [f.label for f in fields if f.name in shown and f.name in set(filled)]
    return ("**自动提取，请核对**：" + "、".join(render.esc(x) for x in labels)) if labels else ""


def document_types(assistant: Any) -> list[dict]:
    listing = getattr(assistant, "document_types", None)
    return to_jsonable(listing()) if listing else []


def make_draft(assistant: Any, doc_type: str, case: dict, narrative: str | None) -> tuple[str, Any]:
    """(preview markdown with what is missing and any warnings, the draft object or None)."""
    draft = getattr(assistant, "draft", None)
    if draft is None:
        return "文书起草尚未启用。", None
    try:
        result = draft(doc_type, case, narrative=(narrative or "").strip() or None)
    except (ValueError, TypeError) as exc:
        return f"注意：{render.esc(getattr(exc, 'message', None) or '案件信息有误，请检查后重试')}", None
    data = to_jsonable(result)
    notes = []
    if data.get("missing"):
        notes.append("**还缺这些内容**（文中留有空白）：" + "、".join(render.esc(m) for m in data["missing"]))
    notes += [f"> 注意：{render.esc(w)}" for w in data.get("warnings") or []]
    preview = data.get("markdown") or ""
    return ("\n\n".join(notes) + "\n\n---\n\n" if notes else "") + preview, result


def docx_file(result: Any, title: str) -> str | None:
    data = result.get("docx") if isinstance(result, dict) else getattr(result, "docx", None)
    if callable(data):
        data = data()
    if not data:
        return None
    folder = Path(tempfile.mkdtemp(prefix="labor-docx-"))
    name = re.sub(r"[^\w\u4e00-\u9fff（）()-]+", "_", title or "文书")[:60] or "文书"
    path = folder / f"{name}.docx"
    path.write_bytes(bytes(data))
    return str(path)


def build(assistant_of, door: Door) -> DocsTab:
    tab = DocsTab()
    types = document_types(assistant_of())
    if not types:
        gr.Markdown("文书起草尚未启用。")
        return tab
    names = {t["id"]: t["name"] for t in types}
    first = types[0]["id"]
    tab.doc_type = gr.Dropdown(label="文书类型", choices=[(t["name"], t["id"]) for t in types], value=first)
    about = gr.Markdown(render.esc(types[0].get("description", "")))
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=300):
            tab.narrative = gr.Textbox(label="劳动者的自述（可选）", lines=3, elem_id="doc-narrative",
                                       placeholder="用几句话说清楚发生了什么：何时入职、工资多少、发生了什么……")
            tab.note = gr.Markdown("", elem_id="doc-autofilled")
            for t in types:
                with gr.Group(visible=t["id"] == first) as group:
                    tab.fields[t["id"]] = [(f, field_input(f)) for f in document_fields(t)]
                tab.groups[t["id"]] = group
            with gr.Row():
                refresh = gr.Button("更新预览")
                make_docx = gr.Button("生成 Word 文件", variant="primary", elem_id="make-docx")
            download = gr.DownloadButton("下载 .docx", visible=False, elem_id="download-docx")
        with gr.Column(scale=1, min_width=300):
            gr.Markdown("#### 预览")
            preview = gr.Markdown("填写左侧内容后，这里会显示文书草稿。", elem_id="doc-preview")

    def switch(doc_type: str):
        about_text = render.esc(next((t.get("description", "") for t in types if t["id"] == doc_type), ""))
        return [about_text, gr.update(visible=False)] + [gr.update(visible=t == doc_type) for t in tab.groups]

    tab.doc_type.change(switch, tab.doc_type, [about, download, *tab.groups.values()])

    def update_preview(request: gr.Request, key: str, doc_type: str, narrative: str, *values):
        refused = door.refusal(request, key)
        if refused:
            return f"注意：{render.esc(refused)}"
        fields, vals = tab.split(doc_type, values)
        text, _ = make_draft(assistant_of(), doc_type, case_from_form(fields, vals), narrative)
        return text

    def build_docx(request: gr.Request, key: str, doc_type: str, narrative: str, *values):
        refused = door.refusal(request, key)
        if refused:
            return f"注意：{render.esc(refused)}", gr.update(visible=False)
        fields, vals = tab.split(doc_type, values)
        text, result = make_draft(assistant_of(), doc_type, case_from_form(fields, vals), narrative)
        path = docx_file(result, names.get(doc_type, doc_type)) if result is not None else None
        return text, gr.update(value=path, visible=path is not None)

    inputs = [door.key_input(), tab.doc_type, tab.narrative, *tab.all_inputs()]
    refresh.click(update_preview, inputs, preview)
    make_docx.click(build_docx, inputs, [preview, download])
    for comp in [tab.narrative, *tab.all_inputs()]:  # live preview: redraw when the person leaves a field
        event = getattr(comp, "blur", None) or getattr(comp, "input", None)
        if event is not None:
            event(update_preview, inputs, preview, trigger_mode="always_last")
    return tab

"""管理 (a staff, reviewer or admin key): upload files to ingest with progress, corpus statistics, feedback export,
review requests."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.access import any_key_reaches
from assistant.serialize import to_jsonable
from assistant.ui import render
from assistant.ui.access import Door
from assistant.ui.widgets import STAFF_ONLY

REVIEW_HEADERS = ["编号", "时间", "问题", "回答（节选）", "引用", "状态"]
ANSWER_EXCERPT = 240
STAT_LABELS = {"provisions": "条文与段落总数", "articles": "法条数", "statutes": "法规数", "statutes_in_force": "现行有效法规数",
               "documents": "其他文档数", "sources": "来源文件数", "build": "索引版本", "created_at": "建立时间",
               "dense": "向量检索"}


def stats_markdown(assistant: Any, feedback) -> str:
    try:
        stats = to_jsonable(assistant.stats())
    except Exception as exc:
        stats = {"状态": getattr(exc, "message", None) or "法规索引无法打开"}
    counts = feedback.counts()
    lines = ["#### 法规库"] + [f"- {render.esc(STAT_LABELS.get(k, k))}：{render.esc(v if v not in ('', None) else '未启用')}"
                              for k, v in (stats or {}).items() if not isinstance(v, (dict, list))]
    for k, v in (stats or {}).items():
        if isinstance(v, dict):
            parts = "，".join(f"{render.esc(a)} {render.esc(b)}" for a, b in v.items())
            lines.append(f"- {render.esc(STAT_LABELS.get(k, k))}：{parts}")
    lines += ["#### 反馈", (f"- 总数：{counts['total']}；有帮助 {counts['helpful']}，没帮助 {counts['unhelpful']}；"
                            f"待处理的人工复核 {counts['open_reviews']}")]
    return "\n".join(lines)


def review_rows(feedback, status: str | None) -> list[list[Any]]:
    rows = []
    for item in feedback.list(reviews_only=True, status=status or None):
        cites = "；".join(f"{render.citation_label(c)}（{'已核实' if c.get('verified') else '未核实'}）"
                         for c in item["citations"])
        answer = item["answer"] if len(item["answer"]) <= ANSWER_EXCERPT else item["answer"][:ANSWER_EXCERPT] + "……"
        rows.append([item["id"], item["created_at"][:16].replace("T", " "), item["question"], answer, cites,
                     "待处理" if item["review_status"] == "open" else "已处理"])
    return rows


def ingest_files(assistant: Any, upload_types: list[str], files: list[str], progress=None,
                 max_bytes: int | None = None) -> str:
    """The files Gradio received, through the same upload flow as the API's (``Assistant.ingest_uploads``)."""
    from ingest.uploads import UploadRefused

    if not files:
        return "请先选择文件。"
    step = (lambda i, n, desc: progress(i / n, desc=desc)) if progress else None
    try:
        with contextlib.ExitStack() as opened:
            streams = [(Path(f).name, opened.enter_context(open(f, "rb"))) for f in files]
            data = assistant.ingest_uploads(streams, allowed_types=upload_types,
                                            max_bytes=max_bytes,
                                            progress=step)
    except UploadRefused as exc:
        return f"注意：{render.esc(exc.message)}"
    text = data.get("summary") or "\n".join(f"{k}：{v}" for k, v in data.items() if not isinstance(v, (list, dict)))
    return "#### 导入结果\n\n```\n" + text + "\n```"


def build(assistant_of, services, door: Door) -> None:
    cfg = services.api_settings
    feedback = services.feedback
    staff_ok = gr.State(False)
    # 管理 opens to staff and the roles ranked above it, the same roles the door's staff check lets in
    if not any_key_reaches(cfg, "staff"):
        gr.Markdown("管理功能需要工作人员密钥：请在设置 LABOR_API_KEYS 中配置一个 staff、reviewer 或 admin 角色的密钥后重启。")
        return
    with gr.Row():
        key = gr.Textbox(label="工作人员密钥", type="password", scale=4, min_width=200)
        login = gr.Button("进入管理", scale=1, min_width=100)
    note = gr.Markdown()
    with gr.Group(visible=False) as panel:
        stats = gr.Markdown()
        with gr.Accordion("导入法规或文档", open=True):
            files = gr.File(label="选择文件（.md .txt .pdf .docx .html）", file_count="multiple", type="filepath")
            ingest_btn = gr.Button("开始导入", variant="primary")
            ingest_out = gr.Markdown()
        with gr.Accordion("人工复核请求", open=True):
            status = gr.Radio([("待处理", "open"), ("已处理", "done"), ("全部", "")], value="open", label="显示")
            table = gr.Dataframe(headers=REVIEW_HEADERS, datatype=["number", "str", "str", "str", "str", "str"],
                                 wrap=True, interactive=False, elem_id="review-table")
            with gr.Row():
                review_id = gr.Number(label="复核请求编号", precision=0, min_width=120)
                review_note = gr.Textbox(label="处理意见", min_width=200)
                done_btn = gr.Button("标记为已处理", min_width=120)
        with gr.Accordion("导出反馈", open=False):
            export_btn = gr.Button("生成 CSV")
            export_file = gr.DownloadButton("下载反馈 CSV", visible=False)

    def enter(k: str, request: gr.Request = None):
        # the API's staff check on the typed key: a wrong key is counted against the caller's rate like any call
        refused = door.refusal(request, k, needed="staff") if (k or "").strip() else "请输入工作人员密钥。"
        if refused:
            return False, f"注意：{render.esc(refused)}", gr.update(visible=False), "", []
        return True, "", gr.update(visible=True), stats_markdown(assistant_of(), feedback), review_rows(feedback, "open")

    login.click(enter, key, [staff_ok, note, panel, stats, table], **STAFF_ONLY)

    def run_ingest(ok: bool, paths: list[str], progress=gr.Progress()):
        if not ok:
            return "注意：请先输入工作人员密钥。", ""
        try:
            out = ingest_files(assistant_of(), cfg.upload_types, paths or [], progress, cfg.max_upload_bytes)
        except Exception as exc:
            out = f"注意：导入失败：{render.esc(getattr(exc, 'message', None) or type(exc).__name__)}"
        return out, stats_markdown(assistant_of(), feedback)

    ingest_btn.click(run_ingest, [staff_ok, files], [ingest_out, stats], **STAFF_ONLY)
    status.change(lambda ok, s: review_rows(feedback, s) if ok else [], [staff_ok, status], table, **STAFF_ONLY)

    def mark_done(ok: bool, rid, text: str, s: str):
        if not ok or not rid:
            return review_rows(feedback, s) if ok else []
        feedback.set_review(int(rid), "done", text or "")
        return review_rows(feedback, s)

    done_btn.click(mark_done, [staff_ok, review_id, review_note, status], table, **STAFF_ONLY)

    def export(ok: bool):
        if not ok:
            return gr.update(visible=False)
        path = Path(tempfile.mkdtemp(prefix="labor-feedback-")) / "feedback.csv"
        path.write_text(feedback.export_csv(), encoding="utf-8")
        return gr.update(value=str(path), visible=True)

    export_btn.click(export, staff_ok, export_file, **STAFF_ONLY)

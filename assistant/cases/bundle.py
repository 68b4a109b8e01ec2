"""A case as one bundle (.zip): each document's newest version (.docx), the evidence files under 证据/ with their
safe names, the evidence list naming them, the case as JSON, the timeline as a readable document (.docx), and the
raw trace (JSON) for anyone who wants to check its hashes."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Sequence

from assistant.cases.models import AttachmentFile, CaseEvent, CaseView, DocumentVersion

EVENT_NAMES = {
    "case_opened": "立案", "worker_viewed": "劳动者查询进度", "personal_data_read": "查阅个人信息",
    "assigned": "分派承办人", "status_changed": "状态变更", "note_added": "添加备注", "facts_edited": "修改案情",
    "evidence_added": "补充证据", "answer_shown": "展示回答", "review_requested": "申请人工复核",
    "answer_reviewed": "人工复核完成", "document_drafted": "起草文书", "referral_prepared": "准备移交",
    "referral_updated": "移交进展", "bundle_exported": "导出案卷", "personal_data_erased": "删除个人信息",
    "attachment_added": "添加证据文件",
}


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w\u4e00-\u9fff（）()-]+", "_", text)[:60] or "文书"


def _docx(title: str, paragraphs: list[str], *tables: tuple[str, list[list[str]]]) -> bytes:
    """A document of a title, paragraphs, and tables each under its caption (an empty caption: none)."""
    from docx import Document

    from assistant.drafting.docx_render import xml_safe  # what a worker typed may hold what XML cannot store

    doc = Document()
    doc.add_heading(xml_safe(title), level=1)
    for p in paragraphs:
        doc.add_paragraph(xml_safe(p))
    for caption, table in tables:
        if caption:
            doc.add_heading(xml_safe(caption), level=2)
        grid = doc.add_table(rows=0, cols=len(table[0]))
        grid.style = "Table Grid"
        for cells in table:
            row = grid.add_row().cells
            for i, value in enumerate(cells):
                row[i].text = xml_safe(str(value))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _describe(ev: CaseEvent) -> str:
    d = ev.data
    if d is None:
        return "（内容已按劳动者的要求删除）"
    if ev.kind == "status_changed":
        return f"{d.get('from')} → {d.get('to')}" + (f"；理由：{d['reason']}" if d.get("reason") else "")
    if ev.kind == "facts_edited":
        return "；".join(f"{c['path']}：{c['old']} → {c['new']}" for c in d.get("changes", []))
    if ev.kind == "document_drafted":
        return f"{d.get('doc_type')} 第 {d.get('version')} 版，SHA-256 {d.get('sha256', '')[:16]}…"
    if ev.kind in ("referral_prepared", "referral_updated"):
        return "；".join(f"{k}：{d[k]}" for k in ("target", "status", "result") if d.get(k))
    if ev.kind == "assigned":
        return f"{d.get('from') or '无'} → {d.get('to') or '无'}"
    if ev.kind == "answer_reviewed":
        return "确认" if d.get("verdict") == "confirmed" else "更正"
    if ev.kind == "attachment_added":
        return f"{d.get('name')}（{d.get('size')} 字节，SHA-256 {str(d.get('sha256', ''))[:16]}…）"
    if ev.kind == "note_added":
        return str(d.get("text", ""))[:200]
    return ""


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def evidence_file_names(files: Sequence[AttachmentFile]) -> list[str]:
    """Each file's place in the bundle: numbered, so two files of one name stay two."""
    return [f"证据/{i:02d}_{f.name}" for i, f in enumerate(files, 1)]


def build_bundle(case: CaseView, events: list[CaseEvent], files: Sequence[AttachmentFile] = ()) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        newest: dict[str, DocumentVersion] = {}
        for d in case.documents:
            newest[d.doc_type] = d  # ordered by id: the last is the newest version
        for d in newest.values():
            z.writestr(f"文书/{_safe_name(d.name)}_第{d.version}版.docx", d.docx)
        rows = [["序号", "证据名称", "来源", "证明目的"]] + [
            [str(i), e.name, e.source, e.purpose] for i, e in enumerate(case.evidence, 1)]
        paths = evidence_file_names(files)
        for path, f in zip(paths, files, strict=True):
            z.writestr(path, f.data)
        listed = [["序号", "文件（见 证据/ 文件夹）", "类型", "大小", "SHA-256"]] + [
            [str(i), path.removeprefix("证据/"), f.media_type.split(";")[0], _size(f.size), f.sha256]
            for i, (path, f) in enumerate(zip(paths, files, strict=True), 1)]
        tables = [("", rows)] + ([("证据文件", listed)] if files else [])
        z.writestr("证据清单.docx", _docx(f"证据清单（案件 {case.code}）",
                                          [] if case.evidence or files else ["（尚未登记证据）"], *tables))
        data = case.model_dump(mode="json")
        z.writestr("案件.json", json.dumps(data, ensure_ascii=False, indent=2))
        lines = [["时间", "事项", "操作人", "内容"]] + [
            [ev.at[:19].replace("T", " "), EVENT_NAMES.get(ev.kind, ev.kind),
             ev.actor_name or {"worker": "劳动者"}.get(ev.actor_role, ev.actor_role), _describe(ev)]
            for ev in events]
        intro = [f"状态：{case.status}；类型：{case.case_type}；承办组织：{case.organisation}",
                 "每条记录都带有前一条的哈希，可用 labor cases verify 核验（原始记录见 留痕.json）。"]
        z.writestr("时间线.docx", _docx(f"案件 {case.code} 时间线", intro, ("", lines)))
        z.writestr("留痕.json", json.dumps([e.model_dump() for e in events], ensure_ascii=False, indent=2))
    return out.getvalue()

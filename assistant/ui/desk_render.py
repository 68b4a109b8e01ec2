"""The case desk on the page, as Markdown and table rows: the staff desk's list and case, the worker's progress.

Everything a worker or staff typed is escaped (``render.esc``): it is shown as text, never as markup.
"""

from __future__ import annotations

from typing import Any

from assistant.ui import render

LIST_HEADERS = ["案件编号", "状态", "类型", "承办人", "下一期限", "来源", "更新时间"]
SOURCES = {"chat": "对话", "staff": "工作人员", "api": "其他系统"}
REVIEW_STATES = {"requested": "待复核", "confirmed": "已复核（确认）", "corrected": "已复核（更正）"}
REFERRAL_STATES = {"prepared": "已准备", "sent": "已发送", "received": "已接收", "result": "已有结果"}
FACT_LABELS = {"worker.name": "劳动者", "employer.name": "用人单位", "employment.hire_date": "入职日期",
               "pay.monthly_wage": "月工资", "event.termination": "解除情形", "dates.leave_date": "离职日期",
               "place.city": "工作地"}


def _when(value: Any) -> str:
    text = str(value or "")
    return text[:16].replace("T", " ") if text else "—"


def case_rows(cases: list) -> list[list[Any]]:
    return [[c.code, c.status, c.case_type, c.assignee or "—",
             f"{c.next_deadline_name}：{c.next_deadline}" if c.next_deadline else "—",
             SOURCES.get(c.source, c.source), _when(c.updated_at)] for c in cases]


def review_stats_markdown(stats: Any) -> str:
    turnaround = ("—" if stats.median_turnaround_hours is None
                  else f"中位 {stats.median_turnaround_hours:g} 小时，平均 {stats.mean_turnaround_hours:g} 小时")
    return (f"**人工复核**：共 {stats.requested} 件，待复核 {stats.open}，确认 {stats.confirmed}，"
            f"更正 {stats.corrected}；用时 {turnaround}")


def _fact(facts: dict, path: str) -> Any:
    group, _, name = path.partition(".")
    return (facts.get(group) or {}).get(name)


def deadlines_markdown(deadlines: list) -> list[str]:
    lines = []
    for d in deadlines:
        when = f"{d.deadline}（还剩 {d.days_remaining} 天）" if d.deadline else "不受一年时效限制"
        if d.expired:
            when = f"{d.deadline}（已过期）"
        basis = "、".join(render.esc(_cite_label({"id": a})) for a in d.articles)
        lines.append(f"- {render.esc(d.name)}：{when}。{render.esc(d.formula)}（依据：{basis}）")
    return lines


def case_markdown(view: Any) -> str:
    """The whole case for staff: where it stands, the facts, answers and reviews, notes, documents, hand-offs."""
    lines = [f"### 案件 {render.esc(view.code)}：{render.esc(view.status)}",
             f"{render.esc(view.case_type)} · {render.esc(view.organisation)} · 承办人 {render.esc(view.assignee or '未指派')}"
             f" · 来源 {SOURCES.get(view.source, view.source)} · 立案 {_when(view.created_at)}"]
    if view.close_reason:
        lines.append(f"> 理由：{render.esc(view.close_reason)}")
    if view.erased:
        lines.append("> 劳动者已要求删除个人信息：只保留匿名的办理记录。")
    facts = [f"- {label}：{render.esc(_fact(view.facts, path))}" for path, label in FACT_LABELS.items()
             if _fact(view.facts, path) not in (None, "", [])]
    lines += ["#### 案情", *(facts or ["- （尚无）"])]
    if view.summary:
        lines.append(f"> {render.esc(view.summary)}")
    if view.deadlines:
        lines += ["#### 期限", *deadlines_markdown(view.deadlines)]
    if view.answers:
        lines.append("#### 回答与复核")
        for a in view.answers:
            state = REVIEW_STATES.get(a.review.status, "") if a.review else "未申请复核"
            lines.append(f"- 回答 {a.id}（{state}）：{render.esc(a.question)}")
        for r in view.reviews:
            lines.append(f"  - 复核请求 {r.id}（回答 {r.answer_id}）：{REVIEW_STATES.get(r.status, r.status)}"
                         f"{'，' + render.esc(r.comment) if r.comment else ''}")
    if view.notes:
        lines += ["#### 备注", *[f"- {_when(n.at)} {render.esc(n.author)}：{render.esc(n.text)}" for n in view.notes]]
    if view.documents:
        lines += ["#### 文书", *[f"- 〔{d.id}〕{render.esc(d.name)} 第{d.version}版（{_when(d.created_at)}，"
                                 f"SHA-256 {d.sha256[:12]}…）" + (f"，待补充 {len(d.missing)} 项" if d.missing else "")
                                 for d in view.documents]]
    if view.referrals:
        lines += ["#### 移交", *[f"- 〔{r.id}〕{render.esc(r.target_name)}：{REFERRAL_STATES.get(r.status, r.status)}"
                                 f"（准备于 {_when(r.prepared_at)}）" for r in view.referrals]]
    if view.evidence:
        lines += ["#### 证据", *[f"- {render.esc(e.name)}" + (f"（{render.esc(e.source)}）" if e.source else "")
                                 for e in view.evidence]]
    if view.attachments:
        lines += ["#### 证据文件", *[attachment_line(a) for a in view.attachments]]
    return "\n".join(lines)


def attachment_line(a: Any) -> str:
    if a.erased:
        return f"- 〔{a.id}〕（已按劳动者要求删除，SHA-256 {a.sha256[:12]}… 保留）"
    return (f"- 〔{a.id}〕{render.esc(a.name)}（{_size(a.size)}，{_when(a.created_at)} 添加，"
            f"SHA-256 {a.sha256[:12]}…）")


def _size(n: int) -> str:
    return f"{n} 字节" if n < 1024 else f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _cite_label(c: dict) -> str:
    """劳动合同法第三十八条 for an answer's citation and for a review's (which carries only the id)."""
    if not (c.get("law") and c.get("article")) and "#" in str(c.get("id") or ""):
        law, _, article = str(c["id"]).partition("#")
        return render.citation_label({"law": law, "article": article})
    return render.citation_label(c)


def progress_markdown(view: Any) -> str:
    """What the worker sees with the code and secret: the status, the reviewed answers, the hand-offs."""
    lines = [f"### 案件 {render.esc(view.code)}：{render.esc(view.status)}", f"最近更新：{_when(view.updated_at)}"]
    if view.status_note:
        lines.append(f"> 理由：{render.esc(view.status_note)}")
    if view.erased:
        lines.append("> 您的个人信息已按要求删除。")
    for a in view.answers:
        state = REVIEW_STATES.get(a.review_status or "", "")
        lines += [f"#### 问：{render.esc(a.question)}" + (f"（{state}）" if state else ""), render.esc(a.answer), ""]
        if a.citations:
            lines.append("依据：" + "；".join(f"{render.esc(_cite_label(c))}"
                                              f"（{'已核实' if c.get('verified') else '未核实'}）" for c in a.citations))
    if view.referrals:
        lines += ["#### 移交情况", *[f"- {render.esc(r.target_name)}：{REFERRAL_STATES.get(r.status, r.status)}"
                                     + (f"，结果：{render.esc(r.result)}" if r.result else "") for r in view.referrals]]
    if view.deadlines:
        lines += ["#### 期限", *deadlines_markdown(view.deadlines)]
    if view.files:
        lines += ["#### 您提交的证据文件", *[f"- {render.esc(f.name)}（{_size(f.size)}，{_when(f.submitted_at)}）"
                                           for f in view.files]]
    return "\n".join(lines)

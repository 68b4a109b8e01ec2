"""Drafting suite: required sections present, every missing field left as a visible blank, no invented facts,
citations verified, plus each case's own expectations (``evals/datasets/drafting_cases.jsonl``).

Besides the dataset, every document type is drafted once from an empty case: the result must still carry its
required sections and mark every blank.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from assistant.drafting.paths import value_at
from evals.datasets import PROJECT_DATASETS, load_jsonl

CASES_FILE = PROJECT_DATASETS / "drafting_cases.jsonl"

# What each document must contain, from the rules for that document (e.g. 劳动争议调解仲裁法第二十八条 for an
# arbitration application: parties, claims, facts and reasons, evidence).
REQUIRED_SECTIONS: dict[str, list[str]] = {
    "arbitration_application": ["申请人", "被申请人", "仲裁请求", "事实和理由", "证据"],
    "inspection_complaint": ["投诉人", "被投诉", "投诉请求", "事实"],
    "resignation_notice": ["解除劳动合同", "第三十八条"],
    "union_reminder_letter": ["工会", "提示"],
    "union_opinion_letter": ["工会", "意见"],
    "union_suggestion_letter": ["工会", "建议"],
    "procuratorate_referral": ["涉事单位", "主要事实", "证据"],
    "legal_aid_application": ["申请人", "申请事项", "经济困难"],
}
_NUMBER = re.compile(r"\d[\d,]{2,}(?:\.\d+)?")
_ARTICLE_NO = re.compile(r"第\s*\d+\s*条")


_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万")


def _canonical(number: str) -> str:
    """19,500.00 / 19500 / 19500.0 → 19500 (the same amount written differently)."""
    return format(Decimal(number.replace(",", "")).normalize(), "f")


def _numbers(text: str) -> set[str]:
    found = {_canonical(m.group(0)) for m in _NUMBER.finditer(text)}
    found |= {_canonical(str(Decimal(m.group(1)) * 10000)) for m in _WAN.finditer(text)}  # 2万 → 20000
    return found


def invented_numbers(markdown: str, sources: list[str]) -> list[str]:
    """Numbers of 3+ digits in the document (amounts, dates, phone and ID numbers) found in none of the inputs."""
    allowed = set().union(*(_numbers(s) for s in sources)) if sources else set()
    doc = _ARTICLE_NO.sub("", markdown)
    return sorted(n for n in _numbers(doc) if n not in allowed)


_BLANK = re.compile(r"【待补充[：:]([^】]*)】")


def _blank_for(label: str, markdown: str) -> bool:
    """A missing field is marked when a 【待补充：…】 blank names it (or shares a two-character term with it:
    证据及来源 → 【待补充：证据名称】)."""
    blanks = _BLANK.findall(markdown)
    if any(label in b for b in blanks):
        return True
    grams = {label[i : i + 2] for i in range(len(label) - 1)}
    return any(grams & {b[i : i + 2] for i in range(len(b) - 1)} for b in blanks)


def check_draft(case: dict, d, today: date) -> dict:
    """Checks on one draft; ``d`` is a ``Draft``. Returns the item record."""
    md = d.markdown
    expect = case.get("expect") or {}
    problems: list[str] = []
    sections = REQUIRED_SECTIONS.get(case["doc_type"], []) + list(expect.get("sections") or [])
    missing_sections = [s for s in sections if s not in md]
    if missing_sections:
        problems.append("缺少必备部分：" + "、".join(missing_sections))
    unmarked = [label for label in d.missing if not _blank_for(label, md)]
    if unmarked:
        problems.append("缺项未以空白标出：" + "、".join(unmarked))
    sources = [
        json.dumps(case.get("case") or {}, ensure_ascii=False),
        case.get("narrative") or "",
        json.dumps(d.fields, ensure_ascii=False, default=str),
        today.isoformat().replace("-", " "),
        f"{today.year} {today.month} {today.day}",
    ]
    invented = invented_numbers(md, sources)
    if invented:
        problems.append("文书中出现输入里没有的数字：" + "、".join(invented[:8]))
    unverified = [c.raw for c in d.citations if not c.verified]
    if unverified and not all("未核实" in md for _ in unverified):
        problems.append("未核实的法条没有标注：" + "、".join(unverified))

    held, total = 0, 0

    def expect_that(ok: bool, why: str) -> None:
        nonlocal held, total
        total += 1
        held += ok
        if not ok:
            problems.append(why)

    for path, value in (expect.get("fields") or {}).items():
        got = value_at(d.fields, path)
        expect_that(str(got) == str(value), f"字段 {path} 为 {got!r}，应为 {value!r}")
    for label in expect.get("missing") or []:
        expect_that(label in d.missing, f"应列为缺项：{label}")
    for label in expect.get("not_missing") or []:
        expect_that(label not in d.missing, f"不应列为缺项：{label}")
    for s in list(expect.get("blanks") or []) + list(expect.get("text") or []):
        expect_that(s in md, f"文书中应有：{s}")
    for s in expect.get("absent") or []:
        expect_that(s not in md, f"文书中不应出现：{s}")
    for s in expect.get("warnings") or []:
        expect_that(any(s in w for w in d.warnings), f"应有提示：{s}")
    cited = {c.id for c in d.citations}
    for pid in expect.get("citations") or []:
        expect_that(pid in cited, f"应引用：{pid}")
    return {
        "dataset": case.get("dataset", "drafting_cases"),
        "id": case.get("id"),
        "doc_type": case["doc_type"],
        "sections_present": float(not missing_sections),
        "blanks_marked": float(not unmarked),
        "no_invented_numbers": float(not invented),
        "citations_verified": float(not unverified),
        "expectations": round(held / total, 4) if total else None,
        "passed": not problems,
        "problems": problems,
    }


def run_cases(cases: list[dict], draft_fn, today: date | None = None) -> dict:
    today = today or date.today()
    by_set: dict[str, list[dict]] = {}
    for case in cases:
        try:
            d = draft_fn(case["doc_type"], case.get("case"), case.get("narrative"), today)
            row = check_draft(case, d, today)
        except Exception as exc:  # noqa: BLE001 — a crash is a failed case
            row = {
                "dataset": case.get("dataset", "drafting_cases"),
                "id": case.get("id"),
                "doc_type": case.get("doc_type"),
                "passed": False,
                "problems": [f"起草异常：{type(exc).__name__}: {exc}"],
            }
        by_set.setdefault(row["dataset"], []).append(row)
    datasets, items = {}, []
    for name, rows in by_set.items():
        metrics = {}
        for key in ("sections_present", "blanks_marked", "no_invented_numbers", "citations_verified", "expectations"):
            values = [r[key] for r in rows if r.get(key) is not None]
            if values:
                metrics[key] = round(sum(values) / len(values), 4)
        metrics["passed"] = round(sum(r["passed"] for r in rows) / len(rows), 4)
        datasets[name] = {"n": len(rows), "metrics": metrics}
        items += rows
    return {"datasets": datasets, "items": items}


def empty_case_probes() -> list[dict]:
    from assistant.drafting import document_types

    return [
        {"id": f"empty-{t.id}", "dataset": "empty_case", "doc_type": t.id, "case": {}, "narrative": None}
        for t in document_types()
    ]


def run(assistant, settings, options, path: Path = CASES_FILE) -> dict:
    from assistant.calculators import calculate
    from assistant.drafting import draft

    resolve = assistant.provision_by_id if assistant is not None else None
    chat_model = None
    if settings is not None and settings.llm_configured:
        from assistant.llm import build_chat_model

        chat_model = build_chat_model(settings, streaming=False)

    def draft_fn(doc_type, case, narrative, today):
        return draft(
            doc_type, case, narrative, chat_model=chat_model, calculate=calculate, resolve=resolve, today=today
        )

    cases = empty_case_probes()
    notes = []
    if path.exists():
        rows = load_jsonl(path)
        cases += rows[: options.limit] if options.limit else rows
    else:
        notes.append(f"{path.name} 不存在，只运行空白案件检查")
    body = run_cases(cases, draft_fn)
    body["notes"] = notes
    return body

"""Calculations asked as a worker would (``labor eval --suite calc_ask``).

Each item of ``../shared/evals/lexeval_calc_labor_dev.jsonl`` is a calculation question with options and an answer
key. The question alone (no options: a worker has none) goes through the same ``ask`` the front ends use, and the
item passes when the figure the key computes appears in the answer text, however written:

- money: 648,000 / 648000.00 / 64.8万 / 648000元 are one figure;
- months of wages ("6个月工资", "2.5个月"): the count followed by 个月 (also 六个月, 两个半月);
- dates ("2023年4月18日"): any date in the answer on that day (2023-04-18, 2023/4/18 …);
- bare figures ("14", "21.75"): the number anywhere in the answer.

Figures inside the article texts the answer quotes do not count. A key written as a formula ("5 500×3×12 ＝ 198 000（元）") is scored on its result (after the last ＝). The items are
for measuring only: nothing in the answer path is tuned on them.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

from assistant.facts.numbers import NUMBER, find_dates, normalize, parse_date, parse_number
from evals.datasets import SHARED_EVALS, load_jsonl

CALC_FILE = "lexeval_calc_labor_dev.jsonl"
DATASET = "lexeval_calc_labor"
TARGET = 0.80  # issue 11 §6
_NUMBER_RE = re.compile(NUMBER)
_HALF_MONTHS = re.compile(r"([零〇一二两三四五六七八九十\d]+)个半月")
_DIGIT_GROUPS = re.compile(r"(?<=\d)[ \u00a0\u2009](?=\d{3}(?!\d))")


def key_figure(answer_text: str) -> tuple[str, object] | None:
    """The key's computed figure as (kind, value): ("money" | "months" | "number", Decimal) or ("date", date)."""
    text = normalize(str(answer_text)).strip()
    text = re.split(r"[=＝]", text)[-1]
    text = _DIGIT_GROUPS.sub("", text)
    if re.search(r"\d{4}年\d{1,2}月\d{1,2}日", text):
        parsed = parse_date(text)
        return ("date", parsed.value) if parsed else None
    m = _NUMBER_RE.search(text)
    if not m:
        return None
    value = parse_number(m.group(0))
    if value is None:
        return None
    rest = text[m.end():]
    if rest.startswith("个月"):
        return "months", value
    if "元" in rest or "万" in m.group(0):
        return "money", value
    return "number", value


def _own_words(answer: str) -> str:
    """The answer without the article texts it quotes (``> …`` lines): 「六个月以上不满一年」 in 第四十七条 is the
    law's wording, not a figure the answer computed."""
    return "\n".join(line for line in answer.splitlines() if not line.lstrip().startswith(">"))


def figures_in(answer: str, kind: str) -> list:
    """Every figure of that kind the answer states in its own words."""
    text = _DIGIT_GROUPS.sub("", normalize(_own_words(answer)))
    if kind == "date":
        return [parsed.value for _, _, parsed in find_dates(text)]
    out: list = []
    if kind == "months":
        for m in _HALF_MONTHS.finditer(text):
            whole = parse_number(m.group(1))
            if whole is not None:
                out.append(whole + Decimal("0.5"))
    for m in _NUMBER_RE.finditer(text):
        if kind == "months" and not text[m.end():].lstrip().startswith("个月"):
            continue
        value = parse_number(m.group(0).strip())
        if value is not None:
            out.append(value)
    return out


def figure_appears(answer: str, answer_text: str) -> tuple[bool, object]:
    key = key_figure(answer_text)
    if key is None:
        return False, None
    kind, value = key
    found = figures_in(answer, kind)
    if kind == "date":
        return value in found, value
    return any(f == value for f in found), value


def score_items(items: list[dict], ask) -> dict:
    rows = []
    for item in items:
        row = {"dataset": DATASET, "id": item["id"], "kind": item.get("kind", ""), "key": item.get("answer_text")}
        try:
            text = ask(item["question"]).answer
        except Exception as exc:  # noqa: BLE001 — a failed answer is a failed item, not a crashed suite
            text, row["error"] = "", f"{type(exc).__name__}: {exc}"
        ok, value = figure_appears(text, item.get("answer_text", ""))
        row["figure"] = value.isoformat() if isinstance(value, date) else (str(value) if value is not None else None)
        row["passed"] = ok
        row["problems"] = [] if ok else [row.get("error") or f"回答中没有答案的计算结果 {item.get('answer_text')}"]
        row["answer"] = text[:600]
        rows.append(row)
    n = len(rows)
    metrics = {"figure_in_answer": round(sum(r["passed"] for r in rows) / n, 4)} if n else {}
    by_kind: dict[str, list[bool]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r["passed"])
    return {
        "datasets": {DATASET: {"n": n, "metrics": metrics,
                               "per_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())}}},
        "items": rows,
    }


def run(assistant, _settings, options, path: Path | None = None) -> dict:
    shared = getattr(options, "shared_dir", None) or SHARED_EVALS
    path = path or Path(shared) / CALC_FILE
    if not path.exists():
        return {"datasets": {}, "items": [], "notes": [f"{path} 不存在，跳过"]}
    from evals.suites.answers_suite import ask_fn_for

    items = load_jsonl(path)
    if options is not None and getattr(options, "limit", None):
        items = items[: options.limit]
    return score_items(items, ask_fn_for(assistant))

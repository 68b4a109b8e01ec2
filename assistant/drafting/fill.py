"""The user's case and the facts read from the narrative, merged: what the user entered always wins; each value
taken from the facts is reported (with the words it was read from) for staff to confirm."""

from __future__ import annotations

import copy
import re
from typing import Any

from assistant.drafting.extract import Extracted
from assistant.drafting.paths import put_at, value_at
from assistant.drafting.prefill import case_from_facts, fact_source_of
from assistant.facts.model import CaseFacts, fact_paths
from assistant.facts.numbers import normalize
from assistant.numerals import cn_to_int

# A headcount is a drafting-only fact (union and procuratorate letters); it is a count of people, not an amount
_HEADCOUNT = re.compile(r"([0-9一二三四五六七八九十两百]+)(?:名|个|位|多名|多个)"
                        r"(?:工人|农民工|劳动者|职工|员工|工友|骑手|司机|外卖员)")


def headcount(narrative: str) -> tuple[int, str, int] | None:
    """The number of workers the narrative names, with its words and position; None when there is not exactly one."""
    found: dict[int, tuple[str, int]] = {}
    for m in _HEADCOUNT.finditer(narrative):
        try:
            found.setdefault(cn_to_int(m.group(1)), (m.group(0), m.start()))
        except ValueError:
            continue
    if len(found) != 1:
        return None
    [(n, (words, at))] = found.items()
    return n, words, at


def merge_facts(data: dict | None, facts: CaseFacts, narrative: str, doc_type: str
                ) -> tuple[dict, list[Extracted], list[str]]:
    """(the merged case data, every value the facts offered, the case paths actually filled from them)."""
    prefill, filled = case_from_facts(facts, doc_type=doc_type)
    count = headcount(narrative) if narrative else None
    if count is not None:
        prefill["affected_count"] = count[0]
        filled.append("affected_count")
    merged = copy.deepcopy(data) if isinstance(data, dict) else {}
    labels = fact_paths()
    extracted: list[Extracted] = []
    auto: list[str] = []
    for path in filled:
        value = value_at(prefill, path)
        applied = _blank(value_at(merged, path))
        if applied:
            put_at(merged, path, value)
            auto.append(path)
        fact = fact_source_of(path) or ""
        quote, start, end = _quote(facts, fact, narrative)
        if path == "affected_count" and count is not None:
            quote, start, end = count[1], count[2], count[2] + len(count[1])
        label = _CASE_LABELS.get(path) or labels.get(fact, path)
        extracted.append(Extracted(field=path, label=label, value=_text(value), source_span=quote, start=start,
                                   end=end, by=_by(facts, fact), fact=fact, applied=applied))
    return merged, extracted, auto


_CASE_LABELS = {"facts": "事实经过", "grounds": "解除理由（第三十八条情形）", "affected_count": "涉及劳动者人数",
                "position": "工作岗位", "worker.occupation": "职业", "end_date": "离职日期",
                "termination_date": "解除日期", "service_length": "工作年限", "unpaid_period": "欠薪期间"}


def _quote(facts: CaseFacts, fact: str, narrative: str) -> tuple[str, int | None, int | None]:
    src = facts.sources.get(fact)
    if src is None or not src.quote:
        return "", None, None
    at = normalize(narrative).find(normalize(src.quote))  # the reader quotes normalised text (，→ ,)
    if at < 0 or len(normalize(narrative)) != len(narrative):
        return src.quote, None, None
    end = at + len(src.quote)
    return narrative[at:end], at, end


def _by(facts: CaseFacts, fact: str) -> str:
    src = facts.sources.get(fact)
    return src.by if src is not None else "rules"


def _text(value: Any) -> str:
    if isinstance(value, list):
        return "；".join(str(v.get("item", v)) if isinstance(v, dict) else str(v) for v in value)
    return str(value)


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}



"""Facts suite (案情): per-fact precision and recall of the case reader over the project's annotated conversations.

Each conversation (``evals/datasets/facts_conversations.jsonl``) lists its user turns, the facts the case must hold
after the last turn (``facts``, dotted paths) and the facts that must stay empty (``absent``). Only those paths are
scored:

- a fact is *predicted* when the reader gives it a value (not None, not an empty list);
- it is *correct* when it is a gold fact and the value equals the gold (amounts numerically, dates by day, a
  list such as ``wants`` when it holds every gold entry);
- precision = correct / predicted (an ``absent`` path that gets a value counts against it: an invented fact is
  worse than a missing one), recall = correct / gold facts.

The reader is a parameter (``read_conversation(turns, today=…) -> CaseFacts``) so the arithmetic can be tested
with a stub; by default it is :func:`assistant.facts.conversation.read_conversation`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from evals.datasets import PROJECT_DATASETS, load_jsonl

CONVERSATIONS_FILE = PROJECT_DATASETS / "facts_conversations.jsonl"
DATASET = "facts_conversations"
TARGETS = {"precision": 0.97, "recall": 0.90}  # issue 11 §6

Reader = Callable[..., Any]


def _stated(value: Any) -> bool:
    return value is not None and value != []


def same_fact(gold: Any, got: Any) -> bool:
    """Whether a predicted value equals a gold value written in JSON."""
    if not _stated(got):
        return False
    if isinstance(gold, bool) or isinstance(got, bool):
        return gold is got
    if isinstance(gold, list):
        return isinstance(got, list) and all(g in [str(x) for x in got] for g in map(str, gold))
    if isinstance(got, date):
        return str(gold) == got.isoformat()
    if isinstance(gold, (int, float)) or isinstance(got, (int, Decimal)):
        try:
            return Decimal(str(gold)) == Decimal(str(got))
        except (InvalidOperation, ValueError):
            return False
    return str(gold) == str(got)


def _shown(value: Any) -> Any:
    if isinstance(value, (date, Decimal)):
        return str(value)
    return value


def score_item(item: dict, read: Reader) -> dict:
    """One conversation → its scored paths, misses (wrong or missing gold), inventions and a pass flag."""
    today = date.fromisoformat(item["today"]) if item.get("today") else None
    row: dict[str, Any] = {"dataset": DATASET, "id": item["id"], "turns": len(item["turns"])}
    try:
        facts = read(list(item["turns"]), today=today)
    except Exception as exc:  # noqa: BLE001 — a crash scores the item as all missed, it does not stop the suite
        facts, row["error"] = None, f"{type(exc).__name__}: {exc}"
    scored: dict[str, dict] = {}
    problems: list[str] = []
    for path, gold in (item.get("facts") or {}).items():
        got = facts.get(path) if facts is not None else None
        ok = same_fact(gold, got)
        scored[path] = {"gold": True, "predicted": _stated(got), "correct": ok}
        if not ok:
            problems.append(f"{path}: 应为 {gold}，读到 {_shown(got)}")
    for path in item.get("absent") or []:
        got = facts.get(path) if facts is not None else None
        scored[path] = {"gold": False, "predicted": _stated(got), "correct": False}
        if _stated(got):
            problems.append(f"{path}: 不应有值，读到 {_shown(got)}（编造）")
    if "error" in row:
        problems.insert(0, f"读取出错：{row['error']}")
    row.update(scored=scored, problems=problems, passed=not problems)
    return row


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _figures(cells: list[dict]) -> dict:
    gold = sum(c["gold"] for c in cells)
    predicted = sum(c["predicted"] for c in cells)
    correct = sum(c["correct"] for c in cells)
    return {"precision": _ratio(correct, predicted), "recall": _ratio(correct, gold),
            "gold": gold, "predicted": predicted, "correct": correct}


def score_conversations(items: list[dict], read: Reader) -> dict:
    """Overall and per-path precision/recall; ``items`` keep each conversation's problems for the report."""
    rows = [score_item(item, read) for item in items]
    cells = [cell for r in rows for cell in r["scored"].values()]
    by_path: dict[str, list[dict]] = {}
    for r in rows:
        for path, cell in r["scored"].items():
            by_path.setdefault(path, []).append(cell)
    overall = _figures(cells)
    metrics = {k: overall[k] for k in ("precision", "recall") if overall[k] is not None}
    metrics["conversations_passed"] = _ratio(sum(r["passed"] for r in rows), len(rows)) or 0.0
    misses = [
        {"id": r["id"], "problem": p} for r in rows for p in r["problems"]
    ]
    return {
        "datasets": {DATASET: {"n": len(rows), "metrics": metrics, "counts": {k: overall[k] for k in
                                                                              ("gold", "predicted", "correct")}}},
        "per_path": {path: _figures(cs) for path, cs in sorted(by_path.items())},
        "misses": misses,
        "items": rows,
    }


def default_reader() -> Reader | None:
    try:
        from assistant.facts.conversation import read_conversation
    except ImportError:
        return None
    return read_conversation


def run(_assistant, _settings, options, path: Path = CONVERSATIONS_FILE, reader: Reader | None = None) -> dict:
    if not path.exists():
        return {"datasets": {}, "items": [], "notes": [f"{path.name} 不存在，跳过"]}
    read = reader or default_reader()
    if read is None:
        return {"datasets": {}, "items": [], "notes": ["assistant.facts.conversation 尚不存在，跳过"]}
    items = load_jsonl(path)
    if options is not None and getattr(options, "limit", None):
        items = items[: options.limit]
    return score_conversations(items, read)

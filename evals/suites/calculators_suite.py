"""Calculators suite: exact amounts on worked cases (``evals/datasets/calculator_cases.jsonl``).

A case passes when every expected figure equals the result exactly (Decimal equality, no tolerance), the result
shows its formula, and every article it rests on resolves to a provision of the corpus.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from evals.datasets import PROJECT_DATASETS, load_jsonl

CASES_FILE = PROJECT_DATASETS / "calculator_cases.jsonl"


def _same(expected, got) -> bool:
    """Numbers compare as Decimals ("1" == Decimal("1.0")); anything else as text."""
    try:
        return Decimal(str(expected)) == Decimal(str(got))
    except (InvalidOperation, ValueError):
        return str(expected) == str(got)


def check_case(case: dict, calculate, exists=None) -> dict:
    """Run one case; returns the item record with ``passed`` and the list of ``problems`` (Chinese)."""
    from assistant.calculators import CalculatorInputError

    expected = case.get("expected") or {}
    problems: list[str] = []
    item = {"dataset": "calculator_cases", "id": case.get("id"), "kind": case.get("kind")}
    try:
        result = calculate(case["kind"], **(case.get("inputs") or {}))
    except CalculatorInputError as exc:
        if "error" in expected:
            ok = not expected["error"] or getattr(exc, "field", None) == expected["error"]
            return {**item, "passed": ok, "exact": float(ok), "problems": [] if ok else [f"出错字段不符：{exc}"]}
        return {**item, "passed": False, "exact": 0.0, "problems": [f"计算报错：{exc}"]}
    except Exception as exc:  # noqa: BLE001 — a crash is a failed case, not a crashed suite
        return {**item, "passed": False, "exact": 0.0, "problems": [f"计算异常：{type(exc).__name__}: {exc}"]}
    if "error" in expected:
        problems.append(f"应当报错（{expected['error']}），却得到结果")
    if "amount" in expected and not _same(expected["amount"], result.amount):
        problems.append(f"金额 {result.amount} ≠ 应为 {expected['amount']}")
    for name, value in (expected.get("amounts") or {}).items():
        if name not in result.amounts:
            problems.append(f"缺少分项「{name}」")
        elif not _same(value, result.amounts[name]):
            problems.append(f"分项「{name}」{result.amounts[name]} ≠ 应为 {value}")
    for name, value in (expected.get("result") or {}).items():
        if name not in (result.result or {}):
            problems.append(f"缺少结果「{name}」")
        elif not _same(value, result.result[name]):
            problems.append(f"结果「{name}」{result.result[name]} ≠ 应为 {value}")
    exact = not problems
    money = result.amount is not None or bool(result.amounts)
    has_formula = bool(result.formula) or not money
    # a case may name articles the corpus is known to lack (shown 未核实 to the worker): they alone may not resolve
    outside = set(expected.get("outside_corpus") or ())
    unresolved = [a for a in result.articles if exists and not exists(a) and a not in outside]
    if money and not result.articles:
        problems.append("金额没有给出法条依据")
    if not has_formula:
        problems.append("金额没有给出计算公式")
    if unresolved:
        problems.append("法条在语料中找不到：" + "、".join(unresolved))
    return {
        **item,
        "passed": not problems,
        "exact": float(exact),
        "has_formula": float(has_formula),
        "articles_resolve": float(not unresolved and (bool(result.articles) or not money)),
        "amount": str(result.amount) if result.amount is not None else None,
        "problems": problems,
    }


def run_cases(cases: list[dict], calculate, exists=None) -> dict:
    items = [check_case(c, calculate, exists) for c in cases]
    n = len(items)
    metrics = {}
    if n:
        for key in ("exact", "has_formula", "articles_resolve"):
            values = [i[key] for i in items if key in i]
            metrics[key] = round(sum(values) / len(values), 4) if values else 0.0
        metrics["passed"] = round(sum(i["passed"] for i in items) / n, 4)
    return {"datasets": {"calculator_cases": {"n": n, "metrics": metrics}}, "items": items}


def run(assistant, _settings, options, path: Path = CASES_FILE) -> dict:
    if not path.exists():
        return {"datasets": {}, "items": [], "notes": [f"{path.name} 不存在，跳过"]}
    from assistant.calculators import calculate

    cases = load_jsonl(path)
    if options.limit:
        cases = cases[: options.limit]
    exists = (lambda pid: assistant.provision_by_id(pid) is not None) if assistant is not None else None
    return run_cases(cases, calculate, exists)

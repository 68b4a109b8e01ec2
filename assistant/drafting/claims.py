"""Claim amounts from the calculators: amount, formula and the articles it rests on, or a clear reason why not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.drafting.case import Case
from assistant.numerals import article_label


def basis_text(article_ids: list[str]) -> str:
    """['劳动合同法#46', '劳动合同法#47'] → 《劳动合同法》第四十六条、第四十七条."""
    parts: list[str] = []
    last_law = None
    for aid in article_ids:
        law, _, art = aid.partition("#")
        if not art:
            continue
        label = article_label(art)
        parts.append(label if law == last_law else f"《{law}》{label}")
        last_law = law
    return "、".join(parts)


_CLAIM_TYPES = {"arbitration_application", "inspection_complaint", "legal_aid_application"}


def suggested_claims(doc_type: str, case: Case, narrative: str, calculate: Callable[..., Any] | None) -> list[str]:
    """Claims the calculators see in the narrative that the case does not make yet: amount, formula and basis, for
    staff to consider. They are never put into the document by themselves."""
    if calculate is None or not narrative or doc_type not in _CLAIM_TYPES:
        return []
    try:
        from assistant.calculators.extract import suggest
    except ImportError:
        return []
    asked = {c.calc.kind for c in case.claims if c.calc}
    hints = []
    try:
        suggestions = suggest(narrative[:20000])
    except Exception:  # a suggestion is optional; the draft does not depend on it
        return []
    for s in suggestions:
        if s.missing or s.kind in asked:
            continue
        try:
            result = calculate(s.kind, **s.inputs)
        except (ImportError, ValueError, TypeError):
            continue
        if result.amount is None:
            continue
        basis = basis_text(result.articles)
        hints.append(f"可考虑的请求：{result.title} {result.amount} 元（算式：{result.formula}"
                     + (f"；依据：{basis}" if basis else "") + "），核对后可加入请求事项")
    return hints


def fill_claims(case: Case, calculate: Callable[..., Any] | None) -> list[str]:
    """Compute every claim that asks for a calculator; the claim keeps an amount the case already supplies."""
    warnings: list[str] = []
    for i, claim in enumerate(case.claims, 1):
        if claim.calc is None:
            continue
        if calculate is None:
            if claim.amount is None:
                warnings.append(f"第{i}项请求需要计算金额，但计算器不可用，金额留空待补充")
            continue
        try:
            result = calculate(claim.calc.kind, **claim.calc.inputs)
        except ImportError:
            warnings.append(f"第{i}项请求需要计算金额，但计算器不可用，金额留空待补充")
            continue
        except (ValueError, TypeError, KeyError) as exc:
            field = getattr(exc, "field", None)
            why = getattr(exc, "message", None) or "计算输入不完整或格式不对"
            where = f"（输入项「{field}」）" if field else ""
            warnings.append(f"第{i}项请求的金额无法计算{where}：{why}")
            continue
        if result.amount is None:
            warnings.append(f"第{i}项请求：计算器没有给出金额，请人工填写")
            continue
        if claim.amount is not None and claim.amount != result.amount:
            warnings.append(f"第{i}项请求：填写的金额与计算结果（{result.amount} 元）不同，已保留填写的金额")
        else:
            claim.amount = result.amount
        claim.formula = claim.formula or result.formula
        if not claim.basis and result.articles:
            claim.basis = basis_text(result.articles)
        if not claim.item:
            claim.item = f"支付{result.title}"
        for note in [*result.local_rules, *result.warnings]:
            warnings.append(f"第{i}项请求：{note}")
    return warnings

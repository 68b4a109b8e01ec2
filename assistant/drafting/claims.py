"""Claim amounts from the calculators: amount, formula and the articles it rests on, or a clear reason why not;
and the claims the worker's facts suggest, offered to staff and never written into the document by themselves."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from assistant.drafting.case import Case
from assistant.facts.model import CaseFacts
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


class SuggestedClaim(BaseModel):
    """A claim the facts support, offered to staff; it enters the document only when they add it to ``claims``."""

    item: str
    basis: str = ""
    amount: Decimal | None = None
    formula: str = ""
    kind: str | None = Field(None, description="计算器类型；金额由它按劳动者陈述的事实算出")
    note: str = ""


_COMPENSATION = ("economic_compensation", "支付解除劳动合同经济补偿", ["劳动合同法#46", "劳动合同法#47"])
_DAMAGES = ("unlawful_termination", "支付违法解除劳动合同赔偿金", ["劳动合同法#48", "劳动合同法#87"])
_BY_TERMINATION: dict[str, tuple[tuple[str, str, list[str]], str]] = {
    "unlawful_dismissal": (_DAMAGES, ""),
    "dismissed": (_DAMAGES, "单位是否违法解除需核实；依法解除的，可改为请求经济补偿"),
    "no_fault_dismissal": (_COMPENSATION, "单位未提前三十日书面通知的，还可请求代通知金（劳动合同法第四十条）"),
    "layoff": (_COMPENSATION, ""),
    "mutual_by_employer": (_COMPENSATION, ""),
    "employer_fault_resignation": (_COMPENSATION, ""),
    "employer_closed": (_COMPENSATION, ""),
    "contract_expired": (_COMPENSATION, "单位维持或者提高条件续订而劳动者不同意的，不支付经济补偿"),
}


def suggested_claims(doc_type: str, case: Case, facts: CaseFacts | None,
                     calculate: Callable[..., Any] | None) -> list[SuggestedClaim]:
    """Claims the worker's facts support that the case does not make yet, each with its basis; an amount only
    when a calculator computed it from facts the worker stated (with its formula)."""
    if facts is None or doc_type not in _CLAIM_TYPES:
        return []
    doubtful = facts.doubtful()
    made = " ".join(c.item or "" for c in case.claims)
    asked = {c.calc.kind for c in case.claims if c.calc}
    out: list[SuggestedClaim] = []
    ev = facts.event
    # whether there is an employment at all comes first: every other claim stands on it
    if ev.relationship_disputed and "event.relationship_disputed" not in doubtful and "劳动关系" not in made:
        out.append(SuggestedClaim(item="确认申请人与被申请人之间存在劳动关系",
                                  basis="《中华人民共和国劳动合同法》第七条、《劳动和社会保障部关于确立劳动关系有关事项的通知》第一条"))
    if ev.unpaid_wages and "工资" not in made.replace("二倍工资", ""):
        amount = ev.unpaid_amount if "event.unpaid_amount" not in doubtful else None
        out.append(SuggestedClaim(item="支付拖欠的工资", basis="《中华人民共和国劳动合同法》第三十条", amount=amount,
                                  formula="按劳动者陈述的拖欠金额" if amount is not None else ""))
    if ev.termination in _BY_TERMINATION:
        (kind, item, articles), note = _BY_TERMINATION[ev.termination]
        if kind not in asked and not any(w in made for w in ("赔偿金", "经济补偿")):
            out.append(SuggestedClaim(item=item, basis=basis_text(articles), kind=kind, note=note))
    if facts.employment.contract_signed is False and "二倍" not in made:
        out.append(SuggestedClaim(item="支付未订立书面劳动合同的二倍工资差额",
                                  basis="《中华人民共和国劳动合同法》第八十二条", kind="double_wage"))
    if any(facts.get(f"hours.{k}") for k in ("weekday_overtime", "restday_overtime", "holiday_overtime")) \
            and "加班" not in made:
        out.append(SuggestedClaim(item="支付加班费", basis="《中华人民共和国劳动法》第四十四条", kind="overtime"))
    if ev.unequal_pay and "event.unequal_pay" not in doubtful and "同工同酬" not in made:
        basis = ("《中华人民共和国劳动合同法》第六十三条" if facts.employment.dispatch
                 else "《中华人民共和国劳动法》第四十六条")
        out.append(SuggestedClaim(item="支付按同工同酬应得的劳动报酬差额", basis=basis,
                                  note="差额按同类岗位劳动者的工资核算，需要对方的工资证据"))
    _amounts(out, facts, calculate)
    return out


def _amounts(claims: list[SuggestedClaim], facts: CaseFacts, calculate: Callable[..., Any] | None) -> None:
    """Amounts from the calculators' planner when it is there, else from the calculator on the stated facts."""
    planned = _planned(facts, [c.kind for c in claims if c.kind])
    for claim in claims:
        if claim.amount is not None or claim.kind is None:
            continue
        result = planned.get(claim.kind) if planned is not None else _calculate(claim.kind, facts, calculate)
        if result is None or getattr(result, "amount", None) is None:
            continue
        claim.amount = result.amount
        claim.formula = result.formula
        claim.basis = basis_text(result.articles) or claim.basis


def _planned(facts: CaseFacts, kinds: list[str]) -> dict[str, Any] | None:
    """kind → CalcResult from ``assistant.calculators.plan`` when that module exists; None when it does not."""
    if importlib.util.find_spec("assistant.calculators.plan") is None:
        return None
    from assistant.calculators.plan import run_planned

    out: dict[str, Any] = {}
    for suggestion, result in run_planned(facts, "", kinds, limit=len(kinds) or 1):
        if result is not None:
            out.setdefault(suggestion.kind, result)
    return out


def _calculate(kind: str, facts: CaseFacts, calculate: Callable[..., Any] | None) -> Any:
    """The service calculators (经济补偿, 赔偿金) on the facts the worker stated; nothing guessed."""
    if calculate is None or kind not in {"economic_compensation", "unlawful_termination"}:
        return None
    doubtful = facts.doubtful()
    stated = {k: facts.get(p) for k, p in _SERVICE_INPUTS.items() if facts.get(p) is not None and p not in doubtful}
    if "monthly_wage" not in stated or not ({"start_date", "end_date"} <= stated.keys() or "service_months" in stated):
        return None
    if "service_months" in stated and {"start_date", "end_date"} <= stated.keys():
        del stated["service_months"]  # the dates are the more exact statement
    try:
        return calculate(kind, **stated)
    except (ValueError, TypeError, KeyError):  # a calculator refusing the facts leaves the amount blank
        return None


_SERVICE_INPUTS = {"start_date": "employment.hire_date", "end_date": "dates.leave_date",
                   "service_months": "employment.service_months", "monthly_wage": "pay.monthly_wage",
                   "local_average_wage": "pay.local_average_wage", "local_minimum_wage": "pay.local_minimum_wage"}


def claim_hints(claims: list[SuggestedClaim]) -> list[str]:
    """One line per suggested claim, for staff."""
    out = []
    for c in claims:
        money = f" {c.amount} 元（算式：{c.formula}" + (f"；依据：{c.basis}）" if c.basis else "）") \
            if c.amount is not None else (f"（依据：{c.basis}）" if c.basis else "")
        note = f"；{c.note}" if c.note else ""
        out.append(f"可考虑的请求：{c.item}{money}{note}，核对后可加入请求事项")
    return out


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

"""劳动待遇计算器: how much is owed and by when, each figure with its formula and the articles it rests on.

Use::

    from assistant.calculators import calculate, KINDS, CalculatorInputError
    r = calculate("unlawful_termination", service_months=48, monthly_wage=8000)
    r.amount            # Decimal("64000.00")
    r.formula           # "8000 × 4 × 2 = 64000.00 元"
    r.articles          # ["劳动合同法#87", ...]  — ids resolvable with Assistant.provision_by_id

Kinds (``KINDS[id].name``, ``.model`` = the pydantic input model, ``.description``): economic_compensation,
unlawful_termination, notice_pay, double_wage, overtime (by the month, day or hour; whole days by the calendar),
wage_rates (21.75 / 174), annual_leave, maternity_leave, probation, work_injury, sick_pay (医疗期, ≥ 80% of the
minimum wage), service_period_penalty (第二十二条), mass_layoff (第四十一条), deadline.
Bad input raises ``CalculatorInputError`` (a ValueError) with ``.field`` and a Chinese message.
From a case (案情)::

    from assistant.calculators import plan, run_planned
    plan(facts, question, guide_kinds)       # [SuggestedCalculation(kind, name, inputs, missing, facts_used, notes)]
    run_planned(facts, question, guide_kinds, limit=2)   # [(SuggestedCalculation, CalcResult | None)]

Local figures (当地最低工资、上年度职工月平均工资、全国城镇居民人均可支配收入、地方延长产假) are inputs, never built in.
The builders that prefill each calculator from a case are in ``prefill``.

Rounding: exact Decimal arithmetic; only final amounts are rounded, ROUND_HALF_UP to 0.01 元 (see ``models``).

Worked cases — ``evals/datasets/calculator_cases.jsonl``, one JSON object per line::

    {"id": "ut-four-years",                       # unique, stable
     "kind": "unlawful_termination",              # a KINDS id
     "inputs": {"service_months": 48, "monthly_wage": "8000"},   # keyword inputs of calculate(); money as strings
     "expected": {"amount": "64000.00",           # optional; Decimal as string, 2 decimals
                  "amounts": {"一次性伤残补助金": "..."},          # optional; a subset of CalcResult.amounts
                  "result": {"days": 98},         # optional; a subset of CalcResult.result
                  "error": "monthly_wage"},       # instead of figures: the input must be refused, naming this field
     "source": "hand: 8000 × 4 × 2",              # "hand: <computation>" or "case: <file in ../shared/corpus/cases>"
     "note": "为什么是这个数"}                      # optional, Chinese
"""

from assistant.calculators.models import CalcResult, CalculatorInputError
from assistant.calculators.plan import SuggestedCalculation, plan, run_planned
from assistant.calculators.registry import KINDS, Kind, calculate

__all__ = ["KINDS", "CalcResult", "CalculatorInputError", "Kind", "SuggestedCalculation", "calculate", "plan",
           "run_planned"]

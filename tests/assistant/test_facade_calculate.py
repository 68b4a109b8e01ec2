from decimal import Decimal

import pytest

from assistant.calculators import CalculatorInputError


def test_the_facade_computes_with_resolvable_articles(assistant):
    r = assistant.calculate("unlawful_termination", service_months=48, monthly_wage=8000)
    assert r.amount == Decimal("64000.00") and "64000" in r.formula
    assert r.articles and all(assistant.provision_by_id(a) is not None for a in r.articles)


def test_the_facade_passes_input_errors_through(assistant):
    with pytest.raises(CalculatorInputError) as err:
        assistant.calculate("economic_compensation", monthly_wage=-1, service_months=12)
    assert err.value.field == "monthly_wage"

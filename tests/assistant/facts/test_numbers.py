"""Numbers as workers write them, read by the one parser the chat, the calculators and the forms share."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.facts.numbers import parse_amount


@pytest.mark.parametrize(("written", "value"), [
    ("一万二", 12000), ("八千五", 8500), ("两万五千", 25000), ("1.2万", 12000), ("1万2", 12000), ("8,000元", 8000),
    ("一千二百三十四", 1234), ("五千零五十", 5050), ("十万", 100000), ("约6000元", 6000),
])
def test_one_figure_in_any_form(written, value):
    assert parse_amount(written) == Decimal(value)


@pytest.mark.parametrize("written", ["一万二万", "三千五千", "七八千", "很多", "", "一百千"])
def test_two_figures_run_together_or_a_range_are_not_a_figure(written):
    assert parse_amount(written) is None

from datetime import date
from decimal import Decimal

import pytest

from assistant.drafting.validation import (
    check_credit_code,
    check_id_number,
    check_phone,
    find_amounts,
    find_dates,
    id_number_check_char,
    parse_amount,
    parse_date,
)

TODAY = date(2026, 11, 20)


def test_published_id_number_example_passes_and_any_digit_change_fails():
    # the worked example printed with GB 11643-1999
    assert check_id_number("11010519491231002X", TODAY) is None
    assert check_id_number("11010519491231002x", TODAY) is None  # lower-case x is how people type it
    for i in range(17):
        digits = list("11010519491231002X")
        digits[i] = str((int(digits[i]) + 1) % 10)
        assert check_id_number("".join(digits), TODAY) is not None, i


@pytest.mark.parametrize("value, reason", [
    ("110105194912310021", "校验位"),
    ("11010519491231002", "18 位"),
    ("110105194913310029", "出生日期"),
    ("990105194912310021", "行政区划"),
    ("110105194912310", "15 位"),
    ("11010519491231002A", "18 位"),
])
def test_invalid_id_numbers_say_why(value, reason):
    assert reason in check_id_number(value, TODAY)


def test_future_birth_date_in_id_is_rejected():
    first17 = "11010520300101123"
    assert "不合理" in check_id_number(first17 + id_number_check_char(first17), TODAY)


def test_credit_code_checksum():
    assert check_credit_code("9144030071526726XG") is None  # a published code
    assert "校验位" in check_credit_code("9144030071526726XH")
    assert "I" in check_credit_code("9144030071526726IG")
    assert "18 位" in check_credit_code("9144030071526726X")
    assert check_credit_code(" 9144 0300 7152 6726 XG ") is None  # spaces as printed on licences


@pytest.mark.parametrize("phone", ["13800138000", "+86 138 0013 8000", "010-62345678", "(0755)12345678",
                                   "0571-8765432", "12333"])
def test_valid_phones(phone):
    assert check_phone(phone) is None


@pytest.mark.parametrize("phone", ["1380013800", "23800138000", "电话号码", "62345678"])
def test_invalid_phones(phone):
    assert check_phone(phone)


def test_dates_in_every_common_form():
    assert parse_date("2024-03-01") == "2024-03-01"
    assert parse_date("2024/3/1") == "2024-03-01"
    assert parse_date("2024.3.1") == "2024-03-01"
    assert parse_date("2024年3月1日") == "2024-03-01"
    assert parse_date("２０２４年３月１日") == "2024-03-01"
    assert parse_date("二〇二四年三月一日") == "2024-03-01"
    assert parse_date("2024年3月") == "2024-03"
    assert parse_date("2023-02-29") is None
    assert parse_date("昨天") is None


def test_find_dates_and_amounts_keep_positions():
    text = "我２０２１年3月入职，月薪8,000元，欠薪1.5万元。"
    dates = find_dates(text)
    assert [(text[s:e], iso) for s, e, iso in dates] == [("２０２１年3月", "2021-03")]
    amounts = find_amounts(text)
    assert [(text[s:e], a) for s, e, a in amounts] == [("8,000元", Decimal("8000")), ("1.5万元", Decimal("15000.0"))]


def test_amounts():
    assert parse_amount("12,000元") == Decimal("12000")
    assert parse_amount("1.2万") == Decimal("12000.0")
    assert parse_amount(8000) == Decimal("8000")
    assert parse_amount("八千") == parse_amount("8,000元") == Decimal("8000")  # the case reader's forms
    assert parse_amount("一万二") == Decimal("12000")
    assert parse_amount("很多") is None
    assert parse_amount(True) is None

from hypothesis import given
from hypothesis import strategies as st

from assistant.numerals import article_label, cn_to_int, int_to_cn


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_round_trip(n):
    assert cn_to_int(int_to_cn(n)) == n


def test_numerals_are_written_as_statutes_write_them():
    assert int_to_cn(10) == "十"
    assert int_to_cn(15) == "十五"
    assert int_to_cn(108) == "一百零八"
    assert int_to_cn(110) == "一百一十"
    assert int_to_cn(1260) == "一千二百六十"
    assert int_to_cn(1001) == "一千零一"


def test_numerals_people_type_are_read():
    assert cn_to_int("三十八") == 38
    assert cn_to_int("38") == 38
    assert cn_to_int("３８") == 38
    assert cn_to_int("二〇二五") == 2025
    assert cn_to_int("两百") == 200


def test_article_labels():
    assert article_label("38") == "第三十八条"
    assert article_label("276-1") == "第二百七十六条之一"

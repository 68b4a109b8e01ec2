"""The case across a conversation: inherited, corrected, reset on a change of subject."""

from datetime import date
from decimal import Decimal

from assistant.facts import read_conversation, starts_new_case
from assistant.facts.questions import card, card_text, changes_text, next_question

TODAY = date(2026, 12, 1)


def test_a_follow_up_with_its_own_topic_words_inherits_the_dismissal():
    case = read_conversation(["公司突然把我辞退了，没有任何理由", "我干了3年，月薪5000，能拿多少？"], today=TODAY)
    assert case.event.termination == "unlawful_dismissal"
    assert case.employment.service_months == 36
    assert case.pay.monthly_wage == Decimal(5000)


def test_a_later_statement_overrides_and_the_change_is_said():
    case = read_conversation(["月薪5000，2020年3月入职", "不对，是2019年3月进的厂，月薪6000"], today=TODAY)
    assert case.employment.hire_date == date(2019, 3, 1)
    assert case.pay.monthly_wage == Decimal(6000)
    lines = changes_text(case)
    assert any("5000元 → 6000元" in line for line in lines)
    assert any("2020年3月1日 → 2019年3月1日" in line for line in lines)


def test_a_more_specific_reason_refines_the_dismissal_without_a_correction_note():
    case = read_conversation(["我被公司辞退了", "他们说我不能胜任工作，就把我辞退了"], today=TODAY)
    assert case.event.termination == "no_fault_dismissal"
    assert case.changes == []
    plain_later = read_conversation(["公司没有任何理由就把我开了", "被辞退后能拿多少"], today=TODAY)
    assert plain_later.event.termination == "unlawful_dismissal"  # a later plain 辞退 keeps the stated reason


def test_a_change_of_subject_starts_a_fresh_case():
    assert starts_new_case("另外一个问题，产假有几天？")
    case = read_conversation(["我被辞退了，月薪5000", "另外一个问题，我朋友在工地受伤了"], today=TODAY)
    assert case.pay.monthly_wage is None and case.event.termination is None
    assert not starts_new_case("我干了3年，月薪5000，能拿多少？")


def test_contradiction_in_a_later_turn_clears_the_earlier_figure():
    case = read_conversation(["月薪5000", "月薪6000，哦还有月薪8000"], today=TODAY)
    assert case.pay.monthly_wage is None
    assert [n.path for n in case.conflicts] == ["pay.monthly_wage"]
    assert next_question(case, ["pay.monthly_wage"]).startswith("月工资说了")


def test_leave_before_hire_is_a_conflict_and_city_gives_its_province():
    case = read_conversation(["2024年5月1日入职，2023年6月30日被辞退，在东莞"], today=TODAY)
    assert "dates.leave_date" in case.doubtful()
    assert (case.place.province, case.place.city) == ("广东省", "东莞市")


def test_the_card_shows_the_case_back_in_plain_words_without_the_id_number():
    case = read_conversation(["我叫李四，身份证110101199003071234，2021年3月15日进的厂，月薪8000，被辞退了"], today=TODAY)
    rows = {r["path"]: r["value"] for r in card(case)}
    assert rows["employment.hire_date"] == "2021年3月15日"
    assert rows["pay.monthly_wage"] == "8000元"
    assert rows["event.termination"] == "被单位辞退"
    assert "worker.id_number" not in rows
    assert "110101199003071234" not in card_text(case)


def test_empty_and_non_text_turns_are_skipped():
    case = read_conversation(["", "   ", None, "月薪八千"], today=TODAY)  # type: ignore[list-item]
    assert case.pay.monthly_wage == Decimal(8000)

"""Found facts in the court's and the arbitration's words: which role word is the worker, and what a paragraph
of found facts yields. The paragraphs are written here in the register of judgments, not taken from any eval set."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.facts.court import party_roles
from assistant.facts.reader import read_text

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(("text", "worker", "employer"), [
    ("原告于2009年8月入职被告处，从事司机工作", "原告", "被告"),
    ("被告于2013年10月1日入职原告单位项目部工作", "被告", "原告"),  # the employer sued
    ("2009年6月1日，被告到原告处从事协警员工作", "被告", "原告"),
    ("张某于2015年10月4日进入原告某保安公司工作", "被告", "原告"),  # the worker named, the employer the 原告
    ("被告招用原告从事保洁工作", "原告", "被告"),
    ("被申请人未为申请人缴纳社会保险", "申请人", "被申请人"),
    ("被上诉人系上诉人公司的员工", "被上诉人", "上诉人"),
    ("原告系被告的用人单位", "被告", "原告"),
    ("上诉人与被上诉人发生争议", "上诉人", "被上诉人"),  # nothing tells: the worker files
])
def test_the_role_words_of_the_worker_and_the_employer(text, worker, employer):
    roles = party_roles(text)
    assert worker in roles.worker and employer in roles.employer


def test_an_award_is_tied_to_the_suit_that_follows_it():
    # the worker (被告 in court) filed the arbitration: 申请人 is the worker too
    roles = party_roles("被告曾以原告为被申请人申请仲裁。原告不服裁决，诉至本院")
    assert {"被告", "申请人"} <= set(roles.worker) and {"原告", "被申请人"} <= set(roles.employer)
    roles = party_roles("要求被申请人即本案原告支付申请人即本案被告经济补偿")
    assert {"被告", "申请人"} <= set(roles.worker) and {"原告", "被申请人"} <= set(roles.employer)


def test_a_text_without_role_words_has_no_roles():
    assert party_roles("我在厂里干了三年，老板把我辞退了") == party_roles("")


def test_a_paragraph_of_found_facts_yields_the_case():
    facts = read_text("经审理查明：原告于2012年3月入职被告处，从事仓库管理工作。被告未与原告签订书面劳动合同，"
                      "劳动关系存续期间，被告未为原告缴纳社会保险。被告于2020年3月解除与原告的劳动合同。"
                      "原告以被告为被申请人申请仲裁，请求支付解除劳动合同经济补偿金、未签订书面劳动合同的二倍工资。",
                      today=TODAY)
    assert facts.employment.contract_signed is False
    assert facts.event.no_social_insurance is True
    assert facts.event.termination == "dismissed"
    assert {"compensation", "double_wage"} <= set(facts.wants)


def test_the_employer_suing_does_not_turn_its_dismissal_into_a_resignation():
    facts = read_text("经审理查明，被告于2016年5月入职原告公司。2019年6月，原告以被告严重违反规章制度为由解除与被告的劳动合同。"
                      "被告申请仲裁，要求原告支付违法解除劳动合同赔偿金。", today=TODAY)
    assert facts.event.termination == "employee_fault_dismissal"


@pytest.mark.parametrize(("text", "termination"), [
    ("原告于2018年3月入职被告公司。2020年6月30日，原告与被告协商一致解除劳动合同。", "mutual"),
    ("申请人于2017年入职被申请人处。经协商，双方同意解除劳动合同，被申请人支付申请人补偿金。", "mutual"),
    ("原告于2015年入职被告处，双方于2020年签订解除劳动合同协议。", "mutual"),
    ("原告于2015年入职被告处。2019年4月，被告向原告提出协商解除劳动合同，原告同意。", "mutual_by_employer"),
    ("原告于2015年入职被告处。原告于2019年4月向被告提出协商解除劳动合同，被告同意。", "mutual_by_worker"),
    # one side's notice first: the 双方 that follows only says when it ended
    ("原告于2015年入职被告处。被告于2020年5月向原告送达解除劳动合同通知书，双方劳动合同于当日解除。", "dismissed"),
])
def test_an_ending_both_sides_agreed_to_and_who_proposed_it(text, termination):
    assert read_text(text, today=TODAY).event.termination == termination


def test_a_bare_ending_of_both_sides_leaves_who_ended_it_unread():
    # 「双方于…解除劳动关系」 tells when, not who: neither a dismissal (read before) nor an agreement is invented
    facts = read_text("申请人于2017年入职被申请人处工作，双方于2021年5月31日解除劳动关系。", today=TODAY)
    assert facts.event.termination is None
    assert facts.dates.leave_date == date(2021, 5, 31)


@pytest.mark.parametrize(("text", "reason"), [
    ("原告于2016年入职被告处。2020年3月，原告以被告未足额支付劳动报酬为由解除劳动合同。", "unpaid_wages"),
    ("原告于2016年入职被告处。原告以被告未缴纳社会保险为由提出解除劳动合同。", "no_social_insurance"),
])
def test_the_worker_ending_it_over_the_employers_fault_is_not_a_dismissal(text, reason):
    # the party after 以 is the reason given, not the one who ended it (劳动合同法第三十八条, not 第三十九条)
    event = read_text(text, today=TODAY).event
    assert (event.termination, event.resignation_reason) == ("employer_fault_resignation", reason)

"""Missing fields, invalid values and wrong types: listed, warned, rendered with blanks — never an exception."""

import pytest

from assistant.drafting import DraftingError, UnknownDocumentType, document_types, draft
from assistant.drafting.catalog import required_fields
from tests.assistant.drafting.conftest import FULL_CASES, TODAY, docx_text


@pytest.mark.parametrize("doc_type", [t.id for t in document_types()])
def test_empty_case_lists_every_required_field_and_prints_blanks(doc_type):
    d = draft(doc_type, {}, today=TODAY)
    labels = list(required_fields(doc_type).values())
    for label in labels:
        assert label in d.missing
    text = docx_text(d.docx)
    assert text.count("【待补充：") >= min(3, len(labels))
    shown = [label for label in labels if f"【待补充：{label}】" in text]
    assert len(shown) >= len(labels) // 2, (labels, shown)


def test_missing_hire_date_is_a_visible_blank_in_the_facts():
    case = FULL_CASES["arbitration_application"] | {"hire_date": None}
    d = draft("arbitration_application", case, today=TODAY)
    assert d.missing == ["入职日期"]
    text = docx_text(d.docx)
    assert "申请人于【待补充：入职日期】入职被申请人" in text
    assert "【待补充：入职日期】" in d.markdown


def test_money_claim_without_amount_is_missing():
    case = FULL_CASES["arbitration_application"] | {"claims": [{"item": "支付加班费"}, {"item": "确认双方存在劳动关系"}]}
    d = draft("arbitration_application", case, today=TODAY)
    assert d.missing == ["第1项请求的金额"]
    assert "支付加班费，金额【待补充：金额】" in docx_text(d.docx)


def test_invalid_id_number_and_credit_code_name_the_field_and_the_reason():
    case = FULL_CASES["arbitration_application"]
    case = case | {"worker": case["worker"] | {"id_number": "110105199003071230"},
                   "employer": case["employer"] | {"credit_code": "91110108MA01ABCD1X"}}
    d = draft("arbitration_application", case, today=TODAY)
    id_warning = next(w for w in d.warnings if "公民身份号码" in w)
    assert "校验位" in id_warning and "110105199003071230" not in id_warning
    code_warning = next(w for w in d.warnings if "统一社会信用代码" in w)
    assert "校验位" in code_warning
    # sex and age come from a valid ID number only: now they must be supplied
    assert "申请人性别" in d.missing and "申请人年龄" in d.missing


def test_valid_id_number_fills_sex_birth_date_and_age():
    case = FULL_CASES["arbitration_application"]
    d = draft("arbitration_application", case, today=TODAY)
    assert d.fields["worker"]["sex"] == "男" and d.fields["worker"]["birth_date"] == "1990-03-07"
    assert d.fields["worker"]["age"] == 36


def test_sex_contradicting_id_number_is_flagged():
    case = FULL_CASES["arbitration_application"]
    case = case | {"worker": case["worker"] | {"sex": "女"}}
    d = draft("arbitration_application", case, today=TODAY)
    assert any("性别" in w and "不一致" in w for w in d.warnings)


def test_bad_phone_and_dates_warn_and_keep_the_document():
    case = FULL_CASES["arbitration_application"]
    case = case | {"worker": case["worker"] | {"phone": "1380013800"}, "hire_date": "2021年13月1日",
                   "end_date": "2020-01-01"}
    d = draft("arbitration_application", case, today=TODAY)
    assert any("劳动者联系电话" in w and "11 位" in w for w in d.warnings)
    assert any("入职日期" in w and "不是有效日期" in w for w in d.warnings)
    assert "2021年13月1日" in docx_text(d.docx)  # kept as written for staff to correct


def test_end_before_hire_is_flagged():
    case = FULL_CASES["arbitration_application"] | {"end_date": "2020-01-01"}
    d = draft("arbitration_application", case, today=TODAY)
    assert any("早于" in w for w in d.warnings)


def test_wrong_types_are_dropped_with_a_warning_naming_the_field():
    case = FULL_CASES["arbitration_application"] | {
        "monthly_wage": "很多", "worker": FULL_CASES["arbitration_application"]["worker"] | {"age": "三十"},
        "claims": [{"item": "支付工资", "amount": "一大笔"}, {"item": "支付加班费", "amount": "一万二"}],
        "evidence": "一些聊天记录", "copies": -3}
    d = draft("arbitration_application", case, today=TODAY)
    joined = "\n".join(d.warnings)
    assert "「月工资（元）」不是有效金额" in joined
    assert "「请求事项第1项·金额（元）」不是有效金额" in joined
    assert "第2项" not in joined  # 一万二 is an amount in a form as in a chat
    assert "「副本份数」超出合理范围" in joined
    assert d.docx and "第1项请求的金额" in d.missing
    assert d.fields["evidence"] == [{"name": "一些聊天记录", "source": None, "purpose": None}]  # a bare name


def test_unknown_type_and_non_object_case_raise_typed_errors_in_chinese():
    with pytest.raises(UnknownDocumentType) as e:
        draft("complaint_letter", {})
    assert "不支持的文书类型" in e.value.message
    with pytest.raises(DraftingError) as e:
        draft("arbitration_application", ["not", "a", "case"])
    assert "JSON 对象" in e.value.message
    with pytest.raises(DraftingError):
        draft("arbitration_application", {}, narrative=12345)


def test_criminal_referral_without_government_order_is_missing_the_element():
    case = FULL_CASES["procuratorate_referral"] | {"government_order": None}
    d = draft("procuratorate_referral", case, today=TODAY)
    assert "政府有关部门责令支付情况" in d.missing
    assert "【待补充：政府有关部门责令支付情况】" in docx_text(d.docx)


def test_legal_aid_means_test_required_unless_migrant_wage_claim():
    case = FULL_CASES["legal_aid_application"] | {"migrant_worker": False}
    assert "经济困难情况" in draft("legal_aid_application", case, today=TODAY).missing
    assert "经济困难情况" not in draft("legal_aid_application", FULL_CASES["legal_aid_application"], today=TODAY).missing


def test_resignation_ground_without_item_is_missing():
    case = FULL_CASES["resignation_notice"] | {"grounds": [{"detail": "老板经常骂人"}]}
    d = draft("resignation_notice", case, today=TODAY)
    assert "第1项解除理由对应的第三十八条情形" in d.missing
    assert "【待补充：第三十八条情形】" in docx_text(d.docx)


def test_time_limit_warnings():
    case = FULL_CASES["arbitration_application"] | {"end_date": "2025-06-30"}
    assert any("仲裁时效" in w for w in draft("arbitration_application", case, today=TODAY).warnings)
    case = FULL_CASES["inspection_complaint"] | {"end_date": "2024-01-31"}
    assert any("第二十条" in w for w in draft("inspection_complaint", case, today=TODAY).warnings)


def test_suggestion_letter_from_a_workplace_union_is_flagged():
    case = FULL_CASES["union_suggestion_letter"]
    case = case | {"union": case["union"] | {"level": "企业工会"}}
    assert any("县级以上工会" in w for w in draft("union_suggestion_letter", case, today=TODAY).warnings)
    assert not any("县级以上工会" in w
                   for w in draft("union_suggestion_letter", FULL_CASES["union_suggestion_letter"], today=TODAY).warnings)


def test_arbitration_evidence_without_source_is_missing():
    case = FULL_CASES["arbitration_application"] | {"evidence": [{"name": "考勤记录"}]}
    d = draft("arbitration_application", case, today=TODAY)
    assert d.missing == ["第1项证据的来源"]
    assert "考勤记录 | 【待补充：证据来源】" in docx_text(d.docx)


@pytest.mark.parametrize("bad", ["2021-13-01", "2026-02-30", "上个月", "0000-00-00"])
def test_impossible_dates_never_raise(bad):
    case = FULL_CASES["arbitration_application"] | {"hire_date": bad, "end_date": bad}
    d = draft("arbitration_application", case, today=TODAY)
    assert any("不是有效日期" in w for w in d.warnings)
    case = FULL_CASES["inspection_complaint"] | {"end_date": bad}
    assert draft("inspection_complaint", case, today=TODAY).docx


def test_yes_no_in_chinese_is_understood():
    case = FULL_CASES["legal_aid_application"] | {"migrant_worker": "是"}
    d = draft("legal_aid_application", case, today=TODAY)
    assert d.fields["migrant_worker"] is True and "经济困难情况" not in d.missing


def test_an_empty_case_shows_where_the_facts_go():
    from assistant.drafting import draft

    for doc_type, label in (("inspection_complaint", "违法事实"), ("legal_aid_application", "案情")):
        d = draft(doc_type, {})
        assert label in d.missing and f"【待补充：{label}】" in d.markdown, doc_type

"""Verification against the real corpus: every reference a user sees resolves, or is visibly marked 未核实."""

from __future__ import annotations

from assistant.answering.generate import StreamVerifier
from assistant.answering.verify import (
    PARAPHRASE_NOTE,
    UNVERIFIED_MARK,
    CitationResolver,
    citations_of,
    verify_text,
)


def verify(assistant, text, numbered=None):
    return verify_text(text, CitationResolver(assistant), numbered)


def test_existing_article_is_attached_with_its_text(assistant):
    out = verify(assistant, "根据《中华人民共和国劳动合同法》第三十八条，单位未及时足额支付劳动报酬的，你可以解除合同。")
    assert UNVERIFIED_MARK not in out.text and not out.warnings
    [cited] = citations_of(out.checks)
    assert cited.id == "劳动合同法#38" and cited.verified
    assert cited.text == assistant.provision_by_id("劳动合同法#38").text


def test_hallucinated_article_is_marked_and_reported(assistant):
    out = verify(assistant, "依据劳动法第一百零八条，单位必须支付双倍工资。")
    assert "劳动法第一百零八条「未核实」" in out.text
    assert any("第一百零八条" in w and "不存在" in w for w in out.warnings)
    [cited] = citations_of(out.checks)
    assert not cited.verified and cited.status == "not_found" and cited.text == ""


def test_law_outside_the_corpus_is_marked(assistant):
    out = verify(assistant, "参见《最高人民法院关于审理劳动争议案件适用法律若干问题的解释（三）》第八条。")
    assert UNVERIFIED_MARK in out.text
    assert any("不在本法规库" in w for w in out.warnings)


def test_reference_without_a_law_is_marked(assistant):
    out = verify(assistant, "第三十八条规定了这种情况。")
    assert out.text.startswith("第三十八条「未核实」")


def test_mixed_list_marks_only_the_missing_article(assistant):
    out = verify(assistant, "见劳动合同法第三十八条、第一百零八条。")
    assert out.text == "见劳动合同法第三十八条、第一百零八条「未核实」。"
    assert [c.verified for c in citations_of(out.checks)] == [True, False]


def test_repealed_article_is_marked(hostile_assistant):
    out = verify(hostile_assistant, "按照劳动争议试行办法第二条，应当先调解。")
    assert "「已失效，未核实」" in out.text
    assert any("已失效" in w for w in out.warnings)
    [cited] = citations_of(out.checks)
    assert cited.status == "repealed" and not cited.verified


def test_faithful_quote_stays_a_quote(assistant):
    text = "劳动合同法第三十条规定：“用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。”"
    out = verify(assistant, text)
    assert out.text == text and not out.warnings


def test_quote_with_ellipsis_and_different_punctuation_is_faithful(assistant):
    text = "劳动法第五十条规定：“工资应当以货币形式按月支付给劳动者本人……不得克扣或者无故拖欠劳动者的工资”。"
    assert verify(assistant, text).text == text


def test_misquote_is_no_longer_shown_as_a_quote(assistant):
    text = "劳动合同法第三十条规定：“用人单位可以根据经营情况推迟支付劳动报酬。”所以要看情况。"
    out = verify(assistant, text)
    assert "“用人单位可以根据经营情况推迟支付劳动报酬。”" not in out.text
    assert "用人单位可以根据经营情况推迟支付劳动报酬。" + PARAPHRASE_NOTE in out.text
    assert any("原文不符" in w for w in out.warnings)


def test_quote_of_a_nonexistent_article_is_not_shown_as_a_quote(assistant):
    out = verify(assistant, "劳动法第一百零八条规定：“公司可以随时扣押员工身份证。”")
    assert "“公司可以随时扣押员工身份证。”" not in out.text
    assert UNVERIFIED_MARK in out.text and PARAPHRASE_NOTE in out.text


def test_quote_followed_by_its_reference_is_checked(assistant):
    out = verify(assistant, "“劳动者可以随时离职并获得三倍工资赔偿”（《劳动合同法》第三十八条）。")
    assert PARAPHRASE_NOTE in out.text


def test_short_quoted_terms_are_not_treated_as_passages(assistant):
    text = "只写“个人原因”辞职，往往被当作普通辞职（劳动合同法第三十七条）。"
    assert verify(assistant, text).text == text


def test_numbered_reference_becomes_a_checkable_name(assistant):
    p = assistant.provision_by_id("劳动合同法#47")
    out = verify(assistant, "经济补偿按工作年限计算[1]。", numbered=[p])
    assert "劳动合同法第四十七条" in out.text
    assert [c.id for c in citations_of(out.checks)] == ["劳动合同法#47"]


def test_streaming_verification_gives_the_same_text_as_verifying_at_once(assistant):
    text = ("你可以解除合同。根据《劳动合同法》第三十八条，单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同；"
            "另据劳动法第一百零八条「乱写」，还可以要求双倍。劳动合同法第三十条规定：“用人单位可以推迟发工资的情形很多。”"
            "最后，请保留证据。")
    whole = verify(assistant, text)
    for size in (1, 3, 7, 50):
        v = StreamVerifier(CitationResolver(assistant))
        shown = "".join(v.feed(text[i:i + size]) for i in range(0, len(text), size)) + v.finish()
        assert shown == whole.text == v.text
        assert {c.id for c in citations_of(v.checks)} == {c.id for c in citations_of(whole.checks)}


def test_list_split_across_streamed_clauses_is_still_checked(assistant):
    v = StreamVerifier(CitationResolver(assistant))
    shown = v.feed("依据劳动合同法第三十八条，") + v.feed("第一百零八条规定，") + v.feed("你可以解除。") + v.finish()
    assert shown == "依据劳动合同法第三十八条，第一百零八条「未核实」规定，你可以解除。"
    assert [(c.id, c.verified) for c in citations_of(v.checks)] == [("劳动合同法#38", True), ("劳动合同法#108", False)]


def test_stream_holds_back_an_unfinished_reference(assistant):
    v = StreamVerifier(CitationResolver(assistant))
    assert v.feed("你好，依据劳动法第一百") == "你好，依据劳动法"
    assert v.feed("零八条") == ""
    assert v.feed("，单位") == "第一百零八条「未核实」，单位"


def test_paragraph_that_does_not_exist_is_marked(assistant):
    # 劳动合同法第三十八条 has two 款 (the first lists six 项)
    assert UNVERIFIED_MARK not in verify(assistant, "劳动合同法第三十八条第二款规定了立即解除。").text
    out = verify(assistant, "劳动合同法第三十八条第三款规定了立即解除。")
    assert UNVERIFIED_MARK in out.text


def test_mark_follows_the_whole_reference_with_its_paragraph_and_item(assistant):
    out = verify(assistant, "劳动法第一百零八条第一款第（二）项规定了这一点。")
    assert out.text == "劳动法第一百零八条第一款第（二）项「未核实」规定了这一点。"

"""The chain with a language model (a fake chat model at the edge): streamed, verified, grounded."""

from __future__ import annotations

from assistant.answering.models import OFFLINE_LABEL
from assistant.answering.verify import PARAPHRASE_NOTE

REPLY = ("可以要求经济补偿。根据《劳动合同法》第三十八条，用人单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同；"
         "依照劳动合同法第四十六条，单位应当支付经济补偿。建议保留工资流水，拨打 12333 投诉或申请仲裁。")


def tokens_and_final(service, question, history=None):
    events = list(service.ask_stream(question, history))
    assert [e.type for e in events].count("final") == 1 and events[-1].type == "final"
    return "".join(e.text for e in events if e.type == "token"), events[-1]


def test_llm_answer_streams_and_carries_verified_citations(llm_service, assistant):
    service, _ = llm_service(REPLY)
    streamed, final = tokens_and_final(service, "老板三个月没发工资，我想辞职，还能要到补偿吗？")
    a = final.answer
    assert a.mode == "llm" and not final.replaces_stream
    # the model's words as they came, each verified article followed by its marker as its clause verified
    assert streamed == a.answer == REPLY.replace("第三十八条，", "第三十八条[1]，").replace("第四十六条，", "第四十六条[2]，")
    assert [(c.id, c.n) for c in a.citations] == [("劳动合同法#38", 1), ("劳动合同法#46", 2)]
    assert all(c.verified and c.text == assistant.provision_by_id(c.id).text for c in a.citations)
    assert "wage_arrears" in a.guides and a.suggested_actions
    assert OFFLINE_LABEL not in a.answer


def test_prompt_numbers_the_retrieved_provisions_as_data(llm_service):
    service, model = llm_service(REPLY)
    service.ask("老板三个月没发工资，我想辞职，还能要到补偿吗？")
    _, user = model.calls[0]
    data = user.content.split("<法条资料>", 1)[1].split("</法条资料>", 1)[0]
    assert data.lstrip().startswith("[1] ")
    assert "劳动合同法第三十八条" in data and "[2] " in data
    assert "老板三个月没发工资" in user.content.split("<用户问题>", 1)[1]


def test_hallucinated_citation_is_marked_even_while_streaming(llm_service):
    service, _ = llm_service("你可以要求双倍工资。依据劳动法第一百零八条，单位必须赔偿。另外请保留证据。")
    streamed, final = tokens_and_final(service, "公司拖欠工资怎么办？")
    assert "劳动法第一百零八条「未核实」" in streamed
    assert streamed == final.answer.answer
    assert any("第一百零八条" in w for w in final.answer.warnings)
    assert [c.verified for c in final.answer.citations] == [False]


def test_misquoted_article_is_shown_as_paraphrase(llm_service):
    service, _ = llm_service("劳动合同法第三十条规定：“用人单位遇到经营困难可以推迟三个月发工资。”所以公司不违法，这说法不对。")
    a = service.ask("公司说经营困难可以推迟发工资，对吗？")
    assert "“用人单位遇到经营困难可以推迟三个月发工资。”" not in a.answer
    assert PARAPHRASE_NOTE in a.answer
    assert any("原文不符" in w for w in a.warnings)


def test_numbered_reference_in_the_reply_is_resolved_to_the_article(llm_service):
    service, model = llm_service("单位拖欠工资的，你可以通知单位解除劳动合同[1]，并要求经济补偿。")
    a = service.ask("老板三个月没发工资，我想辞职，还能要到补偿吗？")
    assert a.mode == "llm"
    user = model.calls[0][1].content
    first = user.split("[1] ", 1)[1].split("（", 1)[0]
    # the prompt's number becomes the article's name, then the answer's own marker for it
    assert f"（{first}[1]）" in a.answer and "劳动合同[1]" not in a.answer
    assert a.citations and a.citations[0].verified and a.citations[0].n == 1


def test_follow_up_is_condensed_by_the_model_first(llm_service):
    service, model = llm_service("公司一直没签劳动合同，我离职后还能要求二倍工资吗？", REPLY)
    history = [{"role": "user", "content": "公司一直不跟我签劳动合同，已经干了八个月了"},
               {"role": "assistant", "content": "你可以要求二倍工资。"}]
    a = service.ask("那我离职了还能要吗？", history=history)
    assert len(model.calls) == 2
    assert "那我离职了还能要吗" in model.calls[0][0].content  # the condense prompt saw the follow-up
    assert a.question == "公司一直没签劳动合同，我离职后还能要求二倍工资吗？"
    assert "no_written_contract" in a.guides


def test_missing_essential_fact_becomes_a_clarifying_question(llm_service):
    service, model = llm_service(REPLY)
    a = service.ask("公司把我辞退了，经济补偿能拿多少？")
    assert a.clarifying_question and "工龄" in a.clarifying_question
    assert a.clarifying_question in model.calls[0][1].content


def test_calculation_is_appended_to_the_model_answer(llm_service):
    service, _ = llm_service(REPLY)
    a = service.ask("我在公司干了4年，月工资8000元，公司违法辞退我，能拿多少赔偿？")
    assert a.mode == "llm"
    assert "## 你可能拿到" in a.answer and "8000 × 4 × 2" in a.answer
    assert "劳动合同法#87" in {c.id for c in a.citations}


def test_nonexistent_article_is_stated_before_the_model_answer(llm_service):
    service, model = llm_service(REPLY)
    streamed, _ = tokens_and_final(service, "劳动合同法第一百零八条说公司可以拖欠工资，是真的吗？")
    assert streamed.startswith("《劳动合同法》没有第一百零八条")
    assert "没有第一百零八条" in model.calls[0][1].content


def test_long_history_stays_within_the_character_budget(llm_service, assistant):
    service, model = llm_service(REPLY)
    history = [{"role": "user" if i % 2 == 0 else "assistant", "content": "我们公司的情况是这样的。" * 200}
               for i in range(20)]
    service.ask("老板三个月没发工资，我想辞职，还能要到补偿吗？", history=history)
    sent = model.calls[-1]
    assert sum(len(m.content) for m in sent) <= assistant.settings.llm_context_chars

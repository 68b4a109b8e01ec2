def test_the_facade_answers_offline_with_verified_citations(assistant):
    answer = assistant.ask("老板三个月没发工资，我想辞职，还能要到补偿吗？")
    assert answer.mode == "offline"
    assert any(c.id == "劳动合同法#38" and c.verified for c in answer.citations)
    assert "12333" in answer.answer


def test_the_facade_streams_then_sends_the_whole_answer(assistant):
    events = list(assistant.ask_stream("加班费怎么算"))
    assert [e.type for e in events].count("final") == 1 and events[-1].type == "final"
    assert all(e.type == "token" for e in events[:-1]) and len(events) > 1
    assert events[-1].answer.citations

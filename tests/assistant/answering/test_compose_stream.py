"""What a worker's phone receives while an answer streams: offline, 结论 first and on its own; with a model, the
model's words as they come, each verified article already carrying the marker that leads to it."""

from __future__ import annotations

import re

QUESTION = "我在公司干了3年，月薪5000，公司突然把我辞退了，没有任何理由，能拿多少？"
MODEL_REPLY = ("## 结论\n单位没有理由辞退你，属于违法解除。依照《中华人民共和国劳动合同法》第八十七条，你可以要求赔偿金；"
               "根据劳动合同法第四十八条，你也可以要求继续履行。\n\n## 下一步\n1. 向仲裁委申请仲裁。")


def test_an_offline_answer_sends_its_verdict_before_composing_the_rest(offline_service):
    events = list(offline_service.ask_stream(QUESTION))
    tokens = [e.text for e in events if e.type == "token"]
    final = events[-1].answer
    assert tokens[0].startswith("## 结论") and "## 为什么" not in tokens[0], "the first bytes are the verdict alone"
    assert len(tokens) == len(final.sections), "one event per section, as each is composed"
    assert "".join(tokens) == final.answer, "the final event carries the same text, once"


def test_a_model_answer_streams_with_its_markers_in_place(llm_service):
    service, _ = llm_service(MODEL_REPLY, chunk_chars=2)  # the law's name and its article arrive in separate chunks
    events = list(service.ask_stream(QUESTION))
    streamed = "".join(e.text for e in events if e.type == "token")
    final = events[-1].answer
    assert final.mode == "llm" and streamed == final.answer
    assert "劳动合同法》第八十七条[1]" in streamed and "第四十八条[2]" in streamed
    by_n = {c.n: c.id for c in final.citations if c.n}
    assert by_n[1] == "劳动合同法#87" and by_n[2] == "劳动合同法#48"
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", final.answer)}
    assert markers <= set(by_n), "every marker in the text leads to a verified article"
    conclusion = next(s for s in final.sections if s.key == "conclusion")
    assert conclusion.refs == [1, 2] and not conclusion.folded


def test_an_article_that_does_not_exist_gets_no_marker_but_未核实(llm_service):
    reply = "## 结论\n依照劳动合同法第三百条，你可以要求赔偿金；依照劳动合同法第八十七条，单位应支付赔偿金。"
    service, _ = llm_service(reply)
    final = service.ask(QUESTION)
    assert final.mode == "llm"
    assert "第三百条「未核实」" in final.answer and "第八十七条[1]" in final.answer
    missing = next(c for c in final.citations if c.id == "劳动合同法#300")
    assert missing.n is None and missing.state == "未核实", "an article that is not there leads nowhere"


def test_a_model_answer_has_the_amount_right_after_its_verdict(llm_service):
    service, _ = llm_service(MODEL_REPLY, chunk_chars=1)  # "\n", "#", "#", " " … each in its own chunk
    events = list(service.ask_stream(QUESTION))
    final = events[-1].answer
    text = "".join(e.text for e in events if e.type == "token")
    assert text == final.answer
    assert text.index("## 结论") < text.index("## 你可能拿到") < text.index("30000.00 元") < text.index("## 下一步")
    assert "30000.00 元" in text[:400] and re.search(r"依据劳动合同法第八十七条\[1\]", text)
    keys = [s.key for s in final.sections]
    assert keys[:3] == ["conclusion", "amounts", "next_steps"] and keys[-1] == "calculation"
    assert [a.amount for a in final.amounts] == ["30000.00"]


def test_the_amounts_go_at_the_end_of_a_reply_without_headings():
    from assistant.answering.compose_placing import AfterConclusion

    placer = AfterConclusion(lambda: "\n## 你可能拿到\n- 30000.00 元\n")
    pieces = [out for piece in ("可以要求赔偿金。\n", "#不是标题") for out in placer.feed(piece)] + placer.finish()
    assert "".join(pieces) == "可以要求赔偿金。\n#不是标题\n\n## 你可能拿到\n- 30000.00 元\n"

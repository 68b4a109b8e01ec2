"""Markers [n] in an answer's text lead to their article under 法律依据 of the same answer."""

from __future__ import annotations

import re

from assistant.ui import consult, render


def test_a_marker_of_a_shown_article_is_a_link_and_others_stay_text():
    md = render.linked_markers("依据劳动合同法第八十七条[1]、第四十七条[2]；见[3]", {1, 2})
    assert md.count('class="cite-ref"') == 2 and 'href="#cite-1"' in md and 'href="#cite-2"' in md
    assert md.endswith("见[3]"), "no article [3] is shown, so there is nothing to lead to"


def test_the_offline_answer_links_every_marker_to_an_article_it_shows(assistant):
    final = [p for kind, p in consult.stream_answer(
        assistant, "我在公司干了3年，月薪5000，公司突然把我辞退了，没有任何理由，能拿多少？", []) if kind == "final"][0]
    bubble = consult.final_bubble(final)
    linked = {int(n) for n in re.findall(r'href="#cite-(\d+)"', bubble)}
    shown = {int(n) for n in re.findall(r'<summary>\[(\d+)\] ', bubble)}
    assert linked and linked <= shown, "each link has its article under 法律依据"
    amounts = bubble[:bubble.index("<details>")]
    assert re.search(r'劳动合同法第八十七条<a class="cite-ref" href="#cite-\d+"', amounts)


def test_a_model_answer_with_markers_gets_its_articles_under_it():
    text = "## 结论\n可以要求经济补偿[1]。\n\n## 为什么\n依据劳动合同法第三十八条[1]。"
    sections = [{"key": "conclusion", "title": "结论", "start": 0, "end": text.index("\n\n## 为什么"), "folded": False},
                {"key": "why", "title": "为什么", "start": text.index("## 为什么"), "end": len(text), "folded": True}]
    cite = {"id": "劳动合同法#38", "law": "劳动合同法", "article": "38", "n": 1, "verified": True, "text": "用人单位有下列情形之一的"}
    bubble = consult.final_bubble({"answer": text, "sections": sections, "citations": [cite], "mode": "llm"})
    assert 'href="#cite-1"' in bubble and "<summary>[1] 劳动合同法第三十八条　〔条文已核对〕</summary>" in bubble



def test_a_model_answers_amounts_are_shown_before_its_steps_and_reasons():
    """The calculators' part follows a model's own text; on the page it stands right after 结论."""
    from assistant.answering.compose_text import sections_of

    text = ("## 结论\n可以要求赔偿金。\n\n## 下一步\n1. 申请仲裁。\n\n## 为什么\n单位没有理由。\n\n"
            "## 初步计算\n**违法解除或终止劳动合同赔偿金**\n- 金额：30000.00 元")
    sections = [s.model_dump() for s in sections_of(text)]
    bubble = consult.final_bubble({"answer": text, "sections": sections, "citations": [], "mode": "llm"})
    assert bubble.index("可以要求赔偿金") < bubble.index("30000.00 元") < bubble.index("申请仲裁")
    assert bubble.index("30000.00 元") < bubble.index("<details>"), "the amount is not folded away"

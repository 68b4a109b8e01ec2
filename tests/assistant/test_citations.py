import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.citations import normalize_citation, parse_citations
from assistant.numerals import int_to_cn

JIESHI_1 = "最高人民法院关于审理劳动争议案件适用法律问题的解释（一）"


@pytest.mark.parametrize("text, expected", [
    ("《中华人民共和国劳动合同法》第三十八条", "劳动合同法#38"),
    ("劳动合同法第38条", "劳动合同法#38"),
    ("劳动合同法38条", "劳动合同法#38"),
    ("中华人民共和国劳动合同法第三十八条第一款第（二）项", "劳动合同法#38"),
    ("劳动争议解释一第四十四条", f"{JIESHI_1}#44"),
    ("《劳动争议解释（一）》第四十四条", f"{JIESHI_1}#44"),
    ("劳动争议司法解释（一）第44条", f"{JIESHI_1}#44"),
    ("刑法第二百七十六条之一", "刑法#276-1"),
    ("《刑法》第276条之一", "刑法#276-1"),
    ("社会法社会保险法第三十九条的内容是什么？", "社会保险法#39"),
    ("调解仲裁法第二十七条", "劳动争议调解仲裁法#27"),
    ("工伤条例第14条", "工伤保险条例#14"),
    ("实施《中华人民共和国社会保险法》若干规定第九条", "实施《社会保险法》若干规定#9"),
])
def test_every_way_of_writing_a_reference_maps_to_one_id(text, expected):
    assert normalize_citation(text) == expected


def test_paragraph_and_item_are_kept():
    c = parse_citations("依据劳动合同法第三十八条第一款第（二）项")[0]
    assert (c.id, c.paragraph, c.item) == ("劳动合同法#38", 1, 2)


def test_lists_and_ranges_expand():
    assert [c.id for c in parse_citations("劳动合同法第四十六、四十七条")] == ["劳动合同法#46", "劳动合同法#47"]
    assert [c.article for c in parse_citations("工伤保险条例第三十五至三十七条")] == ["35", "36", "37"]
    assert [c.article for c in parse_citations("工伤保险条例第三十五条至第三十七条")] == ["35", "36", "37"]


def test_a_later_article_takes_the_law_named_before_it():
    cites = parse_citations("根据《劳动法》第四十四条，以及第四十五条")
    assert [c.id for c in cites] == ["劳动法#44", "劳动法#45"]
    assert cites[1].inferred_law


def test_two_laws_in_one_sentence():
    assert [c.id for c in parse_citations("劳动合同法第38条和劳动法第44条")] == ["劳动合同法#38", "劳动法#44"]


def test_numbers_that_are_not_citations_are_ignored():
    assert parse_citations("我有3条问题想问") == []
    assert parse_citations("干了三年，工资八千") == []


def test_unknown_law_is_parsed_but_not_marked_known():
    c = parse_citations("《某某省工资支付条例》第5条")[0]
    assert c.id == "某某省工资支付条例#5" and not c.known_law


def test_default_law_applies_to_a_bare_article():
    c = parse_citations("第三十八条说了什么", default_law="劳动合同法")[0]
    assert c.id == "劳动合同法#38"
    assert parse_citations("第三十八条说了什么")[0].id is None


LAWS = ["劳动合同法", "劳动法", "社会保险法", "工伤保险条例", "刑法"]


@given(law=st.sampled_from(LAWS), n=st.integers(1, 999), sub=st.integers(0, 3),
       style=st.sampled_from(["cn", "arabic", "book", "prc", "nodi"]))
def test_any_article_written_any_way_normalizes(law, n, sub, style):
    number = int_to_cn(n) if style in {"cn", "book", "prc"} else str(n)
    suffix = f"之{int_to_cn(sub)}" if sub else ""
    article = f"第{number}条{suffix}" if style != "nodi" else f"{number}条{suffix}"
    name = {"book": f"《{law}》", "prc": f"中华人民共和国{law}"}.get(style, law)
    expected = f"{law}#{n}-{sub}" if sub else f"{law}#{n}"
    assert normalize_citation(f"请问{name}{article}怎么理解") == expected


def test_a_law_outside_the_registry_is_cut_from_the_sentence_around_it():
    assert normalize_citation("我想问民法典第一千四百三十八条") == "民法典#1438"
    assert normalize_citation("请问某某省工资支付条例第5条") == "某某省工资支付条例#5"


def test_a_bracket_before_a_law_is_not_part_of_its_name():
    assert normalize_citation("（法律援助法第三十一条所列事项）") == "法律援助法#31"
    assert normalize_citation("（某某市工资支付条例第5条）") == "某某市工资支付条例#5"

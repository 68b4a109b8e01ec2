"""Search and provision lookup over the real index."""

from __future__ import annotations


def test_search_returns_articles_with_text_and_ids(client):
    r = client.post("/v1/search", json={"query": "劳动合同法第三十八条", "k": 5})
    assert r.status_code == 200
    hits = r.json()["hits"]
    assert hits and hits[0]["id"] == "劳动合同法#38"
    assert "劳动报酬" in hits[0]["text"]
    assert hits[0]["title"] == "劳动合同法第三十八条"
    assert len(hits) <= 5


def test_search_filters_by_law(client):
    hits = client.post("/v1/search", json={"query": "加班", "k": 10, "law": "劳动法"}).json()["hits"]
    assert hits and all(h["law"] == "劳动法" for h in hits)


def test_search_response_keeps_chinese_readable_on_the_wire(client):
    r = client.post("/v1/search", json={"query": "试用期", "k": 1})
    assert "\\u" not in r.text and "试用" in r.text


def test_provision_by_law_and_number_in_several_spellings(client):
    for article in ("38", "第三十八条"):
        r = client.get(f"/v1/provisions/劳动合同法/{article}")
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["id"] == "劳动合同法#38"
        assert body["status"] == "in_force"
        assert body["chapter"], "an article is shown with its chapter"
        assert "劳动合同法#46" in body["cited_by"]  # 第四十六条 names 第三十八条 as a ground for compensation


def test_unknown_article_is_a_typed_404_in_chinese(client):
    r = client.get("/v1/provisions/劳动合同法/999")
    assert r.status_code == 404
    err = r.json()["error"]
    assert err["code"] == "not_found" and "没有找到" in err["message"]


def test_unknown_law_is_404_not_500(client):
    r = client.get("/v1/provisions/不存在的法/1")
    assert r.status_code == 404


def test_bad_search_inputs_get_422_with_chinese_messages(client):
    cases = [
        {"query": ""},
        {"query": "   "},
        {"query": 123},
        {"k": 3},
        {"query": "加班", "k": 0},
        {"query": "加班", "k": 1000},
        {"query": "加班", "unknown": 1},
    ]
    for body in cases:
        r = client.post("/v1/search", json=body)
        assert r.status_code == 422, (body, r.text)
        err = r.json()["error"]
        assert err["code"] == "invalid_input"
        assert any("\u4e00" <= ch <= "\u9fff" for ch in err["message"]), err


def test_search_body_that_is_not_json_is_400(client):
    # Malformed syntax is a 400, as a body that is not UTF-8 is; 422 is for JSON of the wrong shape.
    r = client.post("/v1/search", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "invalid_json" and "JSON" in r.json()["error"]["message"]


def test_hostile_query_text_is_just_text(client):
    r = client.post("/v1/search", json={"query": "<script>alert(1)</script> 忽略以上指令 '; DROP TABLE x; --"})
    assert r.status_code == 200
    assert isinstance(r.json()["hits"], list)


def test_provision_path_limits_are_422(client):
    assert client.get("/v1/provisions/劳动合同法/" + "9" * 41).status_code == 422
    assert client.get("/v1/provisions/" + "法" * 201 + "/38").status_code == 422
    assert client.get("/v1/provisions/劳动合同法/%20").status_code in (404, 422)


def test_an_empty_law_filter_is_no_filter_and_no_server_path_is_shown(client):
    plain = client.post("/v1/search", json={"query": "加班费怎么算"}).json()["hits"]
    empty = client.post("/v1/search", json={"query": "加班费怎么算", "law": ""}).json()["hits"]
    assert empty and [h["id"] for h in empty] == [h["id"] for h in plain]
    assert all("/" not in (h.get("source") or "") for h in empty)

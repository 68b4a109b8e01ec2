"""Staff upload → ingest summary; type, size and role checks. Uses its own empty index, not the shared one."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant import Assistant
from assistant.api import ApiSettings, create_app
from tests.assistant.api.conftest import PUBLIC_KEY, STAFF_KEY

RULES = """# 示范企业工资支付办法

## 第一章 总则

**第一条** 为保障劳动者按时足额获得劳动报酬，制定本办法。

**第二条** 用人单位应当每月至少支付一次工资，不得无故拖欠。

## 第二章 附则

**第三条** 本办法自发布之日起施行。
"""


@pytest.fixture
def ingest_client(fresh_settings, tmp_path):
    settings = ApiSettings(_env_file=None, api_keys=f"{STAFF_KEY}:staff,{PUBLIC_KEY}:public",
                           max_upload_bytes=64 * 1024, rate_limit_per_minute=0, feedback_db=tmp_path / "f.sqlite3")
    a = Assistant(fresh_settings)
    return TestClient(create_app(a, api_settings=settings)), a


STAFF = {"Authorization": f"Bearer {STAFF_KEY}"}


def test_staff_upload_is_ingested_and_searchable(ingest_client):
    client, _ = ingest_client
    files = [("files", ("示范企业工资支付办法.md", RULES.encode(), "text/markdown")),
             ("files", ("空文件.txt", b"", "text/plain"))]
    r = client.post("/v1/ingest", files=files, data={"category": "departmental_rule"}, headers=STAFF)
    assert r.status_code == 200, r.text
    report = r.json()
    by_name = {f["path"]: f for f in report["files"]}
    assert by_name["示范企业工资支付办法.md"]["status"] == "added"
    assert by_name["示范企业工资支付办法.md"]["provisions"] == 3
    assert by_name["空文件.txt"]["status"] == "rejected" and by_name["空文件.txt"]["reason"]
    assert "/uploads/" not in r.text, "server paths are not shown to the client"
    assert "导入完成" in report["summary"]
    hits = client.post("/v1/search", json={"query": "每月至少支付一次工资"}).json()["hits"]
    assert hits and "每月至少支付一次工资" in hits[0]["text"]


def test_ingest_refuses_wrong_type_wrong_role_and_oversize(ingest_client):
    client, _ = ingest_client
    exe = [("files", ("tool.exe", b"MZ\x90\x00", "application/octet-stream"))]
    r = client.post("/v1/ingest", files=exe, headers=STAFF)
    assert r.status_code == 422 and "不支持的文件类型" in r.json()["error"]["message"]
    md = [("files", ("a.md", RULES.encode(), "text/markdown"))]
    assert client.post("/v1/ingest", files=md).status_code == 401
    assert client.post("/v1/ingest", files=md, headers={"X-API-Key": PUBLIC_KEY}).status_code == 403
    big = [("files", ("big.md", b"#" * (200 * 1024), "text/markdown"))]
    r = client.post("/v1/ingest", files=big, headers=STAFF)
    assert r.status_code == 413 and r.json()["error"]["code"] == "payload_too_large"
    assert client.post("/v1/ingest", headers=STAFF).status_code == 422


def test_upload_names_cannot_escape_the_upload_folder():
    from ingest.uploads import safe_filename

    assert safe_filename("../../etc/passwd.md", 0) == "00_passwd.md"
    assert safe_filename("..\\..\\win.ini", 1).startswith("01_")
    assert "/" not in safe_filename("a/b/劳动合同.md", 2) and safe_filename("a/b/劳动合同.md", 2).endswith("劳动合同.md")
    assert safe_filename("", 3) == "03_upload3"


def test_an_upload_is_the_uploaders_document_unless_staff_files_it_as_law(ingest_client):
    client, a = ingest_client
    r = client.post("/v1/ingest", files=[("files", ("办法.md", RULES.encode(), "text/markdown"))], headers=STAFF)
    assert r.status_code == 200 and r.json()["files"][0]["kind"] == "document"
    assert a.provision("示范企业工资支付办法", "2") is None  # never quoted as an article of law
    assert all(h.category == "document" for h in a.search("每月至少支付一次工资", k=3))
    bad = client.post("/v1/ingest", files=[("files", ("x.md", RULES.encode(), "text/markdown"))],
                      data={"category": "official"}, headers=STAFF)
    assert bad.status_code == 422

"""Hostile uploads in one batch with a good file: 200 with one rejection per bad file (never a 500), the good file
ingested and searchable, the connection still usable, and nothing rejected left on the server's disk."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant import Assistant
from assistant.api import ApiSettings, create_app
from tests.assistant.api.conftest import PUBLIC_KEY, STAFF_KEY
from tests.faults.hostile_files import GOOD_STATUTE, flate_bomb_pdf, truncated_docx, zip_bomb_docx

STAFF = {"Authorization": f"Bearer {STAFF_KEY}"}


@pytest.fixture
def upload_client(fresh_settings, tmp_path):
    settings = ApiSettings(_env_file=None, api_keys=f"{STAFF_KEY}:staff,{PUBLIC_KEY}:public",
                           max_upload_bytes=8 * 1024 * 1024, rate_limit_per_minute=0,
                           feedback_db=tmp_path / "f.sqlite3")
    a = Assistant(fresh_settings)
    return TestClient(create_app(a, api_settings=settings), raise_server_exceptions=False), a


def test_hostile_files_are_rejected_one_by_one_and_the_good_one_is_ingested(upload_client, tmp_path):
    client, a = upload_client
    bomb = flate_bomb_pdf(tmp_path / "bomb.pdf").read_bytes()
    cut = truncated_docx(tmp_path / "cut.docx").read_bytes()
    zipbomb = zip_bomb_docx(tmp_path / "zipbomb.docx", uncompressed_mb=40).read_bytes()
    files = [("files", ("炸弹.pdf", bomb, "application/pdf")),
             ("files", ("截断.docx", cut, "application/octet-stream")),
             ("files", ("压缩炸弹.docx", zipbomb, "application/octet-stream")),
             ("files", ("条例.md", GOOD_STATUTE.encode(), "text/markdown"))]
    r = client.post("/v1/ingest", files=files, headers=STAFF)
    assert r.status_code == 200, r.text
    by_name = {f["path"]: f for f in r.json()["files"]}
    assert by_name["条例.md"]["status"] == "added"
    for name in ("炸弹.pdf", "截断.docx", "压缩炸弹.docx"):
        assert by_name[name]["status"] == "rejected", name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in by_name[name]["reason"]), by_name[name]
    assert "/uploads/" not in r.text
    hits = client.post("/v1/search", json={"query": "按时足额支付劳动报酬"}).json()["hits"]
    assert hits and hits[0]["law"] == "测试劳动保护条例"

    kept = [p.name for p in (a.settings.data_dir / "uploads").rglob("*") if p.is_file() and p.name != "manifest.csv"]
    assert kept == ["03_条例.md"], "rejected uploads are not kept on the server"


def test_an_upload_batch_with_nothing_usable_leaves_no_folder(upload_client, tmp_path):
    client, a = upload_client
    cut = truncated_docx(tmp_path / "cut.docx").read_bytes()
    r = client.post("/v1/ingest", files=[("files", ("截断.docx", cut, "application/octet-stream"))], headers=STAFF)
    assert r.status_code == 200 and r.json()["files"][0]["status"] == "rejected"
    assert not [p for p in (a.settings.data_dir / "uploads").rglob("*") if p.name != ".incoming"], "no batch folder"

"""Evidence files through the HTTP API: a multipart upload (field ``file``) read by its bytes, the list, the
download with its RFC 5987 file name, refusals (413 over the limit, 422 naming the field, 409 on a closed or
erased case, the one 404 for another organisation) — and consent that is a JSON boolean, not a word."""

from __future__ import annotations

import hashlib
import io
import zipfile
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from assistant.api import ApiSettings, create_app
from tests.assistant.api.case_fixtures import KEY_SETTING, STORY, key, open_chat_case
from tests.assistant.cases import evidence_files as files

NOT_FOUND = {"error": {"code": "case_not_found", "message": "案件编号或查询码不正确，请核对后再试。"}}


def _upload(client: TestClient, code: str, name: str, data: bytes, content_type: str = "application/octet-stream",
            who: str = "desk_a"):
    return client.post(f"/v1/cases/{code}/attachments", files={"file": (name, data, content_type)},
                       headers=key(who) if who != "anonymous" else {})


def _trace(client: TestClient, code: str) -> list[str]:
    return [e["hash"] for e in client.get(f"/v1/cases/{code}/events", headers=key("admin")).json()]


def test_staff_upload_a_pay_slip_list_it_and_download_the_same_bytes(desk_client):
    code = open_chat_case(desk_client)["code"]
    data = files.pdf()
    r = _upload(desk_client, code, "张三工资条.pdf", data, "application/pdf")
    assert r.status_code == 201, r.text
    added = r.json()
    assert added["name"] == "张三工资条.pdf" and added["media_type"] == "application/pdf"
    assert added["size"] == len(data) and added["sha256"] == hashlib.sha256(data).hexdigest()
    listed = desk_client.get(f"/v1/cases/{code}/attachments", headers=key("desk_a")).json()
    assert [a["id"] for a in listed] == [added["id"]]
    got = desk_client.get(f"/v1/cases/{code}/attachments/{added['id']}", headers=key("desk_a"))
    assert got.status_code == 200 and got.content == data
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["x-content-type-options"] == "nosniff"
    disposition = got.headers["content-disposition"]
    assert disposition.startswith("attachment;") and f"filename*=UTF-8''{quote('张三工资条.pdf')}" in disposition
    assert f'filename="evidence-{added["id"]}.pdf"' in disposition
    events = desk_client.get(f"/v1/cases/{code}/events", headers=key("desk_a")).json()
    kinds = [e["kind"] for e in events]
    assert "attachment_added" in kinds and kinds[-1] == "personal_data_read"
    case = desk_client.get(f"/v1/cases/{code}", headers=key("rev_a")).json()
    assert case["attachments"][0]["sha256"] == added["sha256"]


def test_an_upload_larger_than_a_json_body_but_under_the_upload_limit_goes_through(desk_client):
    code = open_chat_case(desk_client)["code"]
    photo = files.jpeg() + b"\x00" * (600 * 1024)  # a phone photo is far above the 256 KB JSON body limit
    r = _upload(desk_client, code, "欠条照片.jpg", photo, "image/jpeg")
    assert r.status_code == 201, r.text
    assert r.json()["size"] == len(photo)


def test_the_clients_content_type_is_not_believed(desk_client):
    code = open_chat_case(desk_client)["code"]
    r = _upload(desk_client, code, "聊天截图.pdf", files.png(), "application/pdf")
    assert r.status_code == 201 and r.json()["media_type"] == "image/png"
    assert r.json()["name"] == "聊天截图.pdf.png"


@pytest.mark.parametrize(("data", "reason"), [
    (files.EXE, "不支持的文件类型"),
    (files.pdf(password="123456"), "密码"),
    (files.pdf()[:150], "损坏"),
    (files.zip_without_word(), "不是 Word 文档"),
])
def test_a_file_that_is_not_accepted_is_a_422_naming_the_field_and_nothing_changes(desk_client, data, reason):
    code = open_chat_case(desk_client)["code"]
    before = _trace(desk_client, code)
    r = _upload(desk_client, code, "工资条.pdf", data, "application/pdf")
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["field"] == "file" and reason in error["message"]
    assert desk_client.get(f"/v1/cases/{code}/attachments", headers=key("desk_a")).json() == []
    assert _trace(desk_client, code) == before


def test_a_form_without_the_file_is_a_422_naming_it(desk_client):
    code = open_chat_case(desk_client)["code"]
    r = desk_client.post(f"/v1/cases/{code}/attachments", data={"file": "不是文件"}, headers=key("desk_a"))
    assert r.status_code == 422 and r.json()["error"]["field"] == "file"


@pytest.fixture
def small_limit_client(assistant, database_url, tmp_path):
    """The desk behind an API whose upload limit is 4 KB."""
    from assistant import Assistant

    own = Assistant(assistant.settings.model_copy(update={"database_url": database_url}), index=assistant.index)
    settings = ApiSettings(_env_file=None, api_keys=KEY_SETTING, allow_anonymous=True, rate_limit_per_minute=0,
                           feedback_db=tmp_path / "feedback.sqlite3", max_upload_bytes=4096)
    yield TestClient(create_app(own, api_settings=settings))
    if "cases" in vars(own):
        own.cases.db.dispose()


def test_a_file_over_the_upload_limit_is_a_413_in_chinese_and_nothing_is_stored(small_limit_client):
    client = small_limit_client
    code = open_chat_case(client)["code"]
    before = _trace(client, code)
    r = _upload(client, code, "照片.jpg", files.jpeg() + b"\x00" * 5000, "image/jpeg")
    assert r.status_code == 413
    error = r.json()["error"]
    assert error["code"] == "payload_too_large" and error["field"] == "file" and "4 KB" in error["message"]
    assert client.get(f"/v1/cases/{code}/attachments", headers=key("desk_a")).json() == []
    assert _trace(client, code) == before
    assert _upload(client, code, "照片.jpg", files.jpeg(), "image/jpeg").status_code == 201


def _raw_upload(client: TestClient, code: str, filename: str, data: bytes):
    """A multipart body written by hand, so the file name reaches the server byte for byte (an HTTP client would
    escape NUL and the like before sending)."""
    boundary = "evidence-boundary-7f3a"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            "Content-Type: text/plain\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return client.post(f"/v1/cases/{code}/attachments", content=body,
                       headers={**key("desk_a"), "Content-Type": f"multipart/form-data; boundary={boundary}"})


@pytest.mark.parametrize(("hostile", "safe"), [
    ("../../etc/passwd", "passwd.txt"),
    ("..\\..\\boot.ini", "boot.ini.txt"),
    ("note\u202etxt.exe", "notetxt.exe.txt"),
    ("欠\x00条.txt", "欠条.txt"),
    ("CON.txt", "_CON.txt"),
    ("lpt1", "_lpt1.txt"),
])
def test_a_hostile_file_name_is_shown_and_downloaded_under_a_safe_one(desk_client, hostile, safe):
    code = open_chat_case(desk_client)["code"]
    r = _raw_upload(desk_client, code, hostile, files.text())
    assert r.status_code == 201, r.text
    assert r.json()["name"] == safe
    got = desk_client.get(f"/v1/cases/{code}/attachments/{r.json()['id']}", headers=key("desk_a"))
    assert got.status_code == 200 and got.content == files.text()
    assert got.headers["content-disposition"].endswith(f"filename*=UTF-8''{quote(safe)}")


def test_a_long_file_name_is_cut_to_100_characters(desk_client):
    code = open_chat_case(desk_client)["code"]
    r = _upload(desk_client, code, "长" * 300 + ".pdf", files.pdf(), "application/pdf")
    assert r.status_code == 201 and len(r.json()["name"]) == 100 and r.json()["name"].endswith(".pdf")


def test_roles_that_must_be_refused_are_refused_and_another_organisation_gets_the_unknown_case_404(desk_client):
    code = open_chat_case(desk_client)["code"]
    added = _upload(desk_client, code, "工资条.pdf", files.pdf()).json()
    before = _trace(desk_client, code)
    for who, status in {"anonymous": 401, "app": 403, "rev_a": 403, "desk_b": 404}.items():
        r = _upload(desk_client, code, "照片.jpg", files.jpeg(), who=who)
        assert r.status_code == status, (who, r.text)
        assert r.json()["error"]["message"]
    paths = [f"/v1/cases/{code}/attachments", f"/v1/cases/{code}/attachments/{added['id']}"]
    for path in paths:
        assert desk_client.get(path, headers={}).status_code == 401
        assert desk_client.get(path, headers=key("app")).status_code == 403
        other = desk_client.get(path, headers=key("desk_b"))
        unknown = desk_client.get(path.replace(code, "ZZZZ-ZZZZ"), headers=key("desk_a"))
        assert other.status_code == unknown.status_code == 404 and other.json() == unknown.json() == NOT_FOUND
    assert _trace(desk_client, code) == before
    # the case's reviewer reads the case file (and the read is traced)
    assert desk_client.get(paths[1], headers=key("rev_a")).content == files.pdf()
    assert desk_client.get(f"/v1/cases/{code}/attachments/{added['id'] + 99}", headers=key("desk_a")).status_code == 404


def test_a_closed_case_is_a_409_and_an_erased_case_keeps_no_file(desk_client):
    opened = open_chat_case(desk_client)
    code = opened["code"]
    note = files.docx()
    added = _upload(desk_client, code, "张三欠条.docx", note).json()
    with zipfile.ZipFile(io.BytesIO(desk_client.get(f"/v1/cases/{code}/bundle", headers=key("desk_a")).content)) as z:
        assert z.read("证据/01_张三欠条.docx") == note
    creds = {"code": code, "secret": opened["secret"]}
    assert desk_client.post("/v1/cases/progress/erase", json=creds).status_code == 204
    r = _upload(desk_client, code, "照片.jpg", files.jpeg())
    assert r.status_code == 409 and r.json()["error"]["code"] == "case_erased"
    gone = desk_client.get(f"/v1/cases/{code}/attachments/{added['id']}", headers=key("desk_a"))
    assert gone.status_code == 404
    listed = desk_client.get(f"/v1/cases/{code}/attachments", headers=key("desk_a")).json()
    assert [(a["name"], a["erased"]) for a in listed] == [("（已删除）", True)]

    closed = open_chat_case(desk_client)["code"]
    desk_client.post(f"/v1/cases/{closed}/status", json={"status": "不予受理", "reason": "不属于受理范围"},
                     headers=key("desk_a"))
    r = _upload(desk_client, closed, "工资条.pdf", files.pdf())
    assert r.status_code == 409 and r.json()["error"]["code"] == "case_closed"


def _worker_upload(client: TestClient, code: str, secret: str, name: str, data: bytes):
    return client.post("/v1/cases/progress/attachments", data={"code": code, "secret": secret},
                       files={"file": (name, data, "application/octet-stream")})


def test_the_worker_adds_a_file_with_code_and_secret_and_staff_see_it_as_the_workers(desk_client):
    opened = open_chat_case(desk_client)
    code, secret = opened["code"], opened["secret"]
    r = _worker_upload(desk_client, code.lower().replace("-", ""), secret, "欠条照片.jpg", files.jpeg())
    assert r.status_code == 201, r.text  # the code as a person types it
    assert r.json()["created_by_role"] == "worker" and r.json()["media_type"] == "image/jpeg"
    listed = desk_client.get(f"/v1/cases/{code}/attachments", headers=key("desk_a")).json()
    assert [(a["name"], a["created_by_role"]) for a in listed] == [("欠条照片.jpg", "worker")]
    events = desk_client.get(f"/v1/cases/{code}/events", headers=key("desk_a")).json()
    assert any(e["kind"] == "attachment_added" and e["actor_role"] == "worker" for e in events)
    _upload(desk_client, code, "承办人笔记.txt", "内部：证据还需补充".encode())  # staff's file: not the worker's to see
    seen = desk_client.post("/v1/cases/progress", json={"code": code, "secret": secret}).json()
    assert [(f["name"], f["size"]) for f in seen["files"]] == [("欠条照片.jpg", len(files.jpeg()))]


def test_the_workers_door_takes_no_file_without_the_right_secret_and_none_for_a_closed_case(desk_client):
    opened = open_chat_case(desk_client)
    code = opened["code"]
    wrong = _worker_upload(desk_client, code, "WRONG234", "欠条.jpg", files.jpeg())
    unknown = _worker_upload(desk_client, "ZZZZ-ZZZZ", opened["secret"], "欠条.jpg", files.jpeg())
    assert wrong.status_code == unknown.status_code == 404 and wrong.json() == unknown.json() == NOT_FOUND
    refused = _worker_upload(desk_client, code, opened["secret"], "程序.exe", files.EXE)
    assert refused.status_code == 422 and refused.json()["error"]["field"] == "file"
    desk_client.post(f"/v1/cases/{code}/status", json={"status": "不予受理", "reason": "不属于受理范围"},
                     headers=key("desk_a"))
    closed = _worker_upload(desk_client, code, opened["secret"], "欠条.jpg", files.jpeg())
    assert closed.status_code == 409
    assert desk_client.get(f"/v1/cases/{code}/attachments", headers=key("desk_a")).json() == []


@pytest.mark.parametrize("value", ["yes", "true", 1, "1", 0])
def test_consent_given_as_a_word_or_a_number_is_a_422_naming_it(desk_client, value):
    r = desk_client.post("/v1/cases", json={"consent": value, "conversation": STORY})
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["code"] == "invalid_input" and error["field"] == "consent" and "true 或 false" in error["message"]
    assert desk_client.get("/v1/cases", headers=key("admin")).json() == []
    assert desk_client.post("/v1/cases", json={"consent": True, "conversation": STORY}).status_code == 201

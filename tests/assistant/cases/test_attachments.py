"""Evidence files on a case (a photo of a 欠条, a pay slip PDF, a chat screenshot): what is stored, what is refused
and why, who may see them, the trace that covers them, the bundle that carries them and the deletion that removes
them — each on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from docx import Document
from pydantic import ValidationError

from assistant.cases import (
    AccessDenied,
    Actor,
    CaseClosed,
    CaseDesk,
    CaseInputError,
    CaseIntake,
    CaseNotFound,
    Message,
    RecordNotFound,
)
from assistant.cases.errors import AttachmentTooLarge, CaseErased
from tests.assistant.cases import evidence_files as files

STORY = "我叫张三，2021年3月1日入职深圳某某科技有限公司，月薪8000元，公司已经三个月没发工资了"


def _open(desk) -> str:
    intake = CaseIntake(source="chat", consent=True, conversation=[Message(role="user", content=STORY)])
    return desk.open_case(intake, Actor.system()).code


def _kinds(desk, code: str) -> list[str]:
    return [e.kind for e in desk.events(code, Actor.admin())]


@pytest.mark.parametrize(("name", "data", "media_type"), [
    ("工资条.pdf", files.pdf(), "application/pdf"),
    ("聊天截图.png", files.png(), "image/png"),
    ("欠条.jpg", files.jpeg(), "image/jpeg"),
    ("欠条.docx", files.docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("聊天记录.txt", files.text(), "text/plain; charset=utf-8"),
])
def test_staff_add_an_evidence_file_and_get_the_same_bytes_back(desk, staff, name, data, media_type):
    code = _open(desk)
    added = desk.add_attachment(code, name, data, "application/octet-stream", staff)
    assert (added.name, added.media_type, added.size) == (name, media_type, len(data))
    assert added.sha256 == hashlib.sha256(data).hexdigest() and added.created_by == "李干事"
    assert [a.id for a in desk.attachments(code, staff)] == [added.id]
    assert desk.attachment(code, staff, added.id).data == data
    assert desk.get_case(code, staff).attachments[0].name == name


def test_the_trace_names_the_file_by_hash_in_the_same_transaction_and_never_holds_its_bytes(desk, staff):
    code = _open(desk)
    data = files.pdf()
    added = desk.add_attachment(code, "工资条.pdf", data, "application/pdf", staff)
    event = next(e for e in desk.events(code, staff) if e.kind == "attachment_added")
    assert event.data == {"attachment_id": added.id, "name": "工资条.pdf", "media_type": "application/pdf",
                          "size": len(data), "sha256": hashlib.sha256(data).hexdigest(),
                          "claimed_type": "application/pdf"}
    assert desk.verify(code).ok
    desk.attachment(code, staff, added.id)
    read = desk.events(code, staff)[-1]
    assert read.kind == "personal_data_read" and read.data == {"what": "attachment", "attachment_id": added.id}


def test_the_type_is_read_from_the_bytes_not_from_the_clients_claim(desk, staff):
    code = _open(desk)
    added = desk.add_attachment(code, "工资条.pdf", files.png(), "application/pdf", staff)
    assert added.media_type == "image/png" and added.name == "工资条.pdf.png"


@pytest.mark.parametrize(("data", "reason"), [
    (files.EXE, "不支持的文件类型"),
    (files.zip_without_word(), "不是 Word 文档"),
    (files.pdf()[:200], "PDF 文件已损坏"),
    (files.pdf(password="123456"), "密码"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "PNG 图片已损坏"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".docx 或 PDF"),
    ("工资\x00条".encode() + b"\x01\x02", "不支持的文件类型"),
    (b"", "空的"),
    (b"0", "没有文字"),  # a number sent where a file belongs arrives as a one-byte "file"
    ("￥3,200.00\n2024-05-31".encode(), "没有文字"),
])
def test_a_file_that_is_not_accepted_is_refused_with_its_reason_and_nothing_is_stored(desk, staff, data, reason):
    code = _open(desk)
    before = _kinds(desk, code)
    with pytest.raises(CaseInputError) as err:
        desk.add_attachment(code, "证据.pdf", data, "application/pdf", staff)
    assert err.value.field == "file" and reason in err.value.message
    assert desk.attachments(code, staff) == [] and _kinds(desk, code) == before


def test_a_file_over_the_upload_limit_is_refused(database_url, staff):
    small = CaseDesk(database_url, max_attachment_bytes=4096)
    try:
        code = _open(small)
        with pytest.raises(AttachmentTooLarge) as err:
            small.add_attachment(code, "照片.jpg", files.jpeg() + b"\x00" * 5000, "image/jpeg", staff)
        assert err.value.field == "file" and "4 KB" in err.value.message
        assert small.attachments(code, staff) == []
        assert small.add_attachment(code, "照片.jpg", files.jpeg(), "image/jpeg", staff).size == len(files.jpeg())
    finally:
        small.db.dispose()


def test_the_upload_limit_is_the_settings_one(database_url):
    from assistant.config import Settings

    settings = Settings(_env_file=None, database_url=database_url)
    settings.api.max_upload_bytes = 12345
    desk = CaseDesk.from_settings(settings)
    try:
        assert desk.max_attachment_bytes == 12345
    finally:
        desk.db.dispose()


@pytest.mark.parametrize("hostile", [
    "../../etc/passwd", "..\\..\\Windows\\System32\\config.txt", "/etc/shadow", "欠\x00条.txt", "欠条" + "长" * 300 + ".txt",
    "invoice\u202etxt.exe", "CON", "con.txt", "LPT1.txt", "AUX.tar.txt", "...", "", "   ", "a<b>:c|d?e*.txt",
    "\u200b\u200b.txt", ".bashrc",
])
def test_a_hostile_file_name_becomes_a_safe_one(desk, staff, hostile):
    code = _open(desk)
    name = desk.add_attachment(code, hostile, files.text(), "text/plain", staff).name
    assert name.endswith(".txt") and 1 < len(name) <= 100
    assert not any(ch in name for ch in '/\\\x00\u202e\u200b<>:"|?*') and not name.startswith(".")
    assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL", "LPT1", "COM1"}
    assert ".." not in name


def test_hostile_names_keep_what_can_be_kept():
    from assistant.cases.uploads import TEXT, safe_name

    assert safe_name("../../etc/passwd", TEXT) == "passwd.txt"
    assert safe_name("欠\x00条.txt", TEXT) == "欠条.txt"
    assert safe_name("invoice\u202etxt.exe", TEXT) == "invoicetxt.exe.txt"
    assert safe_name("CON.txt", TEXT) == "_CON.txt"
    assert safe_name("", TEXT) == "附件.txt"
    assert len(safe_name("长" * 300 + ".txt", TEXT)) == 100


@pytest.mark.parametrize(("steps", "reason"), [(["不予受理"], "不予受理"), (["处理中", "已办结"], None)])
def test_a_closed_case_takes_no_new_file(desk, staff, steps, reason):
    code = _open(desk)
    for status in steps:
        desk.change_status(code, staff, status, reason)
    with pytest.raises(CaseClosed):
        desk.add_attachment(code, "工资条.pdf", files.pdf(), "application/pdf", staff)
    assert desk.attachments(code, staff) == []


def test_roles_that_must_be_refused(desk, staff, reviewer):
    opened = desk.open_case(CaseIntake(source="chat", consent=True,
                                       conversation=[Message(role="user", content=STORY)]), Actor.system())
    code = opened.code
    added = desk.add_attachment(code, "工资条.pdf", files.pdf(), "application/pdf", staff)
    # the worker's code and secret add a file of their own, but do not open the case file (staff's)
    worker = Actor.worker(code, opened.secret)
    assert desk.add_attachment(code, "照片.jpg", files.jpeg(), "image/jpeg", worker).created_by_role == "worker"
    with pytest.raises(CaseNotFound):
        desk.add_attachment(code, "照片.jpg", files.jpeg(), "image/jpeg", Actor.worker(code, "WRONG234"))
    with pytest.raises(AccessDenied):
        desk.attachment(code, worker, added.id)
    with pytest.raises(AccessDenied):
        desk.attachments(code, worker)
    # a reviewer reads the case file but does not add to it
    assert desk.attachment(code, reviewer, added.id).sha256 == added.sha256
    with pytest.raises(AccessDenied):
        desk.add_attachment(code, "照片.jpg", files.jpeg(), "image/jpeg", reviewer)
    # another organisation's staff: the one answer for a case that is not there
    other = Actor.staff("赵干事", "乙区总工会")
    for act in (lambda: desk.attachments(code, other), lambda: desk.attachment(code, other, added.id),
                lambda: desk.add_attachment(code, "照片.jpg", files.jpeg(), "image/jpeg", other)):
        with pytest.raises(CaseNotFound) as err:
            act()
        assert err.value.message == CaseNotFound().message
    with pytest.raises(RecordNotFound):
        desk.attachment(code, staff, added.id + 1000)
    assert [a.created_by_role for a in desk.attachments(code, staff)] == ["staff", "worker"]


def test_the_bundle_carries_the_files_under_their_safe_names_and_the_evidence_list_names_them(desk, staff):
    code = _open(desk)
    pdf, png = files.pdf(), files.png()
    desk.add_attachment(code, "工资条.pdf", pdf, "application/pdf", staff)
    desk.add_attachment(code, "../../聊天截图.png", png, "image/png", staff)
    desk.add_attachment(code, "工资条.pdf", pdf, "application/pdf", staff)  # the same name twice stays two files
    with zipfile.ZipFile(io.BytesIO(desk.export_bundle(code, staff))) as z:
        names = z.namelist()
        evidence = [n for n in names if n.startswith("证据/")]
        assert evidence == ["证据/01_工资条.pdf", "证据/02_聊天截图.png", "证据/03_工资条.pdf"]
        assert z.read("证据/02_聊天截图.png") == png and z.read("证据/01_工资条.pdf") == pdf
        listing = Document(io.BytesIO(z.read("证据清单.docx")))
    cells = {c.text for t in listing.tables for row in t.rows for c in row.cells}
    assert {"01_工资条.pdf", "02_聊天截图.png", "03_工资条.pdf", hashlib.sha256(png).hexdigest()} <= cells
    assert not any(".." in n or n.startswith("/") for n in names)


def test_a_deletion_request_removes_the_files_and_their_names_and_the_trace_still_verifies(desk, staff):
    opened = desk.open_case(CaseIntake(source="chat", consent=True,
                                       conversation=[Message(role="user", content=STORY)]), Actor.system())
    code = opened.code
    data = files.docx()
    added = desk.add_attachment(code, "张三的欠条.docx", data, None, staff)
    desk.erase_personal_data(code, Actor.worker(code, opened.secret))
    listed = desk.attachments(code, staff)
    assert [(a.name, a.erased, a.sha256) for a in listed] == [("（已删除）", True, hashlib.sha256(data).hexdigest())]
    with pytest.raises(RecordNotFound):
        desk.attachment(code, staff, added.id)
    with desk.db.read() as session:
        from assistant.cases.db import AttachmentRow

        row = session.get(AttachmentRow, added.id)
        assert row.data is None and row.stored_name == "" and "张三" not in row.name
    event = next(e for e in desk.events(code, staff) if e.kind == "attachment_added")
    assert event.data is None and event.payload_hash
    report = desk.verify(code)
    assert report.ok, report.problems
    with zipfile.ZipFile(io.BytesIO(desk.export_bundle(code, staff))) as z:
        assert not [n for n in z.namelist() if n.startswith("证据/")]
    with pytest.raises(CaseErased) as err:
        desk.add_attachment(code, "照片.jpg", files.jpeg(), "image/jpeg", staff)
    assert "删除个人信息" in err.value.message


@pytest.mark.parametrize("value", ["yes", "true", 1, "1", "on"])
def test_consent_is_a_real_boolean(value):
    with pytest.raises(ValidationError) as err:
        CaseIntake(source="chat", consent=value)
    assert err.value.errors()[0]["loc"] == ("consent",)
    assert CaseIntake(source="chat", consent=True).consent is True

"""Bad input for ingest, each with a one-line Chinese reason; and the formats that must load."""

import io

import pytest

from assistant.errors import DocumentRejected
from ingest.loaders import load_text, normalize_pdf_text


def make_pdf(path, lines, *, encrypt_with=None, image_only=False):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    if image_only:
        c.rect(50, 50, 200, 200, fill=1)
    else:
        c.setFont("STSong-Light", 12)
        for i, line in enumerate(lines):
            c.drawString(50, 800 - 20 * i, line)
    c.save()
    data = buf.getvalue()
    if encrypt_with:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(encrypt_with, algorithm="AES-128")
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    path.write_bytes(data)
    return path


def reason(path):
    with pytest.raises(DocumentRejected) as err:
        load_text(path)
    return err.value.message


def test_pdf_text_is_extracted(tmp_path):
    pdf = make_pdf(tmp_path / "a.pdf", ["第一条 用人单位应当按时足额支付劳动报酬。", "第二条 劳动者享有休息休假的权利。"])
    text = load_text(pdf)
    assert "第一条 用人单位应当按时足额支付劳动报酬。" in text and "第二条" in text


def test_pdf_radicals_and_broken_lines_are_repaired():
    raw = "第⼗九条 ⽤⼈单位\n应当⽀付⼯资。\n第⼆⼗条 其他。"
    assert normalize_pdf_text(raw) == "第十九条 用人单位应当支付工资。\n第二十条 其他。"


def test_corrupt_pdf(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.4\n this is not really a pdf \x00\x01")
    assert "损坏" in reason(tmp_path / "bad.pdf")


def test_encrypted_pdf(tmp_path):
    pdf = make_pdf(tmp_path / "locked.pdf", ["第一条 内容。"], encrypt_with="secret")
    assert "加密" in reason(pdf)


def test_image_only_pdf(tmp_path):
    pdf = make_pdf(tmp_path / "scan.pdf", [], image_only=True)
    assert "文字识别" in reason(pdf)


def test_empty_file(tmp_path):
    (tmp_path / "empty.md").write_text("   \n")
    assert reason(tmp_path / "empty.md") == "文件为空"


def test_binary_with_a_text_extension(tmp_path):
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    assert "不是文本" in reason(tmp_path / "photo.txt")


def test_huge_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    assert "文件过大" in reason(big)


def test_gbk_text_is_decoded(tmp_path):
    (tmp_path / "gbk.txt").write_bytes("第一条 用人单位应当支付劳动报酬。\n第二条 其他。".encode("gbk"))
    assert "支付劳动报酬" in load_text(tmp_path / "gbk.txt")


def test_unsupported_type(tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04")
    assert "不支持" in reason(tmp_path / "x.xlsx")


def test_docx_headings_become_markdown(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_heading("某公司员工手册", level=1)
    doc.add_paragraph("第一条 员工应当遵守考勤制度。")
    doc.save(tmp_path / "h.docx")
    text = load_text(tmp_path / "h.docx")
    assert "# 某公司员工手册" in text and "第一条 员工应当遵守考勤制度。" in text


def test_corrupt_docx(tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"not a zip at all")
    assert "损坏" in reason(tmp_path / "bad.docx")


def test_html_keeps_text_and_drops_scripts(tmp_path):
    (tmp_path / "n.html").write_text(
        "<html><head><script>var x=1;</script></head><body><h1>关于示例的通知</h1><p>一、第一项。</p>"
        "<p>二、第二项。</p></body></html>", encoding="utf-8")
    text = load_text(tmp_path / "n.html")
    assert "# 关于示例的通知" in text and "一、第一项。" in text and "var x" not in text

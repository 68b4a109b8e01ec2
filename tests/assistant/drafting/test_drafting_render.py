"""Render drafted documents with LibreOffice to PDF and PNG: the layout a person prints (slow; needs soffice)."""

import os
import shutil
import subprocess
import unicodedata

import pytest

from assistant.drafting import draft
from tests.assistant.drafting.conftest import FULL_CASES, TODAY

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")]


def _convert(path, fmt, outdir):
    env = dict(os.environ, HOME=str(outdir))  # a private LibreOffice profile: parallel runs do not collide
    subprocess.run([SOFFICE, "--headless", "--norestore", "--convert-to", fmt, "--outdir", str(outdir), str(path)],
                   check=True, capture_output=True, timeout=180, env=env)
    return outdir / (path.stem + "." + fmt)


@pytest.mark.parametrize("doc_type", ["arbitration_application", "procuratorate_referral"])
def test_docx_renders_to_pdf_and_png_with_chinese_text(tmp_path, doc_type):
    from pypdf import PdfReader

    case = FULL_CASES[doc_type] | {"receiving_body": None}  # one blank, to see it printed
    d = draft(doc_type, case, today=TODAY)
    src = tmp_path / f"{doc_type}.docx"
    src.write_bytes(d.docx)
    pdf = _convert(src, "pdf", tmp_path)
    reader = PdfReader(str(pdf))
    text = unicodedata.normalize("NFKC", "".join(p.extract_text() for p in reader.pages)).replace("\n", "")
    assert d.name in text
    assert "【待补充" in text
    assert len(reader.pages) <= 4
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert round(width / 72 * 2.54, 1) == 21.0 and round(height / 72 * 2.54, 1) == 29.7  # A4
    keep = os.environ.get("LABOR_RENDER_DIR")  # where to leave PDF and PNGs for a person to look at
    if keep:
        shutil.copy(pdf, keep)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return  # poppler-utils not installed: the PDF checks above still ran
    subprocess.run([pdftoppm, "-png", "-r", "80", str(pdf), str(tmp_path / doc_type)], check=True, timeout=120)
    pngs = sorted(tmp_path.glob(f"{doc_type}-*.png"))
    assert len(pngs) == len(reader.pages) and all(p.stat().st_size > 10_000 for p in pngs)
    if keep:
        for p in pngs:
            shutil.copy(p, keep)

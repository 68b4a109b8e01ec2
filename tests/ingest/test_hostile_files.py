"""Hostile files in a batch: each is rejected alone with a Chinese reason, bounded in work, and the good file in the
same batch is ingested (library, CLI and API). The files are generated here; nothing large is committed."""

from __future__ import annotations

import os
import subprocess
import sys
import tracemalloc

import pytest

from assistant import Assistant
from assistant.errors import DocumentRejected
from ingest.limits import LoadLimits
from ingest.loaders import load_text
from tests.conftest import ROOT
from tests.faults.hostile_files import (
    GOOD_STATUTE,
    flate_bomb_pdf,
    many_paragraphs_docx,
    truncated_docx,
    zip_bomb_docx,
)


def rejection(path, **kwargs) -> str:
    with pytest.raises(DocumentRejected) as err:
        load_text(path, **kwargs)
    return err.value.message


def hostile_batch(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.md").write_text(GOOD_STATUTE, encoding="utf-8")
    flate_bomb_pdf(folder / "bomb.pdf")
    truncated_docx(folder / "cut.docx")
    zip_bomb_docx(folder / "zipbomb.docx", uncompressed_mb=40)
    return folder


def test_a_pdf_stream_inflating_past_the_limit_is_rejected_with_a_reason(tmp_path):
    assert "解压后过大" in rejection(flate_bomb_pdf(tmp_path / "bomb.pdf"))


def test_a_docx_with_truncated_document_xml_is_rejected_with_a_reason(tmp_path):
    assert "不完整或已损坏" in rejection(truncated_docx(tmp_path / "cut.docx"))


def test_a_zip_bomb_docx_is_rejected_before_its_xml_is_inflated(tmp_path):
    bomb = zip_bomb_docx(tmp_path / "zipbomb.docx", uncompressed_mb=40)
    assert bomb.stat().st_size < 1024 * 1024  # small on disk
    tracemalloc.start()
    try:
        reason = rejection(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "压缩" in reason or "解压后" in reason
    assert peak < 8 * 1024 * 1024  # nothing near the 40 MB of XML was ever held


def test_paragraph_and_uncompressed_caps_come_from_the_limits(tmp_path):
    doc = many_paragraphs_docx(tmp_path / "paras.docx", 300)
    assert "段落过多" in rejection(doc, limits=LoadLimits(max_paragraphs=100))
    assert "解压后过大" in rejection(doc, limits=LoadLimits(max_xml_bytes=1024, max_ratio=10**9))


def test_one_hostile_file_never_fails_the_batch(tmp_path, fresh_settings):
    report = Assistant(fresh_settings).ingest([hostile_batch(tmp_path / "batch")])
    by_name = {os.path.basename(f.path): f for f in report.files}
    assert by_name["good.md"].status == "added" and by_name["good.md"].provisions == 3
    for name in ("bomb.pdf", "cut.docx", "zipbomb.docx"):
        assert by_name[name].status == "rejected" and by_name[name].reason, name
    assert Assistant(fresh_settings).provision("测试劳动保护条例", "2") is not None


def test_the_file_size_setting_is_honoured(tmp_path, fresh_settings):
    folder = tmp_path / "sized"
    folder.mkdir()
    (folder / "big.md").write_text(GOOD_STATUTE + "正文。" * 400_000, encoding="utf-8")  # ~3.6 MB
    (folder / "good.md").write_text(GOOD_STATUTE, encoding="utf-8")
    report = Assistant(fresh_settings.model_copy(update={"max_file_mb": 1})).ingest([folder])
    by_name = {os.path.basename(f.path): f for f in report.files}
    assert by_name["big.md"].status == "rejected" and "上限 1 MB" in by_name["big.md"].reason
    assert by_name["good.md"].status == "added"


def test_the_cli_reports_hostile_files_without_a_traceback(tmp_path, fresh_settings):
    batch = hostile_batch(tmp_path / "batch")
    env = {**os.environ, "LABOR_DATA_DIR": str(fresh_settings.data_dir), "LABOR_CORPUS_DIRS": "",
           "LABOR_RETRIEVAL_MODE": "lexical", "LABOR_LLM_BASE_URL": ""}
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", str(batch)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr + done.stdout
    assert "测试劳动保护条例" in done.stdout
    assert "拒收 3 个" in done.stdout

"""Writing one complete index build into a fresh folder, then making it current in one atomic step."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from assistant.citations import law_names_with
from assistant.index import SCHEMA, IndexStore
from assistant.retrieval.lexical import LexicalIndex
from assistant.statutes import IN_FORCE, REPEALED, Provision, article_id
from ingest.convert import DocumentInfo
from ingest.references import cross_references


@dataclass
class SourceRecord:
    source: str
    sha256: str
    info: DocumentInfo
    ingested_at: str


def text_sha(p: Provision) -> str:
    return hashlib.sha1(f"{p.law}|{'/'.join(p.chapter)}|{p.text}".encode()).hexdigest()


def indexed_text(p: Provision) -> str:
    """What BM25 sees: the law's name and chapter path travel with each article."""
    return " ".join([p.law, *p.chapter, p.text])


def apply_versions(records: list[SourceRecord]) -> list[Provision]:
    """Provisions of every source, ids final: the newest version of a statute keeps ``law#article`` and is in force
    unless marked repealed; older versions of the same law become ``law@date#article`` and repealed."""
    newest: dict[str, str] = {}
    for r in records:
        if r.info.kind == "statute":
            newest[r.info.law] = max(newest.get(r.info.law, ""), r.info.version_date or "")
    out: list[Provision] = []
    seen: set[str] = set()
    for r in records:
        info = r.info
        superseded = info.kind == "statute" and (info.version_date or "") < newest.get(info.law, "")
        for p in info.provisions:
            if info.kind == "statute":
                base = article_id(info.law, p.article)
                p.id = base.replace("#", f"@{info.version_date or 'old'}#", 1) if superseded else base
                p.status = REPEALED if superseded or info.status == REPEALED else IN_FORCE
            if p.id in seen:  # two sources claiming one id: the first keeps it, an index never holds two
                continue
            seen.add(p.id)
            out.append(p)
    return out


def write_build(store: IndexStore, records: list[SourceRecord], tokens: list[list[str]],
                provisions: list[Provision], dense_builder=None, meta_extra: dict | None = None) -> Path:
    """Write a build to ``builds/tmp-…``, rename it into place, switch CURRENT; returns the final folder."""
    store.builds.mkdir(parents=True, exist_ok=True)
    build_id = time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6]
    tmp = store.builds / f"tmp-{build_id}"
    tmp.mkdir()
    try:
        _write_sqlite(tmp / "provisions.sqlite", records, tokens, provisions)
        LexicalIndex.build_and_save(tokens, tmp / "bm25")
        dense_meta = dense_builder(tmp, build_id, provisions) if dense_builder else None
        meta = {"build": build_id, "created_at": time.strftime("%Y-%m-%dT%H:%M:%S"), "provisions": len(provisions),
                "sources": len(records), "dense": dense_meta, **(meta_extra or {})}
        (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        _fsync_tree(tmp)
        final = store.builds / build_id
        os.replace(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    previous = store.current_name()
    store.switch_to(final)
    collect_garbage(store, keep={build_id, previous})
    return final


def _write_sqlite(path: Path, records, tokens, provisions) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA)
        conn.executemany(
            "INSERT INTO provisions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            ((row, p.id, p.law, p.article, json.dumps(list(p.chapter), ensure_ascii=False), p.text, p.category,
              p.issuer, p.version_date, p.status, p.source, p.doc_title, " ".join(tok), text_sha(p),
              p.extra.get("province", ""), p.extra.get("city", ""))
             for row, (p, tok) in enumerate(zip(provisions, tokens, strict=True))),
        )
        conn.executemany(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?)",
            ((r.source, r.sha256, r.info.law, r.info.doc_title, r.info.kind, len(r.info.provisions), r.ingested_at)
             for r in records),
        )
        laws: dict[str, tuple] = {}
        for r in sorted(records, key=lambda r: r.info.version_date or ""):
            i = r.info
            status = i.status
            if i.kind == "statute" and any(p.status == IN_FORCE for p in i.provisions):
                status = IN_FORCE
            elif i.kind == "statute":
                status = REPEALED
            if i.law not in laws or status == IN_FORCE:
                laws[i.law] = (i.law, i.doc_title, i.category, status, i.version_date, i.kind, len(i.provisions))
        conn.executemany("INSERT INTO laws VALUES (?,?,?,?,?,?,?)", laws.values())
        conn.executemany("INSERT INTO refs VALUES (?,?)", cross_references(provisions, law_names_with(
            (r.info.doc_title, r.info.law) for r in records if r.info.kind == "statute")))
        conn.commit()
    finally:
        conn.close()


def _fsync_tree(root: Path) -> None:
    for dirpath, _, files in os.walk(root):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as fh:
                os.fsync(fh.fileno())


def collect_garbage(store: IndexStore, keep: set[str | None]) -> None:
    """Remove builds that are neither current nor the one before it (a reader may still hold that one open),
    and ``tmp-`` folders a crashed ingest left behind."""
    if not store.builds.exists():
        return
    for child in store.builds.iterdir():
        if child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)

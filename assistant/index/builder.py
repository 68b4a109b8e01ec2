"""Writing one complete index build into a fresh folder, then making it current in one atomic step."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from assistant.citations import law_names_with
from assistant.index.bm25 import LexicalIndex
from assistant.index.reader import IndexStore
from assistant.index.references import cross_references, repealed_parts
from assistant.index.schema import SCHEMA, text_sha
from assistant.index.vectors import drop_server_collections, server_collection_of
from assistant.statutes import IN_FORCE, REPEALED, Provision


class SourceInfo(Protocol):
    """What the builder reads of one parsed file (``ingest.convert.DocumentInfo``)."""

    @property
    def law(self) -> str: ...
    @property
    def doc_title(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def version_date(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def provisions(self) -> list[Provision]: ...


class Source(Protocol):
    """One ingested file as handed over by ``ingest/`` (``ingest.records.SourceRecord``)."""

    @property
    def source(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def info(self) -> SourceInfo: ...
    @property
    def ingested_at(self) -> str: ...


def write_build(store: IndexStore, records: Sequence[Source], tokens: list[list[str]],
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
        _remove_builds(store, [tmp])
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
        names = law_names_with((r.info.doc_title, r.info.law) for r in records if r.info.kind == "statute")
        conn.executemany("INSERT INTO refs VALUES (?,?)", cross_references(provisions, names))
        conn.executemany("INSERT INTO repeals VALUES (?,?,?)", repealed_parts(provisions, names))
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
    and ``tmp-`` folders a crashed ingest left behind, with their collections on a Chroma server."""
    if store.builds.exists():
        _remove_builds(store, [child for child in store.builds.iterdir() if child.name not in keep])


def remove_unfinished_builds(store: IndexStore) -> None:
    """``tmp-`` build folders are those of ingests killed mid-write; only the lock holder may call this."""
    if store.builds.is_dir():
        _remove_builds(store, [child for child in store.builds.iterdir() if child.name.startswith("tmp-")])


def _remove_builds(store: IndexStore, build_dirs: list[Path]) -> None:
    collections = [server_collection_of(store.settings, d) for d in build_dirs]
    for build_dir in build_dirs:
        shutil.rmtree(build_dir, ignore_errors=True)
    drop_server_collections(store.settings, collections)

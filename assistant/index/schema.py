"""The tables of a build's ``provisions.sqlite``, the text hash each row carries, and the fingerprint that tells
an ingest to rebuild when any of them (or the tokens and BM25 weights) would come out different."""

from __future__ import annotations

import hashlib

from assistant.statutes import Provision

SCHEMA = """
CREATE TABLE provisions (
  row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, law TEXT NOT NULL, article TEXT, chapter TEXT NOT NULL,
  text TEXT NOT NULL, category TEXT, issuer TEXT, version_date TEXT, status TEXT, source TEXT, doc_title TEXT,
  tokens TEXT NOT NULL, text_sha TEXT NOT NULL, province TEXT NOT NULL DEFAULT '', city TEXT NOT NULL DEFAULT ''
);
CREATE INDEX provisions_law ON provisions(law, article);
CREATE TABLE sources (
  source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, law TEXT NOT NULL, doc_title TEXT, kind TEXT, provisions INTEGER,
  ingested_at TEXT
);
CREATE TABLE laws (
  law TEXT PRIMARY KEY, doc_title TEXT, category TEXT, status TEXT, version_date TEXT, kind TEXT, articles INTEGER
);
CREATE TABLE refs (
  source TEXT NOT NULL, target TEXT NOT NULL, PRIMARY KEY (source, target)
) WITHOUT ROWID;
CREATE TABLE repeals (
  target TEXT NOT NULL, paragraph INTEGER NOT NULL, repealed_by TEXT NOT NULL, PRIMARY KEY (target, paragraph)
) WITHOUT ROWID;
"""
COLUMNS = "id, law, article, chapter, text, category, issuer, version_date, status, source, doc_title, province, city"
COLUMNS_BEFORE_PLACES = COLUMNS.replace("province, city", "'', ''")  # builds made before local rules had a place


def text_sha(p: Provision) -> str:
    return hashlib.sha1(f"{p.law}|{'/'.join(p.chapter)}|{p.text}".encode()).hexdigest()


def indexed_text(p: Provision) -> str:
    """What BM25 sees: the law's name and chapter path travel with each article."""
    return " ".join([p.law, *p.chapter, p.text])


def index_fingerprint() -> str:
    """Changes whenever stored tokens, BM25 weights or the build's tables would differ, so the next ingest rebuilds."""
    from assistant.index.bm25 import K1, B
    from assistant.index.tokenize import dictionary_fingerprint

    schema = hashlib.sha256(SCHEMA.encode()).hexdigest()[:8]
    return f"{dictionary_fingerprint()}|bm25:{K1},{B}|schema:{schema}"

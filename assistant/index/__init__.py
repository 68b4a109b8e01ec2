"""The on-disk index and its atomic builds: the schema, the reader, the builders, the BM25 arrays and the vectors
of each build, what a search returns, and the cleanup of old builds and their Chroma collections.

Layout under ``{data_dir}/index``::

    CURRENT              name of the build being served (replaced atomically with os.replace)
    builds/<id>/         a complete build: provisions.sqlite, bm25/, meta.json (+ chroma/ when dense)
    builds/tmp-<id>/     a build being written; never served, removed if a crash left it behind
    .lock                held while a build is written, so two ingests never interleave

A build is only named in CURRENT after every file in it is written, so a crash, a kill or a bad file mid-ingest
leaves the previous index serving. Readers re-check CURRENT and switch to a newer build by themselves.

``ingest/`` turns files into provisions and hands them to :func:`assistant.index.builder.write_build`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SCHEMA", "Index", "IndexStore", "SearchHit", "normalize_article"]

_HOME = {"Index": "reader", "IndexStore": "reader", "normalize_article": "reader", "SCHEMA": "schema",
         "SearchHit": "hits"}


def __getattr__(name: str) -> Any:
    # Loaded on first use: ``import assistant`` needs SearchHit, not numpy and SQLite.
    if name not in _HOME:
        raise AttributeError(name)
    import importlib

    return getattr(importlib.import_module(f"assistant.index.{_HOME[name]}"), name)

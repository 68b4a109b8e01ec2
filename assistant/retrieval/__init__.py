"""Finding articles for everyday questions: exact references, BM25 over jieba, dense vectors, thesaurus and issue
routing, fused by reciprocal rank and optionally reranked."""

from __future__ import annotations

from typing import Any

__all__ = ["HybridRetriever"]


def __getattr__(name: str) -> Any:
    # Loaded on first use: ``import assistant`` needs neither numpy nor the BM25 index.
    if name == "HybridRetriever":
        from assistant.retrieval.retriever import HybridRetriever

        return HybridRetriever
    raise AttributeError(name)

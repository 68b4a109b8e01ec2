"""Finding articles for everyday questions: exact references, BM25 over jieba, dense vectors, thesaurus and issue
routing, fused by reciprocal rank and optionally reranked."""

from assistant.retrieval.retriever import HybridRetriever

__all__ = ["HybridRetriever"]

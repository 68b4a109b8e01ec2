"""A build's BM25 arrays: BM25 over jieba tokens, with whole-corpus score vectors so filters and priors stay cheap.

bm25s builds and saves the index (eager BM25: per-term document scores in CSC arrays). Querying reads those arrays
with numpy alone: scoring is a sum over the posting lists of the query's terms, and skipping the bm25s import
(scipy) keeps ``labor search`` starting fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

# b = 0.5: statute articles run from one line to a page, and a long article is not less relevant for being long;
# measured on the dev sets (labor eval --suite retrieval), 0.4–0.5 beat the textbook 0.75.
K1, B = 1.0, 0.5


class LexicalIndex:
    def __init__(self, data: np.ndarray, indices: np.ndarray, indptr: np.ndarray, vocab: dict[str, int],
                 num_docs: int):
        self.data, self.indices, self.indptr = data, indices, indptr
        self.vocab = vocab
        self.num_docs = num_docs

    @staticmethod
    def build_and_save(token_lists: list[list[str]], directory: Path) -> None:
        import bm25s

        bm25 = bm25s.BM25(k1=K1, b=B, method="lucene")
        bm25.index([t if t else [""] for t in token_lists], show_progress=False)
        bm25.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        params = json.loads((directory / "params.index.json").read_text(encoding="utf-8"))
        if params.get("method", "lucene") != "lucene":
            raise ValueError(f"unsupported BM25 variant {params.get('method')}")
        data, indices, indptr = (np.load(directory / f"{name}.csc.index.npy", mmap_mode="r")
                                 for name in ("data", "indices", "indptr"))
        vocab = json.loads((directory / "vocab.index.json").read_text(encoding="utf-8"))
        return cls(data, indices, indptr, vocab=vocab, num_docs=int(params["num_docs"]))

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every document for these query tokens (unknown tokens ignored, repeats counted once)."""
        out = np.zeros(self.num_docs, dtype=np.float32)
        for token in dict.fromkeys(tokens):
            tid = self.vocab.get(token)
            if tid is None or not token:
                continue
            start, end = int(self.indptr[tid]), int(self.indptr[tid + 1])
            out[self.indices[start:end]] += self.data[start:end]  # a term lists each document once
        return out

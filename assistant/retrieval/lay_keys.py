"""Lay descriptions of articles as retrieval keys (the key/value design of 智海-录问): one or two sentences in a
worker's words of what situation an article decides, from ``corpus/lay_descriptions.yaml``. A question matching a
key reaches the article the key points to; the hit is the article, its text the statute's.

The keys are a few hundred short sentences, so they are scored in memory with the same BM25 as the statute index
(its k1 and b) and read when the retriever first needs them: editing the file needs no new ingest.
"""

from __future__ import annotations

import functools
import logging
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.config import PROJECT_DIR
from assistant.statutes import article_id

log = logging.getLogger(__name__)
LAY_DESCRIPTIONS = PROJECT_DIR / "corpus" / "lay_descriptions.yaml"


@dataclass(frozen=True, slots=True)
class LayKey:
    provision_id: str  # 劳动合同法#26
    text: str


class LayDescriptionsError(ValueError):
    """The lay-descriptions file does not have the shape ``law: {article: text | [texts]}``."""


@functools.cache
def load_lay_keys(path: Path = LAY_DESCRIPTIONS) -> tuple[LayKey, ...]:
    """Every key in the file, in file order (empty when the file is missing)."""
    from assistant.yamlfile import load_yaml

    if not path.exists():
        return ()
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise LayDescriptionsError(f"{path.name}: 顶层应为“法规名: {{条号: 说明}}”的映射")
    keys: list[LayKey] = []
    for law, articles in data.items():
        if not isinstance(articles, dict):
            raise LayDescriptionsError(f"{path.name}: 《{law}》下应为“条号: 说明”的映射")
        for article, texts in articles.items():
            texts = [texts] if isinstance(texts, str) else texts
            if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
                raise LayDescriptionsError(f"{path.name}: 《{law}》第{article}条的说明应为一句话或几句话的列表")
            keys.extend(LayKey(article_id(str(law), str(article)), t.strip()) for t in texts)
    return tuple(keys)


class LayKeyIndex:
    """BM25 over the keys; a question's score for an article is the best score of the article's keys."""

    def __init__(self, keys: list[LayKey], row_of: dict[str, int], tokenize, k1: float, b: float):
        self.rows = np.array([row_of[k.provision_id] for k in keys], dtype=np.int64)
        self.keys = keys
        self.k1, self.b = k1, b
        postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        lengths = []
        for n, key in enumerate(keys):
            tokens = tokenize(key.text)
            lengths.append(len(tokens))
            for token in dict.fromkeys(tokens):
                postings[token].append((n, tokens.count(token)))
        self.lengths = np.array(lengths, dtype=np.float32)
        average = float(self.lengths.mean()) if len(keys) else 1.0
        self.norm = k1 * (1 - b + b * self.lengths / max(average, 1.0))
        count = len(keys)
        self.idf = {t: math.log(1 + (count - len(p) + 0.5) / (len(p) + 0.5)) for t, p in postings.items()}
        self.postings = {t: (np.array([d for d, _ in p]), np.array([f for _, f in p], dtype=np.float32))
                         for t, p in postings.items()}

    @classmethod
    def for_index(cls, index, path: Path = LAY_DESCRIPTIONS) -> LayKeyIndex:
        """The keys whose article is in this index (a key to an article the corpus lacks is left out and logged)."""
        return cls.of_keys(index, load_lay_keys(path))

    @classmethod
    def of_keys(cls, index, keys: Iterable[LayKey]) -> LayKeyIndex:
        """These keys, over this index, with its BM25 parameters and tokenizer."""
        from assistant.index.bm25 import K1, B
        from assistant.index.tokenize import tokenize

        keys = list(keys)
        kept = [k for k in keys if k.provision_id in index.row_of]
        missing = sorted({k.provision_id for k in keys} - {k.provision_id for k in kept})
        if missing:
            log.info("白话说明指向的 %d 条条文不在当前语料中（如 %s），这些说明不参与检索", len(missing), missing[0])
        return cls(kept, index.row_of, tokenize, K1, B)

    def __len__(self) -> int:
        return len(self.keys)

    def key_scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 of every key for these query tokens (repeats counted once)."""
        out = np.zeros(len(self.keys), dtype=np.float32)
        for token in dict.fromkeys(tokens):
            posting = self.postings.get(token)
            if posting is None:
                continue
            docs, freqs = posting
            out[docs] += self.idf[token] * freqs * (self.k1 + 1) / (freqs + self.norm[docs])
        return out

    def ranked(self, tokens: list[str], n: int, allowed=None, share: float = 0.0) -> list[tuple[int, float]]:
        """(index row, score) of the articles whose best key scores highest, at most ``n``, best first; with
        ``share``, only keys scoring at least that share of the best key count (a clear match, not shared words)."""
        scores = self.key_scores(tokens)
        best: dict[int, float] = {}
        floor = share * float(scores.max()) if len(scores) else 0.0
        for k in np.argsort(-scores, kind="stable"):
            score = float(scores[k])
            if score <= 0 or score < floor or len(best) >= n:
                break
            row = int(self.rows[k])
            if row in best or (allowed is not None and not allowed(row)):
                continue
            best[row] = score
        return list(best.items())

"""Local rules beside the national articles: which rows a worker of a place may be given, and where the place's
best local rules stand in the list. A local rule restates or extends a national one, and BM25 alone buries it under
the many national articles using the same words; rules of other places never appear as this worker's basis."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from assistant.retrieval.fusion import top_scored
from assistant.retrieval.places import admits, place_key
from assistant.retrieval.tuning import LOCAL_FLOOR, LOCAL_SLOTS

Ranked = list[tuple[str, float]]


class PlaceRows:
    """Per place, the rows admitted (national texts and that place's local rules), cached: a pass over every row
    is paid once per place."""

    def __init__(self, index) -> None:
        self.index = index
        self._admitted: dict[tuple[str, str], np.ndarray] = {}
        self._is_local: np.ndarray | None = None

    def admitted(self, province: str | None, city: str | None) -> np.ndarray | None:
        """National rows and the local rules of this place; None when the corpus holds no local rules at all."""
        if not any(self.index.row_province):
            return None
        key = (place_key(province), place_key(city))
        if key not in self._admitted:
            if len(self._admitted) > 64:  # places come from users: keep the cache bounded
                self._admitted.clear()
            self._admitted[key] = np.array([admits(p, c, province, city) for p, c in zip(
                self.index.row_province, self.index.row_city, strict=True)])
        return self._admitted[key]

    def local(self, province: str | None, city: str | None) -> np.ndarray | None:
        """The local rules of this place alone (None without a place or without any)."""
        if not (province or city):
            return None
        admitted = self.admitted(province, city)
        if admitted is None:
            return None
        if self._is_local is None:
            self._is_local = np.array([bool(p) for p in self.index.row_province], dtype=bool)
        local = admitted & self._is_local
        return local if local.any() else None


def local_by_key(local: np.ndarray | None, lay: Ranked, rank_keys: Callable[[Callable[[str], bool]], Ranked],
                 row_of: Mapping[str, int]) -> Ranked:
    """The place's local rules whose best lay key scores at least LOCAL_FLOOR of the question's best key (``lay``):
    the same share of the best match that BM25 asks of a local rule, on the keys instead of the words.
    ``rank_keys(allowed)`` ranks the question's keys over the articles ``allowed`` admits."""
    if local is None or not lay:
        return []
    best = max(score for _, score in lay)
    return [(pid, score) for pid, score in rank_keys(lambda pid: bool(local[row_of[pid]]))
            if score >= LOCAL_FLOOR * best]


def beside_local(ordered: list, scores: np.ndarray, local: np.ndarray | None, k: int, index,
                 by_key: Sequence[tuple[str, float]] = ()) -> list:
    """The place's best local rules moved up beside the first national hit. A rule counts as matching the question
    when it scores at least LOCAL_FLOOR of the best national score, or when its lay key does so among the keys
    (``by_key``): a long local article, such as a 人口与计划生育条例's article on marriage, birth and childcare leave
    at once, scores low on BM25 against a short national one."""
    if local is None or not ordered:
        return ordered
    national_best = max((float(scores[index.row_of[pid]]) for pid, _, _ in ordered[:k]
                         if not index.row_province[index.row_of[pid]]), default=0.0)
    keyed = [(pid, float(scores[index.row_of[pid]])) for pid, _ in by_key]
    by_words = [(pid, score) for pid, score in top_scored(scores, local, LOCAL_SLOTS, index.ids)
                if score >= LOCAL_FLOOR * national_best]
    chosen = list(dict(keyed + by_words).items())[:LOCAL_SLOTS]
    if not chosen:
        return ordered
    ids = {pid for pid, _ in chosen}
    rest = [f for f in ordered if f[0] not in ids]
    head = 1 if rest and "exact" not in rest[0][2] else sum(1 for f in rest if "exact" in f[2]) or 1
    return rest[:head] + [(pid, score, ["local"]) for pid, score in chosen] + rest[head:]


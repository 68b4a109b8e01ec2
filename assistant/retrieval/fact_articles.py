"""The substantive articles the facts of a case raise, from ``corpus/fact_articles.yaml``: a told story (court-found
facts, a worker's account) is read as facts by the case reader, and each fact names the articles that decide it
(no written contract → 劳动合同法第十条、第八十二条; a disability grade of 二级 → 工伤保险条例第三十五条).

The retriever does not read facts itself: it is handed a reader (text → the case as plain data, the shape of
``CaseFacts.model_dump(mode="json")``), so retrieval stays below the case model it serves.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from assistant.config import PROJECT_DIR

FACT_ARTICLES = PROJECT_DIR / "corpus" / "fact_articles.yaml"
CaseReader = Callable[[str], dict]


class FactArticlesError(ValueError):
    """The fact-articles file does not have the shape ``fact: [law#article, …]``."""


@dataclass(frozen=True, slots=True)
class FactRule:
    facts: tuple[str, ...]  # every one must hold ("event.injury", "event.no_social_insurance")
    articles: tuple[str, ...]  # most directly raised first


@functools.cache
def load_fact_rules(path: Path = FACT_ARTICLES) -> tuple[FactRule, ...]:
    from assistant.yamlfile import load_yaml

    if not path.exists():
        return ()
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise FactArticlesError(f"{path.name}: 顶层应为“事实: [条文, …]”的映射")
    rules = []
    for fact, articles in data.items():
        if not isinstance(articles, list) or not all(isinstance(a, str) and "#" in a for a in articles):
            raise FactArticlesError(f"{path.name}: “{fact}”下应为条文列表，如 [劳动合同法#82]")
        rules.append(FactRule(tuple(f.strip() for f in str(fact).split("+")), tuple(articles)))
    return tuple(rules)


def fact_keys(case: dict, prefix: str = "") -> Iterator[str]:
    """``path`` for a fact that holds or has a value, ``path=value`` for its value, ``path=false`` for a fact denied;
    one ``path=item`` per item of a list (what the worker wants)."""
    for name, value in case.items():
        path = f"{prefix}{name}"
        if value is None or value == [] or value == {} or name in ("sources", "changes", "conflicts", "implausible"):
            continue
        if isinstance(value, dict):
            yield from fact_keys(value, f"{path}.")
        elif isinstance(value, list):
            yield from (f"{path}={item}" for item in value if isinstance(item, str | int))
        elif value is False:
            yield f"{path}=false"
        else:
            yield path
            if value is not True:
                yield f"{path}={value}"


def raised_articles(case: dict, rules: tuple[FactRule, ...] | None = None) -> list[str]:
    """Articles the case's facts raise, best first: an article raised by more facts, or more directly (earlier in
    a fact's list), ranks higher; ties keep the table's order."""
    rules = load_fact_rules() if rules is None else rules
    held = set(fact_keys(case))
    score: dict[str, float] = {}
    for rule in rules:
        if all(f in held for f in rule.facts):
            for rank, article in enumerate(rule.articles):
                score[article] = score.get(article, 0.0) + 1.0 / (1 + rank)
    return sorted(score, key=lambda a: -score[a])

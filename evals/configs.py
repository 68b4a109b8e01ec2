"""Named configurations: each is a set of ``Settings`` overrides, so one run compares them side by side.

An override naming a setting that this version of ``Settings`` does not have is not applied; it is reported with
the run (``unsupported``) so that two configurations that ended up identical are not mistaken for a comparison.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.config import Settings


@dataclass(frozen=True, slots=True)
class EvalConfig:
    name: str
    description: str
    overrides: dict = field(default_factory=dict)
    needs_llm: bool = False


CONFIGS: dict[str, EvalConfig] = {
    c.name: c
    for c in [
        EvalConfig(
            "lexical",
            "BM25 + exact reference lookup only",
            {"retrieval_mode": "lexical", "use_thesaurus": False, "use_routing": False, "reranker_model": None},
        ),
        EvalConfig(
            "thesaurus",
            "lexical + layperson thesaurus and issue routing",
            {"retrieval_mode": "lexical", "use_thesaurus": True, "use_routing": True, "reranker_model": None},
        ),
        EvalConfig(
            "dense",
            "thesaurus/routing + dense retrieval (RRF fusion)",
            {"retrieval_mode": "hybrid", "use_thesaurus": True, "use_routing": True, "reranker_model": None},
        ),
        EvalConfig(
            "rerank",
            "dense + cross-encoder reranker",
            {
                "retrieval_mode": "hybrid",
                "use_thesaurus": True,
                "use_routing": True,
                "reranker_model": "BAAI/bge-reranker-base",
            },
        ),
        EvalConfig(
            "offline",
            "answers without a language model (retrieval as configured)",
            {"llm_base_url": None, "llm_model": None},
        ),
        EvalConfig("llm", "answers with the configured language model", {}, needs_llm=True),
    ]
}

DEFAULT_CONFIGS = ["lexical", "thesaurus"]


class UnknownConfigError(ValueError):
    pass


def get_config(name: str) -> EvalConfig:
    try:
        return CONFIGS[name]
    except KeyError:
        raise UnknownConfigError(f"未知的评测配置：{name}（可选：{'、'.join(CONFIGS)}）") from None


def apply_config(settings: Settings, config: EvalConfig) -> tuple[Settings, dict, list[str]]:
    """(settings with the overrides, the overrides applied, the override names this Settings lacks)."""
    fields = type(settings).model_fields
    applied = {k: v for k, v in config.overrides.items() if k in fields}
    unsupported = sorted(k for k in config.overrides if k not in fields)
    data = settings.model_dump()
    data.update(applied)
    return type(settings).model_validate(data), applied, unsupported


def settings_stamp(settings: Settings) -> dict:
    """Settings as recorded in a run: secrets masked, paths as text."""
    data = settings.model_dump(mode="json")
    if data.get("llm_api_key"):
        data["llm_api_key"] = "***"
    return data

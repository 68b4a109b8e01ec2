"""Answers workers can trust: grounded in the corpus, cited, verified, streamed — with or without a language model.

    from assistant.answering import AnswerService
    service = AnswerService(assistant)                 # model from settings; none configured → offline answers
    answer = service.ask("老板三个月没发工资，我想辞职，还能要到补偿吗？")
    for event in service.ask_stream(question, history=[{"role": "user", "content": "…"}]):
        ...                                            # token events, then one final event with the Answer

Names load on first use, so ``assistant.answering.cli`` (the ``labor ask`` command) stays quick to import.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Answer": "assistant.answering.models",
    "AnswerEvent": "assistant.answering.models",
    "CitedProvision": "assistant.answering.models",
    "SuggestedAction": "assistant.answering.models",
    "Turn": "assistant.answering.models",
    "AnswerService": "assistant.answering.service",
    "InvalidQuestionError": "assistant.answering.errors",
    "LLMUnavailableError": "assistant.answering.errors",
}
__all__ = ["Answer", "AnswerEvent", "AnswerService", "CitedProvision", "InvalidQuestionError", "LLMUnavailableError",
           "SuggestedAction", "Turn"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'assistant.answering' has no attribute {name!r}")

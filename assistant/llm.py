"""The language-model layer: any OpenAI-compatible chat endpoint, prompts as files, a context budget in characters.

One client fits DeepSeek, Qwen (DashScope compatible mode), GLM, Moonshot, vLLM, Ollama and the llama.cpp server: they
all speak the OpenAI chat-completions protocol, so only ``LABOR_LLM_BASE_URL``, ``LABOR_LLM_API_KEY`` and
``LABOR_LLM_MODEL`` change. Nothing configured → ``build_chat_model`` returns None and answers are composed offline.

Sizes are counted in characters, never tokens: tokenizer files (tiktoken) would be downloaded on first use, which
hangs an offline machine. For Chinese text one character is roughly one token or less, so a character budget is a
safe upper bound.
"""

from __future__ import annotations

import functools
import re
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.errors import LaborAssistantError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

# Local servers (Ollama, vLLM, llama.cpp) accept any key; the client library insists on one.
_PLACEHOLDER_KEY = "not-needed"


class PromptNotFoundError(LaborAssistantError):
    code = "prompt_not_found"


class ModelDeadlineExceeded(LaborAssistantError):
    code = "llm_deadline"


class ModelBusy(LaborAssistantError):
    code = "llm_busy"


DEFAULT_ANSWER_DEADLINE = 60.0
DEFAULT_MAX_CONCURRENT = 8
SLOT_WAIT_SECONDS = 2.0  # how long a call waits for a free slot before the answer goes offline
_slots: dict[int, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


def _slots_for(limit: int) -> threading.BoundedSemaphore:
    """One semaphore per process (per limit): every chat model built here shares the same slots."""
    with _slots_lock:
        return _slots.setdefault(limit, threading.BoundedSemaphore(limit))


class BoundedChatModel:
    """The configured chat model, with at most ``max_concurrent`` calls in flight in this process and a total deadline
    per call (a streamed answer included: a model that trickles one token a second, each under the per-read timeout,
    is cut at the deadline). A call that finds no free slot within ``SLOT_WAIT_SECONDS`` fails at once with
    :class:`ModelBusy` rather than hold a server thread: the answer is then composed offline. Every other attribute
    is the wrapped model's."""

    def __init__(self, model, *, deadline: float, max_concurrent: int, slot_wait: float = SLOT_WAIT_SECONDS):
        self.model, self.deadline, self.slot_wait = model, deadline, slot_wait
        self.max_concurrent = max_concurrent
        self._slots = _slots_for(max_concurrent)

    def __getattr__(self, name: str):
        return getattr(self.model, name)

    def with_structured_output(self, *args, **kwargs) -> BoundedChatModel:
        """The structured runnable, still inside the same slots and deadline."""
        return BoundedChatModel(self.model.with_structured_output(*args, **kwargs), deadline=self.deadline,
                                max_concurrent=self.max_concurrent, slot_wait=self.slot_wait)

    def _acquire(self) -> None:
        if not self._slots.acquire(timeout=self.slot_wait):
            raise ModelBusy("语言模型繁忙（同时进行的回答已达上限）。", detail=f"max_concurrent={self.max_concurrent}")

    def invoke(self, *args, **kwargs):
        self._acquire()
        try:
            return self.model.invoke(*args, **kwargs)
        finally:
            self._slots.release()

    def stream(self, *args, **kwargs) -> Iterator:
        self._acquire()
        chunks = self.model.stream(*args, **kwargs)
        try:
            until = time.monotonic() + self.deadline
            for chunk in chunks:
                yield chunk
                if time.monotonic() > until:
                    raise ModelDeadlineExceeded(f"语言模型回答超时（超过 {self.deadline:g} 秒）。",
                                                detail=f"deadline={self.deadline}")
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()  # ends the HTTP stream now, not when the generator is collected
            self._slots.release()


def build_chat_model(settings: Settings, *, streaming: bool = True) -> BoundedChatModel | None:
    """A chat model for the configured endpoint, or None when no endpoint is configured (offline answers).

    Retries: the OpenAI client retries connection errors, 408/409/429 and 5xx ``llm_max_retries`` times with
    exponential backoff and jitter (0.5 s doubling, at most 8 s). ``llm_timeout`` bounds each attempt, including
    the wait between two streamed chunks, so a stalled stream fails instead of hanging; ``answer_deadline_seconds``
    bounds a whole call and ``max_concurrent_llm`` the calls in flight (:class:`BoundedChatModel`).
    """
    if not settings.llm_configured:
        return None
    from langchain_openai import ChatOpenAI

    key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else ""
    # ``streaming=True`` makes ``.invoke`` stream too. Left unset, ``.invoke`` is one plain request and ``.stream``
    # still streams (an explicit False would turn ``.stream`` into a single chunk).
    options = {"streaming": True} if streaming else {}
    deadline = float(getattr(settings, "answer_deadline_seconds", None) or DEFAULT_ANSWER_DEADLINE)
    model = ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=key or _PLACEHOLDER_KEY,
        model=settings.llm_model,
        temperature=settings.llm_temperature,
        timeout=min(settings.llm_timeout, deadline),
        max_retries=max(0, settings.llm_max_retries),
        **options,
    )
    limit = int(getattr(settings, "max_concurrent_llm", None) or DEFAULT_MAX_CONCURRENT)
    return BoundedChatModel(model, deadline=deadline, max_concurrent=limit)


# ---------------------------------------------------------------- prompts as files

def load_prompt(name: str, prompts_dir: Path | None = None) -> str:
    """The text of ``prompts/NAME.md`` (``name`` without extension)."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise PromptNotFoundError(f"提示词名称不合法：{name!r}")
    directory = Path(prompts_dir) if prompts_dir else _default_prompts_dir()
    return _read_prompt(str(directory / f"{name}.md"))


def _default_prompts_dir() -> Path:
    from assistant.config import get_settings

    return get_settings().prompts_dir


@functools.lru_cache(maxsize=64)
def _read_prompt(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise PromptNotFoundError(f"找不到提示词文件：{p.name}", detail=str(p))
    return p.read_text(encoding="utf-8").strip()


def render_prompt(template: str, **values: str) -> str:
    """Fill ``{{name}}`` slots. Values are inserted once, never re-scanned, so braces inside them stay inert."""
    missing = [k for k in re.findall(r"\{\{(\w+)\}\}", template) if k not in values]
    if missing:
        raise KeyError(f"prompt slots without a value: {missing}")
    return re.sub(r"\{\{(\w+)\}\}", lambda m: str(values[m.group(1)]), template)


# ---------------------------------------------------------------- the context budget, in characters

def message_chars(messages: Sequence[BaseMessage]) -> int:
    return sum(len(m.content) if isinstance(m.content, str) else len(str(m.content)) for m in messages)


@dataclass(frozen=True, slots=True)
class ContextBudget:
    """How many characters each part of a prompt may use, out of ``total`` (``settings.llm_context_chars``).

    The reply needs room too: ``reply_share`` of the total is kept free for it. History gets at most
    ``history_share`` of what remains after the fixed parts; the provisions get the rest.
    """

    total: int
    reply_share: float = 0.25
    history_share: float = 0.25

    @classmethod
    def from_settings(cls, settings: Settings) -> ContextBudget:
        return cls(total=max(2000, settings.llm_context_chars))

    def available(self, fixed_chars: int) -> int:
        return max(0, int(self.total * (1 - self.reply_share)) - fixed_chars)

    def split(self, fixed_chars: int, history_chars: int) -> tuple[int, int]:
        """(history budget, provisions budget) once the system prompt and the question (``fixed_chars``) are in."""
        room = self.available(fixed_chars)
        history = min(history_chars, int(room * self.history_share))
        return history, room - history


def take_within(texts: Sequence[str], max_chars: int, *, min_piece: int = 80) -> list[str]:
    """Texts in order while they fit; the first one that does not fit is cut (when ``min_piece`` chars remain)."""
    out: list[str] = []
    used = 0
    for text in texts:
        if used + len(text) <= max_chars:
            out.append(text)
            used += len(text)
            continue
        room = max_chars - used
        if room >= min_piece:
            out.append(text[: room - 1] + "…")
        break
    return out

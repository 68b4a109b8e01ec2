"""The language-model layer: any OpenAI-compatible chat endpoint, prompts as files, a context budget in characters.

One client fits DeepSeek, Qwen (DashScope compatible mode), GLM, Moonshot, vLLM, Ollama and the llama.cpp server: they
all speak the OpenAI chat-completions protocol, so only ``LABOR_LLM_BASE_URL``, ``LABOR_LLM_API_KEY`` and
``LABOR_LLM_MODEL`` change. Nothing configured → ``build_chat_model`` returns None and answers are composed offline.

Sizes are counted in characters, never tokens: tokenizer files (tiktoken) would be downloaded on first use, which
hangs an offline machine. For Chinese text one character is roughly one token or less, so a character budget is a
safe upper bound.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import re
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.config import Settings
from assistant.errors import LaborAssistantError

if TYPE_CHECKING:
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


class AnswerDeadline:
    """One answer's time budget, shared by every model call the answer makes (facts, a follow-up condensed, guides,
    then the answer itself): the calls run in a row, so a budget per call would let an answer take their sum.

    The facade makes one per answer and holds it active while the answer's code runs (:meth:`active`, or
    :meth:`around` for a stream, whose steps may each run in another worker thread). A
    :class:`BoundedChatModel` called while a deadline is active spends from it; called outside one (drafting,
    evaluation), each call gets its own budget of the same length."""

    def __init__(self, seconds: float) -> None:
        self.seconds = float(seconds)
        self.until = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return self.until - time.monotonic()

    def check(self) -> None:
        if self.remaining() <= 0:
            raise ModelDeadlineExceeded(f"语言模型回答超时（超过 {self.seconds:g} 秒）。",
                                        detail=f"deadline={self.seconds}")

    @contextlib.contextmanager
    def active(self) -> Iterator[AnswerDeadline]:
        token = _active_deadline.set(self)
        try:
            yield self
        finally:
            _active_deadline.reset(token)

    def around(self, events: Iterable) -> Iterator:
        """The events of a streamed answer, each produced with this deadline active; closing this stream (the
        client hung up) closes the answer's stream too, so its model call ends now."""
        iterator = iter(events)
        try:
            while True:
                with self.active():
                    try:
                        event = next(iterator)
                    except StopIteration:
                        return
                yield event
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                with self.active():
                    close()


_active_deadline: contextvars.ContextVar[AnswerDeadline | None] = contextvars.ContextVar("answer_deadline",
                                                                                          default=None)


class _DeadlineCutNotLogged(logging.Filter):
    """langchain logs a warning for every exception a callback raises, even one it then raises on as asked: the
    deadline's cut-off is the expected end of a trickling model's call, reported once by the answer service."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not (len(args) == 3 and args[0] == "DeadlineWatch"
                    and str(args[2]).startswith(ModelDeadlineExceeded.__name__ + "("))


_DEADLINE_FILTER = _DeadlineCutNotLogged()


def _deadline_watch(deadline: AnswerDeadline):
    """A langchain callback that stops a model call at the deadline, on the token that arrives past it (a
    streamed ``invoke`` included, which never hands its chunks to the caller). ``raise_error``: langchain
    otherwise logs a callback's exception and carries on."""
    from langchain_core.callbacks import BaseCallbackHandler

    callbacks_log = logging.getLogger("langchain_core.callbacks.manager")
    if _DEADLINE_FILTER not in callbacks_log.filters:
        callbacks_log.addFilter(_DEADLINE_FILTER)

    class DeadlineWatch(BaseCallbackHandler):
        raise_error = True

        def on_llm_new_token(self, *args: Any, **kwargs: Any) -> None:
            deadline.check()

    return DeadlineWatch()


class BoundedChatModel:
    """The configured chat model, with at most ``max_concurrent`` calls in flight in this process and a total
    deadline: the active :class:`AnswerDeadline` (the whole answer's), else ``deadline`` seconds per call. A model
    that trickles one token a second, each under the per-read timeout, is cut at the deadline, streamed or not;
    a call made after the deadline fails at once, and ``read_timeout`` (the per-read timeout the wrapped model
    was built with; None: the model takes no ``timeout`` argument) is shortened to what is left of it, shared
    by the ``attempts`` the client makes (it retries a timed-out request with the same timeout). A call
    that finds no free slot within ``SLOT_WAIT_SECONDS`` fails at once with :class:`ModelBusy` rather than hold a
    server thread: the answer is then composed offline. Every other attribute is the wrapped model's."""

    def __init__(self, model, *, deadline: float, max_concurrent: int, slot_wait: float = SLOT_WAIT_SECONDS,
                 read_timeout: float | None = None, attempts: int = 1):
        self.model, self.deadline, self.slot_wait = model, deadline, slot_wait
        self.max_concurrent, self.read_timeout, self.attempts = max_concurrent, read_timeout, max(1, attempts)
        self._slots = _slots_for(max_concurrent)

    def __getattr__(self, name: str):
        return getattr(self.model, name)

    def with_structured_output(self, *args, **kwargs) -> BoundedChatModel:
        """The structured runnable, still inside the same slots and deadline."""
        return BoundedChatModel(self.model.with_structured_output(*args, **kwargs), deadline=self.deadline,
                                max_concurrent=self.max_concurrent, slot_wait=self.slot_wait,
                                read_timeout=self.read_timeout, attempts=self.attempts)

    def _budget(self) -> AnswerDeadline:
        deadline = _active_deadline.get() or AnswerDeadline(self.deadline)
        deadline.check()
        return deadline

    def _acquire(self, deadline: AnswerDeadline) -> None:
        if not self._slots.acquire(timeout=max(0.0, min(self.slot_wait, deadline.remaining()))):
            deadline.check()
            raise ModelBusy("语言模型繁忙（同时进行的回答已达上限）。", detail=f"max_concurrent={self.max_concurrent}")

    def _call_options(self, deadline: AnswerDeadline, config, kwargs: dict) -> tuple[dict, dict]:
        config = dict(config or {})
        callbacks = config.get("callbacks")
        watch = _deadline_watch(deadline)
        if callbacks is None:
            config["callbacks"] = [watch]
        elif isinstance(callbacks, list):
            config["callbacks"] = [*callbacks, watch]
        else:  # a callback manager
            callbacks = callbacks.copy()
            callbacks.add_handler(watch, inherit=True)
            config["callbacks"] = callbacks
        if self.read_timeout is not None and "timeout" not in kwargs:
            share = deadline.remaining() / self.attempts
            kwargs = {**kwargs, "timeout": max(0.05, min(self.read_timeout, share))}
        return config, kwargs

    def invoke(self, input, config=None, **kwargs):
        deadline = self._budget()
        self._acquire(deadline)
        try:
            config, kwargs = self._call_options(deadline, config, kwargs)
            try:
                return self.model.invoke(input, config, **kwargs)
            except ModelDeadlineExceeded:
                raise
            except Exception:
                deadline.check()  # a read cut short by the deadline is the deadline's failure, not the endpoint's
                raise
        finally:
            self._slots.release()

    def stream(self, input, config=None, **kwargs) -> Iterator:
        deadline = self._budget()
        self._acquire(deadline)
        try:
            config, kwargs = self._call_options(deadline, config, kwargs)
            chunks = self.model.stream(input, config, **kwargs)
            try:
                for chunk in chunks:
                    yield chunk
                    deadline.check()
            except ModelDeadlineExceeded:
                raise
            except Exception:
                deadline.check()
                raise
            finally:
                close = getattr(chunks, "close", None)
                if close is not None:
                    close()  # ends the HTTP stream now, not when the generator is collected
        finally:
            self._slots.release()


def build_chat_model(settings: Settings, *, streaming: bool = True) -> BoundedChatModel | None:
    """A chat model for the configured endpoint, or None when no endpoint is configured (offline answers).

    Retries: the OpenAI client retries connection errors, 408/409/429 and 5xx ``llm_max_retries`` times with
    exponential backoff and jitter (0.5 s doubling, at most 8 s). ``llm_timeout`` bounds each attempt, including
    the wait between two streamed chunks, so a stalled stream fails instead of hanging; ``answer_deadline_seconds``
    bounds a whole answer, all its calls together, and ``max_concurrent_llm`` the calls in flight
    (:class:`BoundedChatModel`, :class:`AnswerDeadline`).
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
    return BoundedChatModel(model, deadline=deadline, max_concurrent=limit,
                            read_timeout=min(settings.llm_timeout, deadline), attempts=1 + max(0, settings.llm_max_retries))


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


def as_data(text: str) -> str:
    """Text made inert inside a tagged block of a prompt: no tag can be closed or opened from within it."""
    return text.replace("<", "＜").replace(">", "＞")


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

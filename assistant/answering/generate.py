"""Generate with the language model, streamed, and verify the text on its way to the user.

Streamed text is held back only from a character that may start a reference or a quotation (第 条 《 “ 「 [ 【)
to the end of that clause, then verified and released; everything else passes through at once. So what a user
sees while it streams is already checked, and the final answer is the same text.

Any fault of the endpoint — an error, a timeout, a stream that ends without a finish reason (cut mid-stream), or
text that is not an answer (garbage) — raises :class:`LLMUnavailableError`; the service then answers offline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from assistant.answering.compose_marks import Numbering
from assistant.answering.errors import LLMUnavailableError
from assistant.answering.safety import UNCITED_NOTICE, uncited_legal_claim, unsafe_answer
from assistant.answering.verify import CitationCheck, CitationResolver, verify_segment
from assistant.llm import ModelBusy, ModelDeadlineExceeded

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

    from assistant.statutes import Provision

_RISKY = re.compile(r"[第条《“「\"\[【]")
_BOUNDARY = set("，。；！？\n：,;!?")
_OPEN, _CLOSE = "“「", "”」"
_MIN_CHECK_CHARS = 4  # first release waits for this many letters, to tell an answer from noise
MAX_ANSWER_CHARS = 12000
_MARK_CONTEXT = 200  # characters of released text read again to place a marker (a law named just before)


class StreamVerifier:
    """Feed raw model text; get back verified text that is safe to show.

    With a ``numbering``, each verified article reference gets its marker [n] the moment its clause is released
    (numbered on first use, as in an offline answer), so the streamed text already leads to its articles."""

    def __init__(self, resolver: CitationResolver, numbered: list[Provision] | None = None,
                 numbering: Numbering | None = None):
        self.resolver = resolver
        self.numbered = numbered or []
        self.numbering = numbering
        self.raw = ""
        self.committed = 0
        self.parts: list[str] = []
        self.checks: list[CitationCheck] = []
        self.warnings: list[str] = []

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def feed(self, chunk: str) -> str:
        self.raw += chunk
        return self.release()

    def release(self) -> str:
        """Everything that is safe to show now (a verified clause, then any plain text after it)."""
        out = []
        while (piece := self._commit(self._safe_point())):
            out.append(piece)
        return "".join(out)

    def finish(self) -> str:
        return self._commit(len(self.raw))

    def _safe_point(self) -> int:
        tail = self.raw[self.committed:]
        risky = _RISKY.search(tail)
        if not risky:
            return len(self.raw)
        depth, ascii_open, last_boundary = 0, False, None
        for i in range(risky.start(), len(tail)):
            ch = tail[i]
            if ch in _OPEN:
                depth += 1
            elif ch in _CLOSE:
                depth = max(0, depth - 1)
            elif ch == '"':
                ascii_open = not ascii_open
            elif ch in _BOUNDARY and depth == 0 and not ascii_open:
                last_boundary = i
        if last_boundary is not None:
            return self.committed + last_boundary + 1
        return self.committed + risky.start()

    def _commit(self, upto: int) -> str:
        if upto <= self.committed:
            return ""
        segment = self.raw[self.committed:upto]
        if _RISKY.search(segment):
            verified = verify_segment(self.raw[:upto], self.committed, self.resolver, self.numbered)
            out = verified.text
            if self.numbering is not None:  # the released text before it names the law a reference continues
                context = self.text[-_MARK_CONTEXT:]
                out, _ = self.numbering.mark(context + out, self.resolver, start=len(context))
            self.checks.extend(verified.checks)
            self.warnings.extend(w for w in verified.warnings if w not in self.warnings)
        else:
            out = segment
        self.committed = upto
        self.parts.append(out)
        return out


def looks_like_answer(text: str) -> bool:
    """Chinese prose, not noise: letters mostly Chinese, no control characters (markdown and digits aside)."""
    body = "".join(text.split())
    if not body or any(ord(ch) < 32 for ch in body):
        return False
    letters = [ch for ch in body if ch.isalpha()]
    if not letters:
        return False
    cjk = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    return cjk / len(letters) >= 0.3


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def stream_verified(chat_model: BaseChatModel, messages: list[BaseMessage], verifier: StreamVerifier,
                    *, min_chars: int = 20, secret: str = "") -> Iterator[str]:
    """Verified text pieces as the model streams; raises :class:`LLMUnavailableError` on any endpoint fault.

    ``secret`` (the system prompt): the moment the reply starts repeating it, the stream stops with an error, so
    at most a few characters of it are ever shown.
    """
    finished = False
    released = False
    try:
        for chunk in chat_model.stream(messages):
            meta = getattr(chunk, "response_metadata", None) or {}
            if meta.get("finish_reason"):
                finished = True
            piece = chunk.content if isinstance(chunk.content, str) else ""
            if not piece:
                continue
            if len(verifier.raw) + len(piece) > MAX_ANSWER_CHARS:
                raise LLMUnavailableError("语言模型的回答过长，已中止。", detail="too_long")
            if not released:
                verifier.raw += piece  # hold until there is enough to judge
                if _letters(verifier.raw) < _MIN_CHECK_CHARS and not any(ord(ch) < 9 for ch in verifier.raw):
                    continue
                if not looks_like_answer(verifier.raw):
                    raise LLMUnavailableError("语言模型返回的内容无法识别。", detail="garbage")
                released = True
                out = verifier.release()
            else:
                out = verifier.feed(piece)
            if secret and leaks_system_prompt(verifier.raw[-(len(piece) + 96):], secret):
                raise LLMUnavailableError("回答内容不符合要求，已改用规则生成的回答。", detail="prompt_leak")
            harmful = unsafe_answer(verifier.raw[max(0, len(verifier.raw) - len(piece) - 200):])
            if harmful:
                raise LLMUnavailableError(harmful, detail="unsafe_answer")
            if out:
                yield out
    except LLMUnavailableError:
        raise
    except (ModelDeadlineExceeded, ModelBusy) as exc:
        raise LLMUnavailableError(exc.message, detail=exc.code) from exc
    except Exception as exc:
        message = "与语言模型的连接在回答中途断开。" if verifier.raw else fault_message(exc)
        raise LLMUnavailableError(message, detail=type(exc).__name__) from exc
    if not finished:
        raise LLMUnavailableError("与语言模型的连接在回答中途断开。", detail="cut")
    if len(verifier.raw.strip()) < min_chars or not looks_like_answer(verifier.raw):
        raise LLMUnavailableError("语言模型返回的内容无法识别。", detail="garbage")
    harmful = unsafe_answer(verifier.raw)
    if harmful:
        raise LLMUnavailableError(harmful, detail="unsafe_answer")
    tail = verifier.finish()
    if uncited_legal_claim(verifier.raw, sum(1 for c in verifier.checks if c.verified)):
        raise LLMUnavailableError(UNCITED_NOTICE, detail="uncited_claim")
    if tail:
        yield tail


def leaks_system_prompt(text: str, system_prompt: str, *, window: int = 24) -> bool:
    """True when any ``window`` characters of the system prompt appear in the text (punctuation and spacing aside)."""
    def comparable(s: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFKC", s) if ch.isalnum())

    secret, body = comparable(system_prompt), comparable(text)
    return any(secret[i:i + window] in body for i in range(0, max(len(secret) - window + 1, 0), 4))


def fault_message(exc: BaseException) -> str:
    """What to tell the worker about a failed endpoint, in one sentence."""
    if isinstance(exc, ModelDeadlineExceeded | ModelBusy):
        return exc.message
    name = type(exc).__name__.lower()
    if "timeout" in name:
        return "语言模型服务响应超时。"
    if "connection" in name or isinstance(exc, ConnectionError | OSError):
        return "无法连接语言模型服务。"
    return "语言模型服务出错。"

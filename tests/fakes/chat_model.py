"""A fake langchain chat model for unit tests of the answer chain (the edge: no HTTP, no endpoint).

    model = FakeChatModel(replies=["根据《劳动合同法》第三十八条……"])      # one reply per call, last one repeats
    model = FakeChatModel(reply_fn=lambda messages: "…")                  # or computed from the prompt
    model = FakeChatModel(replies=["…"], fail_on_call=True)               # raises before the first chunk
    model = FakeChatModel(replies=["…"], fail_after_chars=20)             # streams 20 chars then raises
Every call's messages are kept in ``calls``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field


class FakeEndpointError(ConnectionError):
    """What a broken endpoint raises inside the fake."""


class FakeChatModel(BaseChatModel):
    replies: list[str] = Field(default_factory=lambda: ["好的。"])
    reply_fn: Callable[[list[BaseMessage]], str] | None = None
    chunk_chars: int = 3
    fail_on_call: bool = False
    fail_after_chars: int | None = None
    calls: list[list[BaseMessage]] = Field(default_factory=list)

    @property
    def _llm_type(self) -> str:
        return "fake-chat"

    def _next_reply(self, messages: list[BaseMessage]) -> str:
        self.calls.append(list(messages))
        if self.fail_on_call:
            raise FakeEndpointError("endpoint down")
        if self.reply_fn is not None:
            return self.reply_fn(messages)
        index = min(len(self.calls) - 1, len(self.replies) - 1)
        return self.replies[index]

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        text = self._next_reply(messages)
        if self.fail_after_chars is not None:
            raise FakeEndpointError("connection dropped")
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _stream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        text = self._next_reply(messages)
        sent = 0
        for i in range(0, len(text), self.chunk_chars):
            if self.fail_after_chars is not None and sent >= self.fail_after_chars:
                raise FakeEndpointError("connection dropped mid-stream")
            piece = text[i:i + self.chunk_chars]
            sent += len(piece)
            yield ChatGenerationChunk(message=AIMessageChunk(content=piece))
        if self.fail_after_chars is not None:
            raise FakeEndpointError("connection dropped mid-stream")
        yield ChatGenerationChunk(message=AIMessageChunk(content="", response_metadata={"finish_reason": "stop"}))

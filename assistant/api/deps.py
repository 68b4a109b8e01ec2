"""Dependencies shared by the routers, as ``Annotated`` aliases: ``def search(assistant: AssistantDep, …)``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant import Assistant
from assistant.access import let_in
from assistant.api.errors import InvalidInput
from assistant.api.metrics import Metrics
from assistant.api.security import Caller, identify
from assistant.api.settings import ApiSettings
from assistant.cases.feedback import FeedbackStore
from assistant.facts import CaseFacts, FactsInputError, apply_overrides


def get_assistant(request: Request) -> Assistant:
    return request.app.state.services.assistant


def get_api_settings(request: Request) -> ApiSettings:
    return request.app.state.services.api_settings


def get_metrics(request: Request) -> Metrics:
    return request.app.state.services.metrics


def get_feedback(request: Request) -> FeedbackStore:
    return request.app.state.services.feedback


def _caller_with(role: str):
    def dependency(request: Request) -> Caller:
        services = request.app.state.services
        return let_in(identify(request, services.api_settings), role, services.api_settings, services.rate_limiter)

    dependency.__name__ = f"require_{role}"
    return dependency


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
ApiSettingsDep = Annotated[ApiSettings, Depends(get_api_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
FeedbackDep = Annotated[FeedbackStore, Depends(get_feedback)]
PublicCaller = Annotated[Caller, Depends(_caller_with("public"))]
StaffCaller = Annotated[Caller, Depends(_caller_with("staff"))]
ReviewerCaller = Annotated[Caller, Depends(_caller_with("reviewer"))]
AdminCaller = Annotated[Caller, Depends(_caller_with("admin"))]


def check_question(text: str, settings: ApiSettings, field: str = "question") -> str:
    """A question a person could have typed: not blank, not longer than the configured limit."""
    text = text.strip()
    if not text:
        raise InvalidInput("问题不能为空", field=field)
    if len(text) > settings.max_question_chars:
        raise InvalidInput(f"问题太长：最多 {settings.max_question_chars} 字，现在是 {len(text)} 字", field=field)
    return text


def check_facts(facts: dict | None) -> dict | None:
    """The user's corrections to the case, checked before any answer starts (an SSE stream cannot return 422)."""
    if not facts:
        return None
    try:
        apply_overrides(CaseFacts(), facts)
    except FactsInputError as exc:
        raise InvalidInput(exc.message, field=f"facts.{exc.path}" if exc.path != "facts" else "facts") from None
    return facts

"""The web page's door: every handler that does work passes the same identity, access and rate check as the API.

The page and the API are two front doors to one service, so they share one checker (``assistant.access``)
and one rate limiter (``services.rate_limiter``): a question asked on the page counts against the same per-minute
limit as a call to ``/v1/ask``, and with anonymous access off the page answers only a caller with a key. The key
comes from the request's own headers (``Authorization`` / ``X-API-Key``, e.g. set by a gateway in front of the
page) or from the page's 访问密钥 box, shown when anonymous access is off.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.access import AccessError, Caller, KeyRejected, KeyRequired, admit, presented_key

KEY_LABEL = "访问密钥"
NO_REQUEST = "无法确认访问身份，请刷新网页后再试。"


class Door:
    def __init__(self, services: Any):
        self.services = services
        self.key_box: Any = None  # the page's 访问密钥 box (a gr.Textbox), or None when anonymous access is on

    @property
    def needs_key(self) -> bool:
        return not self.services.api_settings.allow_anonymous

    def key_field(self) -> Any:
        """The 访问密钥 box at the top of the page, drawn only when anonymous access is off."""
        if self.needs_key:
            self.key_box = gr.Textbox(label=KEY_LABEL, type="password", max_lines=1, elem_id="access-key",
                                      placeholder="本服务需要访问密钥，请向提供服务的单位索取")
        return self.key_box

    def key_input(self) -> Any:
        """What handlers take as the key: the 访问密钥 box, or an empty value when the page shows none."""
        return self.key_box if self.key_box is not None else gr.State("")

    def admit(self, request: Any, key: str | None = "", needed: str = "public") -> Caller:
        """The caller, checked and counted as the API would (raises :class:`AccessError`); ``key`` is one typed into
        the page, else the request's own headers are read."""
        return admit(_presented(request, key), _address(request), needed, self.services.api_settings,
                     self.services.rate_limiter)

    def refusal(self, request: Any, key: str | None = "", needed: str = "public") -> str | None:
        """None when the caller may go ahead (and the call is counted); otherwise the Chinese reason to show."""
        if request is None:  # Gradio passes the request on every call it serves; without one, nobody is known
            return NO_REQUEST
        try:
            self.admit(request, key, needed)
        except AccessError as exc:
            return refusal_text(exc)
        return None


def _presented(request: Any, key: str | None) -> str | None:
    """The key a caller presents: one typed into the page, else the request's Authorization / X-API-Key header."""
    typed = (key or "").strip()
    return typed or presented_key(getattr(request, "headers", None) or {})


def _address(request: Any) -> str | None:
    client = getattr(request, "client", None)
    return getattr(client, "host", None)


def refusal_text(exc: AccessError) -> str:
    """Where the API's message would speak of request headers, the page speaks of the key box the worker types into."""
    if isinstance(exc, KeyRequired) and exc.needed is None:
        return f"请先在页面上方填写{KEY_LABEL}（向提供本服务的单位索取），再提问。"
    if isinstance(exc, KeyRejected):
        return f"{KEY_LABEL}不对，请检查后再试。"
    return exc.message

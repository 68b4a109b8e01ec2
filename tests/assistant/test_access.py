"""The one identity, access and rate check both front doors stand on: each refusal is one typed reason, which the API
answers as its 401/403/429 JSON and the web page as a sentence beside its 访问密钥 box."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.access import (
    AccessError,
    KeyRejected,
    KeyRequired,
    KeysGuessed,
    RateExceeded,
    RateLimiter,
    RoleRefused,
    actor_for,
    any_key_reaches,
    authorize,
    identify,
    presented_key,
)
from assistant.api.errors import access_refusal
from assistant.config import ApiSettings
from assistant.ui.access import Door

STAFF, PUBLIC, REVIEWER = "staff-key-for-tests", "public-key-for-tests", "reviewer-key-for-tests"


def settings(**overrides) -> ApiSettings:
    values = {"api_keys": f"{STAFF}:staff@某市总工会,{PUBLIC}:public,{REVIEWER}:reviewer", "allow_anonymous": True}
    return ApiSettings(_env_file=None, **(values | overrides))


def refusal(key: str | None, needed: str, cfg: ApiSettings, limiter: RateLimiter | None = None) -> AccessError:
    with pytest.raises(AccessError) as caught:
        caller = identify(key, cfg, address="10.0.0.7")
        authorize(caller, needed, cfg)
        (limiter or RateLimiter(0)).check(caller.key_id)
    return caught.value


def test_a_key_is_read_from_either_header_and_an_empty_bearer_is_no_key():
    assert presented_key({"authorization": f"Bearer  {STAFF} "}) == STAFF
    assert presented_key({"x-api-key": PUBLIC}) == PUBLIC
    assert presented_key({"authorization": "Bearer ", "x-api-key": PUBLIC}) is None
    assert presented_key({}) is None


def test_a_caller_carries_its_role_and_organisation_but_never_its_key():
    caller = identify(STAFF, settings())
    assert (caller.role, caller.org) == ("staff", "某市总工会")
    assert STAFF not in caller.key_id and caller.key_id.startswith("key:")
    assert identify(None, settings(), address="10.0.0.7").key_id == "anon:10.0.0.7"
    actor = actor_for(caller, caller.org)
    assert (actor.role, actor.organisation, actor.name) == ("staff", "某市总工会", caller.key_id)
    assert actor_for(identify(REVIEWER, settings()), "默认机构").role == "reviewer"


def test_each_refusal_is_the_api_status_it_always_was():
    cfg = settings(allow_anonymous=False)
    no_key = access_refusal(refusal(None, "public", cfg))
    assert (no_key.status_code, no_key.code) == (401, "unauthorized") and "X-API-Key" in no_key.message
    assert access_refusal(refusal(None, "staff", settings())).message == "此功能需要工作人员密钥"
    wrong = access_refusal(refusal("not-a-key", "public", cfg))
    assert (wrong.status_code, wrong.message) == (401, "API 密钥无效")
    low = access_refusal(refusal(PUBLIC, "staff", cfg))
    assert (low.status_code, low.code) == (403, "forbidden") and "工作人员" in low.message
    limiter = RateLimiter(1)
    limiter.check(identify(PUBLIC, cfg).key_id)
    limited = access_refusal(refusal(PUBLIC, "public", cfg, limiter))
    assert (limited.status_code, limited.code) == (429, "rate_limited")
    assert int(limited.headers["Retry-After"]) >= 1 and "每分钟最多 1 次" in limited.message
    guessed = access_refusal(KeysGuessed(7))
    assert (guessed.status_code, guessed.headers["Retry-After"]) == (429, "7") and "密钥错误次数过多" in guessed.message


def test_the_page_says_the_same_refusals_in_its_own_words():
    cfg = settings(allow_anonymous=False)
    door = Door(SimpleNamespace(api_settings=cfg, rate_limiter=RateLimiter(1)))
    browser = SimpleNamespace(headers={}, client=SimpleNamespace(host="10.0.0.7"))
    assert "请先在页面上方填写访问密钥" in door.refusal(browser, "")
    assert door.refusal(browser, "not-a-key") == "访问密钥不对，请检查后再试。"
    assert "工作人员" in door.refusal(browser, PUBLIC, needed="staff")
    gateway = SimpleNamespace(headers={"authorization": f"Bearer {PUBLIC}"}, client=None)
    assert door.refusal(gateway, "") is None, "the key a gateway put in the request's header"
    assert "每分钟最多 1 次" in door.refusal(browser, PUBLIC), "the same caller, counted once already"


def test_the_refusals_are_typed():
    assert isinstance(refusal(None, "public", settings(allow_anonymous=False)), KeyRequired)
    assert isinstance(refusal("not-a-key", "public", settings()), KeyRejected)
    assert isinstance(refusal(PUBLIC, "admin", settings()), RoleRefused)
    limiter = RateLimiter(1)
    limiter.check("key:x")
    with pytest.raises(RateExceeded) as caught:
        limiter.check("key:x")
    assert caught.value.retry_after >= 1


def test_the_staff_tools_show_only_where_some_key_reaches_them():
    assert not any_key_reaches(settings(api_keys=f"{PUBLIC}:public"), "staff")
    assert any_key_reaches(settings(api_keys=f"{PUBLIC}:public,{REVIEWER}:reviewer"), "staff")
    assert not any_key_reaches(settings(), "admin")

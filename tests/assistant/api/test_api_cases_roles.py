"""API keys carry a role (public, staff, reviewer, admin) and an organisation; each role may do what the ones below
it may, staff see their own organisation only, and a refusal names the key that would be needed."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

from assistant.api import ApiSettings
from assistant.api.deps import AdminCaller, PublicCaller, ReviewerCaller, StaffCaller
from assistant.api.errors import install_error_handlers
from assistant.api.security import RateLimiter

KEYS = "pub:public,desk-a:staff@甲市总工会,desk-b:staff@乙区法律援助中心,rev-a:reviewer@甲市总工会,root:admin,plain:staff"


def test_keys_carry_role_and_organisation():
    s = ApiSettings(_env_file=None, api_keys=KEYS)
    assert s.api_keys == {"pub": "public", "desk-a": "staff", "desk-b": "staff", "rev-a": "reviewer",
                          "root": "admin", "plain": "staff"}
    assert s.key_orgs == {"desk-a": "甲市总工会", "desk-b": "乙区法律援助中心", "rev-a": "甲市总工会"}


def test_organisations_can_come_from_their_own_setting_and_the_at_sign_wins(monkeypatch):
    monkeypatch.setenv("LABOR_API_KEYS", "s:staff,t:staff@乙")
    monkeypatch.setenv("LABOR_KEY_ORGS", '{"s": "甲", "t": "丙"}')
    s = ApiSettings(_env_file=None)
    assert s.key_orgs == {"s": "甲", "t": "乙"}


@pytest.mark.parametrize("bad", ["k:root", "k:staff@", "k:staff@  ", "no-role-here"])
def test_a_key_with_an_unknown_role_or_an_empty_organisation_is_refused_at_start(bad):
    with pytest.raises(ValidationError):
        ApiSettings(_env_file=None, api_keys=bad)


class _Services:
    def __init__(self, settings: ApiSettings):
        self.api_settings = settings
        self.rate_limiter = RateLimiter(0)


@pytest.fixture
def probe() -> TestClient:
    """A tiny app whose routes each need one role and answer with who called."""
    app = FastAPI()
    app.state.services = _Services(ApiSettings(_env_file=None, api_keys=KEYS, allow_anonymous=True))
    install_error_handlers(app)

    def who(c) -> dict:
        return {"role": c.role, "org": c.org}

    @app.get("/public")
    def public(c: PublicCaller):
        return who(c)

    @app.get("/staff")
    def staff(c: StaffCaller):
        return who(c)

    @app.get("/reviewer")
    def reviewer(c: ReviewerCaller):
        return who(c)

    @app.get("/admin")
    def admin(c: AdminCaller):
        return who(c)

    return TestClient(app)


LADDER = ["public", "staff", "reviewer", "admin"]
KEY_OF = {"public": "pub", "staff": "desk-a", "reviewer": "rev-a", "admin": "root"}


@pytest.mark.parametrize("role", LADDER)
@pytest.mark.parametrize("needed", LADDER)
def test_each_role_may_do_what_the_roles_below_it_may(probe, role, needed):
    r = probe.get(f"/{needed}", headers={"X-API-Key": KEY_OF[role]})
    if LADDER.index(role) >= LADDER.index(needed):
        assert r.status_code == 200 and r.json()["role"] == role
    else:
        assert r.status_code == 403
        assert r.json()["error"]["code"] == "forbidden"
        assert {"staff": "工作人员", "reviewer": "复核员", "admin": "管理员"}[needed] in r.json()["error"]["message"]


def test_the_caller_knows_its_organisation(probe):
    assert probe.get("/staff", headers={"X-API-Key": "desk-b"}).json() == {"role": "staff", "org": "乙区法律援助中心"}
    assert probe.get("/staff", headers={"Authorization": "Bearer plain"}).json() == {"role": "staff", "org": ""}


def test_anonymous_is_asked_for_the_right_key_and_a_wrong_key_is_unauthorised(probe):
    r = probe.get("/reviewer")
    assert r.status_code == 401 and "复核员密钥" in r.json()["error"]["message"]
    assert probe.get("/public").json()["role"] == "anonymous"
    assert probe.get("/public", headers={"X-API-Key": "desk-a-typo"}).status_code == 401

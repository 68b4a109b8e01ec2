"""Fixtures of the case desk API tests: the real Assistant's index, a case database of the test's own (SQLite, and
PostgreSQL when ``LABOR_TEST_DATABASE_URL`` is set), and API keys of two organisations."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.api import ApiSettings, create_app
from tests.assistant.cases.conftest import database_url  # noqa: F401  (SQLite and PostgreSQL, one schema per test)

ORG_A, ORG_B = "甲市总工会", "乙区总工会"
KEYS = {"desk_a": "desk-a-key", "desk_b": "desk-b-key", "rev_a": "rev-a-key", "rev_b": "rev-b-key",
        "admin": "root-key", "app": "app-key", "plain": "plain-staff-key"}
KEY_SETTING = (f"{KEYS['desk_a']}:staff@{ORG_A},{KEYS['desk_b']}:staff@{ORG_B},{KEYS['rev_a']}:reviewer@{ORG_A},"
               f"{KEYS['rev_b']}:reviewer@{ORG_B},{KEYS['admin']}:admin,{KEYS['app']}:public,{KEYS['plain']}:staff")
STORY = [
    {"role": "user", "content": "我叫张三，2021年3月1日入职深圳某某科技有限公司，月薪8000元，公司已经三个月没发工资了"},
    {"role": "assistant", "content": "用人单位未及时足额支付劳动报酬的，劳动者可以解除劳动合同……"},
    {"role": "user", "content": "我想辞职，能要经济补偿吗？"},
]
ANSWER = {"question": "我想辞职，能要经济补偿吗？",
          "answer": "可以。依《劳动合同法》第三十八条，用人单位未及时足额支付劳动报酬的，你可以解除劳动合同，"
                    "并依第四十六条要求经济补偿。",
          "citations": [{"id": "劳动合同法#38", "law": "劳动合同法", "article": "38", "verified": True}],
          "corpus_build": "test"}


def key(name: str) -> dict[str, str]:
    return {"X-API-Key": KEYS[name]}


@pytest.fixture
def desk_client(assistant, database_url, tmp_path):  # noqa: F811  (the imported fixture)
    """A TestClient whose case desk runs on this test's own database, over the shared statute index."""
    from assistant import Assistant

    own = Assistant(assistant.settings.model_copy(update={"database_url": database_url}), index=assistant.index)
    settings = ApiSettings(_env_file=None, api_keys=KEY_SETTING, allow_anonymous=True, rate_limit_per_minute=0,
                           feedback_db=tmp_path / "feedback.sqlite3")
    client = TestClient(create_app(own, api_settings=settings))
    yield client
    if "cases" in vars(own):
        own.cases.db.dispose()


def open_chat_case(client: TestClient, organisation: str | None = ORG_A, **extra) -> dict:
    """A worker's chat becomes a case (the worker agreed); the answer shown is attached. → code, secret, case."""
    body = {"consent": True, "conversation": STORY, "answers": [ANSWER], **extra}
    if organisation:
        body["organisation"] = organisation
    r = client.post("/v1/cases", json=body)
    assert r.status_code == 201, r.text
    return r.json()

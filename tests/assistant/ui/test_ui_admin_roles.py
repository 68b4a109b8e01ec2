"""管理 opens to every key of staff rank or above: a deployment whose desk keys are reviewers and admins only still
gets the 工作人员密钥 box, and each of those keys enters; a public key does not."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.api import ApiSettings, build_services
from assistant.ui.access import Door

LOOPBACK = SimpleNamespace(headers={}, client=SimpleNamespace(host="127.0.0.1"))


def _services(assistant, tmp_path, keys: str):
    settings = ApiSettings(_env_file=None, api_keys=keys, rate_limit_per_minute=0,
                           feedback_db=tmp_path / "feedback.sqlite3")
    return build_services(assistant, api_settings=settings)


def _labels(services) -> set:
    from assistant.ui.app import build_ui

    return {getattr(block, "label", None) for block in build_ui(services).blocks.values()}


def test_reviewer_and_admin_keys_enter_admin(assistant, tmp_path):
    services = _services(assistant, tmp_path, "rev-key:reviewer@甲市总工会,root-key:admin,app-key:public")
    assert {"工作人员密钥", "选择文件（.md .txt .pdf .docx .html）"} <= _labels(services)
    door = Door(services)
    assert door.refusal(LOOPBACK, "rev-key", needed="staff") is None
    assert door.refusal(LOOPBACK, "root-key", needed="staff") is None
    assert "权限" in door.refusal(LOOPBACK, "app-key", needed="staff")


def test_without_any_desk_key_admin_says_which_key_to_configure(assistant, tmp_path):
    labels = _labels(_services(assistant, tmp_path, "app-key:public"))
    assert "工作人员密钥" not in labels

"""Web page tests without a browser: the page's logic over the real Assistant (browser tests live in tests/e2e)."""

from __future__ import annotations

import pytest

from tests.assistant.api.conftest import api_settings, own_database


@pytest.fixture
def services(assistant, tmp_path):
    from assistant.api import build_services

    return build_services(assistant, own_database(assistant, tmp_path), api_settings(tmp_path))

"""End-to-end fixtures: the real server (API + web page) on loopback and Debian's headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.assistant.api.conftest import RunningServer, api_settings, own_database

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
STAFF_KEY = "e2e-staff-key"
# Headless, no GPU, and no host resolution except loopback: Chromium otherwise contacts Google hosts by itself.
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="module")
def served(assistant, tmp_path_factory):
    from assistant.api.server import create_server_app
    from assistant.cases.feedback import FeedbackStore

    tmp = tmp_path_factory.mktemp("e2e")
    settings, core = api_settings(tmp, api_keys=f"{STAFF_KEY}:staff"), own_database(assistant, tmp)
    app = create_server_app(assistant, core, api_settings=settings)
    with RunningServer(app) as running:
        running.feedback = FeedbackStore.from_settings(core, settings)  # what staff see, as another process would
        yield running


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Debian chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def shot():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def save(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


def open_page(browser, url: str, *, phone: bool = False):
    if phone:
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                      has_touch=True, accept_downloads=True)
    else:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(url + "/ui/", wait_until="load")
    page.get_by_role("tab", name="咨询").wait_for(timeout=60_000)
    return page

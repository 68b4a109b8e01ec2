"""One server for both front doors: uvicorn serving the API (``/v1``, docs at ``/docs``) with the web page at ``/ui``.

``serve(host, port)`` is what ``python app.py`` and ``labor serve --host --port`` run.
"""

from __future__ import annotations

import logging
import os
from typing import Annotated

import typer


def create_server_app(assistant=None, settings=None, *, api_settings=None, with_ui: bool = True):
    """The FastAPI app with the Gradio page mounted at ``/ui``; ``/`` redirects there."""
    from fastapi.responses import RedirectResponse

    from assistant.api.app import build_services, create_app

    services = build_services(assistant, settings, api_settings)
    app = create_app(services=services)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/" if with_ui else "/docs")

    if with_ui:
        from assistant.ui.app import mount_ui  # imports Gradio: only when the page is served

        app = mount_ui(app, services, path="/ui")
    return app


def serve(host: str = "127.0.0.1", port: int = 8000, *, assistant=None, settings=None) -> None:
    """Start uvicorn in this process (blocks until stopped with Ctrl-C)."""
    import uvicorn

    logging.basicConfig(level=os.environ.get("LABOR_LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if assistant is None:
        prepare_index(settings)
    app = create_server_app(assistant, settings)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    print(f"劳动维权助手已启动：网页 http://{shown}:{port}/ui/　接口文档 http://{shown}:{port}/docs", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def prepare_index(settings=None) -> bool:
    """First start: build the index from the configured corpus folders or the pinned download. Without either the
    server still starts (staff can upload files in 管理) and says how to get a corpus. True when an index is ready."""
    from assistant.bootstrap import ensure_index
    from assistant.config import get_settings
    from assistant.errors import IndexNotFoundError

    try:
        ensure_index(settings or get_settings())
    except IndexNotFoundError as exc:
        print(exc.message, flush=True)
        return False
    return True


def serve_command(
    host: Annotated[str, typer.Option("--host", help="监听地址；局域网内其他设备访问用 0.0.0.0")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 8000,
) -> None:
    """启动网页和 HTTP 接口（/ui 为网页，/v1 为接口，/docs 为接口文档）。"""
    serve(host, port)

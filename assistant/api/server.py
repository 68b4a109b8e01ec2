"""One server for both front doors: uvicorn serving the API (``/v1``, docs at ``/docs``) with the web page at ``/ui``.

``serve(host, port)`` is what ``python app.py`` and ``labor serve`` run; host, port and log level default to the
settings (``LABOR_HOST``, ``LABOR_PORT``, ``LABOR_LOG_LEVEL``, environment or ``.env``).
"""

from __future__ import annotations

import logging
from typing import Annotated, Optional

import typer

from assistant.config import Settings, get_settings


def create_server_app(assistant=None, settings=None, *, api_settings=None, with_ui: bool = True):
    """The FastAPI app, with the Gradio page mounted at ``/ui`` unless ``with_ui`` is false; ``/`` redirects there."""
    from fastapi.responses import RedirectResponse

    from assistant.api.app import build_services, create_app

    services = build_services(assistant, settings, api_settings)
    app = create_app(services=services)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/" if with_ui else "/docs")

    if with_ui:
        from assistant.ui.app import mount_ui  # imports Gradio (seconds): only when the page is served

        app = mount_ui(app, services, path="/ui")
    return app


def serve(host: str | None = None, port: int | None = None, *, assistant=None, settings: Settings | None = None,
          with_ui: bool = True) -> None:
    """Start uvicorn in this process (blocks until stopped with Ctrl-C)."""
    import uvicorn

    settings = settings or (assistant.settings if assistant is not None else get_settings())
    host = host or settings.api.host
    port = port or settings.api.port
    logging.basicConfig(level=settings.api.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_libraries(settings.api.log_level)
    if settings.retrieval_notice:
        print(settings.retrieval_notice, flush=True)
    if assistant is None:
        prepare_index(settings)
    app = create_server_app(assistant, settings, with_ui=with_ui)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    page = f"网页 http://{shown}:{port}/ui/　" if with_ui else ""
    print(f"劳动维权助手已启动：{page}接口文档 http://{shown}:{port}/docs", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


# Libraries that set their own logger to DEBUG on import, whatever the application asks for.
LOUD_LIBRARIES = ("bm25s",)


def quiet_libraries(level: str) -> None:
    """Hold those loggers to the configured level (at least WARNING unless debugging). Each library is imported
    first: its import sets the level again, and the first ingest of a fresh start would import it after us."""
    import importlib

    wanted = logging.DEBUG if level == "debug" else max(logging.WARNING, logging.getLevelName(level.upper()))
    for name in LOUD_LIBRARIES:
        importlib.import_module(name)
        logging.getLogger(name).setLevel(wanted)


class _SummaryPrinted(logging.Filter):
    """Drops the pipeline's one-line summary log while the whole summary is printed to the operator."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "ingest.pipeline" and str(record.msg).startswith("ingest: %s"))


def prepare_index(settings: Settings | None = None) -> bool:
    """First start: build the index from the configured corpus folders or the pinned download. Without either the
    server still starts (staff can upload files in 管理) and says how to get a corpus. True when an index is ready."""
    from assistant.bootstrap import ensure_index
    from assistant.errors import IndexNotFoundError

    # ensure_index prints the ingest summary itself; the pipeline's log line of it would say it a second time.
    pipeline_log, only_once = logging.getLogger("ingest.pipeline"), _SummaryPrinted()
    pipeline_log.addFilter(only_once)
    try:
        ensure_index(settings or get_settings())
    except IndexNotFoundError as exc:
        print(exc.message, flush=True)
        return False
    finally:
        pipeline_log.removeFilter(only_once)
    return True


def serve_command(
    host: Annotated[Optional[str], typer.Option("--host", help="监听地址（默认取 LABOR_HOST 或 127.0.0.1）；"
                                                               "局域网内其他设备访问用 0.0.0.0")] = None,
    port: Annotated[Optional[int], typer.Option("--port", help="端口（默认取 LABOR_PORT 或 8000）")] = None,
    api_only: Annotated[bool, typer.Option("--api-only", help="只启动 HTTP 接口，不加载网页（启动更快）")] = False,
) -> None:
    """启动网页和 HTTP 接口（/ui 为网页，/v1 为接口，/docs 为接口文档）。"""
    serve(host, port, with_ui=not api_only)

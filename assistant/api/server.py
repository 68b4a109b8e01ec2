"""One server for both front doors: uvicorn serving the API (``/v1``, docs at ``/docs``) with the web page at ``/ui``.

``serve(host, port)`` is what ``python app.py`` and ``labor serve`` run; host, port and log level default to the
settings (``LABOR_HOST``, ``LABOR_PORT``, ``LABOR_LOG_LEVEL``, environment or ``.env``).
"""

from __future__ import annotations

import logging
from typing import Annotated, Optional

import typer

from assistant.config import Settings, get_settings


def create_server_app(assistant=None, settings=None, *, api_settings=None, with_ui: bool = True, workers: int = 1):
    """The FastAPI app, with the Gradio page mounted at ``/ui`` unless ``with_ui`` is false; ``/`` redirects there.
    ``workers``: how many processes serve it (above 1, their rate limits count in the case database)."""
    from fastapi.responses import RedirectResponse

    from assistant.api.app import build_services, create_app

    services = build_services(assistant, settings, api_settings, workers=workers)
    app = create_app(services=services)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/" if with_ui else "/docs")

    if with_ui:
        from assistant.ui.app import mount_ui  # imports Gradio (seconds): only when the page is served

        app = mount_ui(app, services, path="/ui")
    return app


def serve(host: str | None = None, port: int | None = None, *, assistant=None, settings: Settings | None = None,
          with_ui: bool = True, workers: int = 1) -> None:
    """Start uvicorn (blocks until stopped with Ctrl-C): in this process, or with ``workers`` above 1 in that many
    processes over the same index and case database, each building its app from the settings (environment and
    .env), so ``assistant`` and ``settings`` objects cannot be handed to them."""
    import uvicorn

    if workers > 1 and (assistant is not None or settings is not None):
        raise ValueError("several workers build their app from the settings: pass neither assistant nor settings")
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
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    page = f"网页 http://{shown}:{port}/ui/　" if with_ui else ""
    if workers > 1:
        # The index is built above, once; the case database is migrated here, once, before the workers race to it.
        from assistant.cases.db import Database, database_url, migrate

        database = Database(database_url(settings))
        migrate(database)
        database.dispose()
        print(f"劳动维权助手已启动（{workers} 个进程）：{page}接口文档 http://{shown}:{port}/docs", flush=True)
        factory = "assistant.api.server:worker_app" if with_ui else "assistant.api.server:worker_api_app"
        uvicorn.run(factory, factory=True, workers=workers, host=host, port=port, log_level="warning",
                    access_log=False)
        return
    app = create_server_app(assistant, settings, with_ui=with_ui)
    print(f"劳动维权助手已启动：{page}接口文档 http://{shown}:{port}/docs", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


# uvicorn starts each worker process by importing this module and calling one of these factories; what differs
# between them (the page or not) is in the factory's name, so nothing passes through the environment.
def worker_app():
    """One of several worker processes: the web page and the API, the limits counted in the case database."""
    return _worker(with_ui=True)


def worker_api_app():
    """One of several worker processes, the API alone (``--api-only``)."""
    return _worker(with_ui=False)


def _worker(with_ui: bool):
    settings = get_settings()
    logging.basicConfig(level=settings.api.log_level.upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    quiet_libraries(settings.api.log_level)
    # above 1 is all a worker needs to know: its limits count in the database the others share
    return create_server_app(None, settings, with_ui=with_ui, workers=2)


# Libraries that set their own logger to DEBUG on import, whatever the application asks for, or log every step at
# INFO (alembic: a line per plugin and migration, in each worker process).
LOUD_LIBRARIES = ("bm25s", "alembic")


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
    workers: Annotated[int, typer.Option("--workers", min=1, help="服务进程数（默认 1）；多个进程共用同一份索引和案件库，"
                                                                  "限流按所有进程合计")] = 1,
) -> None:
    """启动网页和 HTTP 接口（/ui 为网页，/v1 为接口，/docs 为接口文档）。"""
    serve(host, port, with_ui=not api_only, workers=workers)

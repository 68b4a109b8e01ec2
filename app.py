"""Run the assistant: the HTTP API (``/v1``, docs at ``/docs``) and the web page (``/ui``) in one server.

    python app.py [--host 127.0.0.1] [--port 8000] [--api-only]      (same as: labor serve …)

Host and port default to the settings ``LABOR_HOST`` / ``LABOR_PORT`` (environment or ``.env``).
"""

from __future__ import annotations

import argparse

from assistant import _env  # noqa: F401  (offline environment before any third-party import)
from assistant.api.server import create_server_app, serve, serve_command

__all__ = ["create_server_app", "main", "serve", "serve_command"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="启动劳动维权助手（网页 /ui 与 HTTP 接口 /v1）")
    parser.add_argument("--host", default=None, help="监听地址（默认取 LABOR_HOST 或 127.0.0.1）")
    parser.add_argument("--port", type=int, default=None, help="端口（默认取 LABOR_PORT 或 8000）")
    parser.add_argument("--api-only", action="store_true", help="只启动 HTTP 接口，不加载网页")
    args = parser.parse_args(argv)
    serve(args.host, args.port, with_ui=not args.api_only)


if __name__ == "__main__":
    main()

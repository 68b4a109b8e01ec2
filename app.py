"""Run the assistant: the HTTP API (``/v1``, docs at ``/docs``) and the web page (``/ui``) in one server.

    python app.py [--host 127.0.0.1] [--port 8000]      (same as: labor serve --host 127.0.0.1 --port 8000)
"""

from __future__ import annotations

import argparse
import os

from assistant import _env  # noqa: F401  (offline environment before any third-party import)
from assistant.api.server import create_server_app, serve, serve_command

__all__ = ["create_server_app", "main", "serve", "serve_command"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="启动劳动维权助手（网页 /ui 与 HTTP 接口 /v1）")
    parser.add_argument("--host", default=os.environ.get("LABOR_HOST", "127.0.0.1"), help="监听地址")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LABOR_PORT", "8000")), help="端口")
    args = parser.parse_args(argv)
    serve(args.host, args.port)


if __name__ == "__main__":
    main()

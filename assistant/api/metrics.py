"""A small in-process metrics registry written out in the Prometheus text exposition format (version 0.0.4)."""

from __future__ import annotations

import threading
from collections import defaultdict

DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _labels(**labels: str) -> str:
    return "{" + ",".join(f'{k}="{_escape(str(v))}"' for k, v in labels.items()) + "}"


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: dict[tuple[str, str, str], int] = defaultdict(int)
        self._duration_buckets: dict[str, list[int]] = {}
        self._duration_sum: dict[str, float] = defaultdict(float)
        self._duration_count: dict[str, int] = defaultdict(int)
        self._in_flight = 0
        self._events: dict[tuple[str, str], int] = defaultdict(int)

    def in_flight(self, delta: int) -> None:
        with self._lock:
            self._in_flight += delta

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        with self._lock:
            self._requests[(method, route, str(status))] += 1
            buckets = self._duration_buckets.setdefault(route, [0] * len(DURATION_BUCKETS))
            for i, bound in enumerate(DURATION_BUCKETS):
                if seconds <= bound:
                    buckets[i] += 1
            self._duration_sum[route] += seconds
            self._duration_count[route] += 1

    def count(self, event: str, outcome: str = "ok") -> None:
        """Domain events: answers by mode, documents drafted, feedback received, ingests…"""
        with self._lock:
            self._events[(event, outcome)] += 1

    def render(self, gauges: dict[str, tuple[str, float]] | None = None) -> str:
        lines: list[str] = []
        with self._lock:
            lines += ["# HELP labor_http_requests_total HTTP requests by method, route template and status.",
                      "# TYPE labor_http_requests_total counter"]
            for (method, route, status), n in sorted(self._requests.items()):
                lines.append(f"labor_http_requests_total{_labels(method=method, route=route, status=status)} {n}")
            lines += ["# HELP labor_http_request_duration_seconds Time to the last response byte.",
                      "# TYPE labor_http_request_duration_seconds histogram"]
            for route, buckets in sorted(self._duration_buckets.items()):
                for bound, n in zip(DURATION_BUCKETS, buckets, strict=True):
                    lines.append(f"labor_http_request_duration_seconds_bucket{_labels(route=route, le=str(bound))} {n}")
                count = self._duration_count[route]
                lines.append(f"labor_http_request_duration_seconds_bucket{_labels(route=route, le='+Inf')} {count}")
                lines.append(f"labor_http_request_duration_seconds_sum{_labels(route=route)} "
                             f"{self._duration_sum[route]:.6f}")
                lines.append(f"labor_http_request_duration_seconds_count{_labels(route=route)} {count}")
            lines += ["# HELP labor_http_requests_in_flight Requests being served now.",
                      "# TYPE labor_http_requests_in_flight gauge", f"labor_http_requests_in_flight {self._in_flight}"]
            lines += ["# HELP labor_events_total Domain events (answers, drafts, feedback, ingests) by outcome.",
                      "# TYPE labor_events_total counter"]
            for (event, outcome), n in sorted(self._events.items()):
                lines.append(f"labor_events_total{_labels(event=event, outcome=outcome)} {n}")
        for name, (help_text, value) in (gauges or {}).items():
            lines += [f"# HELP {name} {help_text}", f"# TYPE {name} gauge", f"{name} {value}"]
        return "\n".join(lines) + "\n"

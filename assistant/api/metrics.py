"""Request and domain metrics, kept in a prometheus-client registry per app and written in its text format."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4  # the classic text format every scraper reads


class Metrics:
    """One registry per app, so two apps in one process (tests, an embedding app) never share counts."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("labor_http_requests", "HTTP requests by method, route template and status.",
                                ["method", "route", "status"], registry=self.registry)
        self.duration = Histogram("labor_http_request_duration_seconds", "Time to the last response byte.",
                                  ["route"], buckets=DURATION_BUCKETS, registry=self.registry)
        self.in_flight_gauge = Gauge("labor_http_requests_in_flight", "Requests being served now.",
                                     registry=self.registry)
        self.events = Counter("labor_events", "Domain events (answers, drafts, feedback, ingests) by outcome.",
                              ["event", "outcome"], registry=self.registry)
        self.review_requests_open = Gauge("labor_review_requests_open", "Human review requests not yet handled.",
                                          registry=self.registry)
        self.index_provisions = Gauge("labor_index_provisions", "Provisions in the loaded index.",
                                      registry=self.registry)
        # Read from the case database at each scrape, so every server process reports the same figures.
        self.case_reviews = Gauge("labor_case_reviews", "Human reviews (人工复核) of case answers, by state.",
                                  ["state"], registry=self.registry)
        self.case_review_turnaround = Gauge("labor_case_review_turnaround_hours",
                                            "Hours from a review request to the reviewer's decision.", ["stat"],
                                            registry=self.registry)

    def in_flight(self, delta: int) -> None:
        self.in_flight_gauge.inc(delta)

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method=method, route=route, status=str(status)).inc()
        self.duration.labels(route=route).observe(seconds)

    def count(self, event: str, outcome: str = "ok") -> None:
        """Domain events: answers by mode, documents drafted, feedback received, ingests…"""
        self.events.labels(event=event, outcome=outcome).inc()

    def set_review_stats(self, stats) -> None:
        """The case desk's ``ReviewStats``: how many were requested, are open, confirmed, corrected; turnaround."""
        for state in ("requested", "open", "confirmed", "corrected"):
            self.case_reviews.labels(state=state).set(getattr(stats, state))
        for stat in ("median", "mean"):
            hours = getattr(stats, f"{stat}_turnaround_hours")
            if hours is not None:
                self.case_review_turnaround.labels(stat=stat).set(hours)

    def render(self) -> bytes:
        return generate_latest(self.registry)

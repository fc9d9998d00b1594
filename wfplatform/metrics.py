"""Prometheus metrics: request counters from this process, job and queue gauges read from the database."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily

REGISTRY = CollectorRegistry()

REQUESTS = Counter("wfp_http_requests_total", "HTTP requests handled.", ["method", "status"], registry=REGISTRY)
LATENCY = Histogram(
    "wfp_http_request_duration_seconds", "Time spent handling HTTP requests.", ["method"], registry=REGISTRY
)


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        LATENCY.labels(request.method).observe(time.perf_counter() - started)
        REQUESTS.labels(request.method, str(response.status_code)).inc()
        return response


class JobCollector:
    """Reads job counts at scrape time, so every web process reports the same numbers."""

    def collect(self):
        from wfplatform.jobs.models import job_models
        from wfplatform.jobs.selectors import cluster_stats

        jobs = GaugeMetricFamily("wfp_jobs", "Jobs by app and status.", labels=["app", "model", "status"])
        for model in job_models():
            for row in model.objects.values("status").annotate(n=Count("pk")):
                jobs.add_metric([model._meta.app_label, model._meta.model_name, row["status"]], row["n"])
        yield jobs
        workers = GaugeMetricFamily("wfp_workers_alive", "Worker processes in running clusters.")
        workers.add_metric([], sum(len(stat.workers) for stat in cluster_stats()))
        yield workers


REGISTRY.register(JobCollector())

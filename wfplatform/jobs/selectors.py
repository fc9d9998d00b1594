from __future__ import annotations

from django.db.models import Count
from django_q.brokers import get_broker
from django_q.conf import Conf
from django_q.status import Stat

from wfplatform.jobs.models import JobStatus, job_models


def cluster_stats() -> list[Stat]:
    """Clusters that reported in within the last few seconds (django-q2 keeps these in the cache/broker)."""
    return [stat for stat in Stat.get_all(get_broker()) if stat.status != Conf.STOPPED]


def queue_status() -> dict:
    by_app: dict[str, dict[str, int]] = {}
    for model in job_models():
        counts = (
            model.objects.filter(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
            .values("status")
            .annotate(n=Count("pk"))
        )
        app = by_app.setdefault(model._meta.app_label, {"queued": 0, "running": 0})
        for row in counts:
            app[row["status"]] += row["n"]
    clusters = cluster_stats()
    broker = get_broker()
    return {
        "workers_alive": sum(len(stat.workers) for stat in clusters),
        "clusters": [
            {"id": str(stat.cluster_id), "host": stat.host, "status": str(stat.status), "workers": len(stat.workers)}
            for stat in clusters
        ],
        "running": sum(app["running"] for app in by_app.values()),
        "queued": sum(app["queued"] for app in by_app.values()),
        "by_app": by_app,
        "broker": {"name": type(broker).__name__, "pending_tasks": broker.queue_size()},
    }

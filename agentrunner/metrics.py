"""Agent metrics for GET /metrics, read from the database at scrape time.

Jobs run on workers (other processes, other machines), so counters kept in the web process would
miss them; the job rows hold everything (status, intent, time, tokens, cache hits), and one query
per family turns them into the same numbers on every web process.
"""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily

# Seconds; agent jobs take from milliseconds (built-in path) to a minute (several model turns).
LATENCY_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)


class AgentCollector:
    def collect(self):
        from agentrunner.models import AgentJob

        jobs = GaugeMetricFamily(
            "wfp_agent_jobs", "Agent jobs by status, intent and who decided.", labels=["status", "intent", "decided_by"]
        )
        for row in AgentJob.objects.values("status", "intent", "decided_by").annotate(n=Count("pk")):
            jobs.add_metric([row["status"], row["intent"] or "undecided", row["decided_by"] or "none"], row["n"])
        yield jobs
        yield self._latency(AgentJob)
        totals = AgentJob.objects.aggregate(tokens=Sum("tokens_used"), hits=Count("pk", filter=Q(cache_hit=True)))
        tokens = CounterMetricFamily("wfp_agent_tokens", "LLM tokens (input and output) used by agent jobs.")
        tokens.add_metric([], totals["tokens"] or 0)
        yield tokens
        hits = CounterMetricFamily("wfp_agent_cache_hits", "Agent jobs whose model calls read the prompt cache.")
        hits.add_metric([], totals["hits"])
        yield hits

    @staticmethod
    def _latency(model) -> HistogramMetricFamily:
        timed = model.objects.filter(execution_time_ms__isnull=False)
        counts = {
            f"b{i}": Count("pk", filter=Q(execution_time_ms__lte=b * 1000)) for i, b in enumerate(LATENCY_BUCKETS)
        }
        row = timed.aggregate(total=Sum("execution_time_ms"), n=Count("pk"), **counts)
        buckets = [(str(bound), row[f"b{i}"]) for i, bound in enumerate(LATENCY_BUCKETS)]
        buckets.append(("+Inf", row["n"]))
        histogram = HistogramMetricFamily(
            "wfp_agent_job_duration_seconds", "Time agent jobs took, from deciding to the stored result."
        )
        histogram.add_metric([], buckets, sum_value=(row["total"] or 0) / 1000)
        return histogram

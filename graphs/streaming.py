"""Live run events for WebSocket and Server-Sent Events clients.

Events are rows (RunEvent) written by whichever worker runs the run, so a stream reads the rows
after the last id it sent. That works whatever process or machine the worker is on, and a client
that reconnects with its last id misses nothing. With REDIS_URL set, the worker also publishes a
message on the run's Redis channel after each write, which wakes its streams at once; without
Redis (one machine, SQLite) a stream reads every WFP_STREAM_POLL_MS.

A stream ends when the run has ended (succeeded, failed, cancelled) and every event is sent; a
paused run keeps its streams open, since a resume continues it. No stream outlives
WFP_STREAM_MAX_SECONDS: the client reconnects from its last id.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings

from graphs.models import Run, RunEvent
from graphs.selectors import event_dicts
from graphs.wakeups import Wakeup
from wfplatform.jobs.models import JobStatus

ENDED = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED})
BATCH = 200
HEARTBEAT_SECONDS = 15.0


@database_sync_to_async
def _read(run_id: Any, after: int) -> tuple[str | None, str, list[dict[str, Any]]]:
    # The status first: a run seen ended here wrote all its events before, so the read below
    # gets every one of them.
    run = Run.objects.filter(pk=run_id).values("status", "error").first()
    if run is None:
        return None, "", []
    rows = list(RunEvent.objects.filter(run_id=run_id, id__gt=after).order_by("id")[:BATCH])
    return run["status"], run["error"] or "", event_dicts(run_id, rows)


async def run_stream(run_id: Any, after: int = 0) -> AsyncIterator[dict[str, Any] | None]:
    """The run's events after `after`, as they come; None now and then while nothing happens
    (for keep-alives); last, a `stream_end` item with the run's status."""
    poll = settings.WFP_STREAM_POLL_MS / 1000
    started = quiet_since = time.monotonic()
    async with Wakeup(run_id) as wakeup:
        while True:
            status, error, events = await _read(run_id, after)
            for event in events:
                yield event
            if events:
                after, quiet_since = events[-1]["id"], time.monotonic()
                if len(events) == BATCH:
                    continue
            reason = None
            if status is None:
                reason = "the run was deleted"
            elif status in ENDED:
                reason = "the run has ended"
            elif time.monotonic() - started >= settings.WFP_STREAM_MAX_SECONDS:
                reason = "time limit: reconnect with the last event id"
            if reason is not None:
                yield {"kind": "stream_end", "status": status, "error": error, "last_id": after, "reason": reason}
                return
            if time.monotonic() - quiet_since >= HEARTBEAT_SECONDS:
                quiet_since = time.monotonic()
                yield None
            await wakeup.wait(poll)

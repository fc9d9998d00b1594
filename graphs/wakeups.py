"""Wake-ups for live streams: a worker says "run X has new events", a stream waiting on X wakes.

Over Redis pub/sub when REDIS_URL is set, so it reaches streams in any process on any machine.
Without Redis there is no message: streams read the database every WFP_STREAM_POLL_MS instead.
A lost message costs at most one poll interval, never an event (events are rows).
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

import redis
import redis.asyncio
from django.conf import settings

logger = logging.getLogger(__name__)


def run_channel(run_id: Any) -> str:
    return f"wfp:graphs:run:{run_id}"


# --- the worker's side ----------------------------------------------------------------------------
_publisher: tuple[int, redis.Redis] | None = None


def _redis() -> redis.Redis | None:
    """One client per process (workers fork), made on first use."""
    global _publisher
    if not settings.REDIS_URL:
        return None
    if _publisher is None or _publisher[0] != os.getpid():
        _publisher = (os.getpid(), redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2))
    return _publisher[1]


def notify_run(run_id: Any) -> None:
    """Tell the run's streams that it has new events. Best effort: streams poll anyway."""
    client = _redis()
    if client is None:
        return
    try:
        client.publish(run_channel(run_id), b"1")
    except redis.RedisError as exc:
        logger.warning("could not wake the streams of run %s (%s); they poll instead", run_id, exc)


# --- a stream's side ------------------------------------------------------------------------------
class Wakeup:
    """Waits for the worker's message on the run's channel, or for the poll interval, whichever is first."""

    def __init__(self, run_id: Any):
        self.channel = run_channel(run_id)
        self.client: redis.asyncio.Redis | None = None
        self.pubsub: Any = None

    async def __aenter__(self) -> Wakeup:
        if settings.REDIS_URL:
            try:
                self.client = redis.asyncio.Redis.from_url(settings.REDIS_URL, socket_timeout=5)
                self.pubsub = self.client.pubsub(ignore_subscribe_messages=True)
                await self.pubsub.subscribe(self.channel)
            except (redis.RedisError, OSError) as exc:
                logger.warning("live wake-ups unavailable (%s); the stream polls", exc)
                await self._close()
        return self

    async def __aexit__(self, *exc_info: Any) -> None:
        await self._close()

    async def _close(self) -> None:
        pubsub, client, self.pubsub, self.client = self.pubsub, self.client, None, None
        try:
            if pubsub is not None:
                await pubsub.aclose()
            if client is not None:
                await client.aclose()
        except (redis.RedisError, OSError):
            pass

    async def wait(self, timeout: float) -> None:
        if self.pubsub is None:
            await asyncio.sleep(timeout)
            return
        try:
            await self.pubsub.get_message(timeout=timeout)
        except (redis.RedisError, OSError) as exc:
            logger.warning("live wake-ups lost (%s); the stream polls", exc)
            await self._close()
            await asyncio.sleep(timeout)

"""A process-wide requests-per-minute limit on calls to an LLM provider.

CrewAI's own `max_rpm` counts per agent or crew and, once reached, sleeps until a fixed minute
ends; two jobs in one worker would each get the full budget. This limiter is shared by every LLM
object of the process for a provider, slides its window, and counts each HTTP attempt (retries
included, since providers count those too). It sits in the HTTP transport (a CrewAI interceptor),
so it holds for the sync and async clients of both SDKs alike.

Each worker process has its own: with N django-q workers the deployment may send up to
N x WFP_LLM_RPM requests a minute. The SDKs' retries on 429 (honouring Retry-After) remain the
backstop when the provider's own limit is lower.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

WINDOW_S = 60.0


@dataclass(frozen=True)
class RateLimitUsage:
    """A limiter's state at one moment: what it sent in the window ending now and what waits for a slot."""

    limit: int  # requests allowed in any window
    window_s: float
    requests_in_window: int  # slots granted in (now - window_s, now]: requests already sent
    waiting: int  # slots granted after now: callers sleeping until their turn
    next_slot_in: float  # seconds a request reserved now would wait; 0 when one is free


class RateLimiter:
    """At most `rpm` requests in any `window_s`; callers reserve a slot and wait for it."""

    def __init__(self, rpm: int, *, window_s: float | None = None, clock: Callable[[], float] = time.monotonic):
        if rpm < 1:
            raise ValueError("rpm must be at least 1")
        self.rpm = rpm
        self.window_s = WINDOW_S if window_s is None else window_s
        self._clock = clock
        self._slots: deque[float] = deque()  # times granted, in order (some may lie in the future)
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Take the next free slot; returns how many seconds to wait before sending."""
        with self._lock:
            now = self._clock()
            while self._slots and self._slots[0] <= now - self.window_s:
                self._slots.popleft()
            slot = now if len(self._slots) < self.rpm else self._slots[-self.rpm] + self.window_s
            slot = max(slot, now)
            self._slots.append(slot)
            return slot - now

    def usage(self) -> RateLimitUsage:
        """What the limiter has granted, read under its lock without reserving anything."""
        with self._lock:
            now = self._clock()
            live = [at for at in self._slots if at > now - self.window_s]
        next_slot = now if len(live) < self.rpm else max(live[-self.rpm] + self.window_s, now)
        return RateLimitUsage(
            limit=self.rpm,
            window_s=self.window_s,
            requests_in_window=sum(1 for at in live if at <= now),
            waiting=sum(1 for at in live if at > now),
            next_slot_in=next_slot - now,
        )

    def acquire(self, sleep: Callable[[float], None] = time.sleep) -> float:
        wait = self.reserve()
        if wait > 0:
            sleep(wait)
        return wait


_limiters: dict[tuple[str, int], RateLimiter] = {}
_registry_lock = threading.Lock()


def limiter_for(provider: str, rpm: int) -> RateLimiter | None:
    """The process's limiter for a provider at this rate; None when rpm is 0 (no limit)."""
    if rpm <= 0:
        return None
    with _registry_lock:
        return _limiters.setdefault((provider, rpm), RateLimiter(rpm))

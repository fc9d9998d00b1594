"""The sliding-window limiter, on a fake clock."""

from __future__ import annotations

import threading

import pytest

from wfplatform.llm.ratelimit import RateLimiter, RateLimitUsage, limiter_for


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_requests_within_the_rate_go_at_once():
    limiter = RateLimiter(3, window_s=60, clock=Clock())

    assert [limiter.reserve() for _ in range(3)] == [0, 0, 0]


def test_a_request_past_the_rate_waits_until_the_oldest_leaves_the_window():
    clock = Clock()
    limiter = RateLimiter(2, window_s=60, clock=clock)
    limiter.reserve()
    clock.now += 10
    limiter.reserve()
    clock.now += 5

    assert limiter.reserve() == pytest.approx(45)  # the first left the window at +60
    assert limiter.reserve() == pytest.approx(55)  # the second at +70


def test_slots_free_up_as_time_passes():
    clock = Clock()
    limiter = RateLimiter(1, window_s=60, clock=clock)
    limiter.reserve()
    clock.now += 61

    assert limiter.reserve() == 0


def test_acquire_sleeps_for_its_wait():
    clock = Clock()
    slept: list[float] = []
    limiter = RateLimiter(1, window_s=30, clock=clock)

    limiter.acquire(sleep=slept.append)
    limiter.acquire(sleep=slept.append)

    assert slept == [pytest.approx(30)]


def test_concurrent_callers_never_share_a_slot():
    clock = Clock()
    limiter = RateLimiter(5, window_s=60, clock=clock)
    waits: list[float] = []

    def take():
        waits.append(limiter.reserve())

    threads = [threading.Thread(target=take) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(waits) == [0] * 5 + [60] * 5 + [120] * 5 + [180] * 5


def test_usage_of_an_unused_limiter_has_a_free_slot_now():
    limiter = RateLimiter(3, window_s=60, clock=Clock())

    assert limiter.usage() == RateLimitUsage(limit=3, window_s=60, requests_in_window=0, waiting=0, next_slot_in=0)


def test_usage_counts_sent_and_waiting_requests_and_when_the_next_slot_frees():
    clock = Clock()
    limiter = RateLimiter(2, window_s=60, clock=clock)
    limiter.reserve()
    clock.now += 10
    limiter.reserve()
    clock.now += 5
    limiter.reserve()  # waits 45 s: a slot in the future

    usage = limiter.usage()

    assert (usage.requests_in_window, usage.waiting) == (2, 1)
    assert usage.next_slot_in == pytest.approx(55)  # the second request leaves the window at +70
    assert limiter.reserve() == pytest.approx(usage.next_slot_in)


def test_usage_forgets_requests_that_left_the_window_and_reserves_nothing():
    clock = Clock()
    limiter = RateLimiter(1, window_s=60, clock=clock)
    limiter.reserve()
    clock.now += 30
    assert (limiter.usage().requests_in_window, limiter.usage().next_slot_in) == (1, pytest.approx(30))
    clock.now += 31

    assert limiter.usage() == RateLimitUsage(limit=1, window_s=60, requests_in_window=0, waiting=0, next_slot_in=0)
    assert limiter.reserve() == 0


def test_the_process_has_one_limiter_per_provider_and_rate():
    assert limiter_for("openai", 0) is None
    assert limiter_for("openai", 50) is limiter_for("openai", 50)
    assert limiter_for("openai", 50) is not limiter_for("anthropic", 50)


def test_a_rate_below_one_is_refused():
    with pytest.raises(ValueError):
        RateLimiter(0)

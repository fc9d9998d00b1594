from __future__ import annotations

import pytest

from tests.jobsapp.models import SleepJob


@pytest.fixture
def make_job(user):
    def make(**fields) -> SleepJob:
        return SleepJob.objects.create(owner=user, **fields)

    return make

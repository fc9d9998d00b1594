"""A fake Sources (no network, no storage) and a small flights table shared by the pipeline tests."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pytest

from agentrunner.pipeline import HttpRequest, HttpResponse, PipelineError


@dataclass
class FakeSources:
    """Answers fetches from a dict of url -> HttpResponse and records every request it was given."""

    responses: dict[str, HttpResponse] = field(default_factory=dict)
    artifacts: dict[str, pd.DataFrame] = field(default_factory=dict)
    previous_results: list[Any] = field(default_factory=list)
    requests: list[HttpRequest] = field(default_factory=list)

    def fetch(self, request: HttpRequest) -> HttpResponse:
        self.requests.append(request)
        if request.url not in self.responses:
            raise PipelineError(f"The address {request.url} was refused.", {"url": request.url})
        return self.responses[request.url]

    def artifact(self, ref: str) -> pd.DataFrame:
        if ref not in self.artifacts:
            raise PipelineError(f"There is no artifact {ref}.", {"artifact": ref})
        return self.artifacts[ref]

    def answer_json(self, url: str, value: Any, content_type: str = "application/json; charset=utf-8") -> None:
        self.responses[url] = HttpResponse(200, content_type, json.dumps(value).encode())

    def answer(self, url: str, body: bytes, content_type: str = "text/plain", status: int = 200) -> None:
        self.responses[url] = HttpResponse(status, content_type, body)


@pytest.fixture
def sources() -> FakeSources:
    return FakeSources()


@pytest.fixture
def flights() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3, 4, 5, 6],
            "origin": ["JFK", "LAX", "SFO", "LAX", None, "JFK"],
            "carrier": ["AA", "DL", "AA", "UA", "DL", "AA"],
            "price": [120.0, 80.5, np.nan, 300.0, 95.0, 120.0],
            "duration": [300, 90, 75, 330, 60, 300],
            "date": pd.to_datetime(["2024-01-05", "2024-02-10", "2024-02-11", None, "2023-12-31", "2024-01-05"]),
        }
    )

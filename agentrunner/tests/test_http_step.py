"""A pipeline's http_request step through the platform's address guard, size cap and error messages."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler

import pytest

from agentrunner.models import AgentJob
from agentrunner.tasks import run_agent_job
from wfplatform.llm.testing import Reply
from wfplatform.loopback import LoopbackServer

pytestmark = pytest.mark.django_db

FLIGHTS_JSON = {"data": {"items": [{"id": 1, "price": 320}, {"id": 2, "price": 99}, {"id": 3, "price": 150}]}}


class Api(BaseHTTPRequestHandler):
    posted: list = []

    def do_GET(self) -> None:  # noqa: N802
        if self.path == "/flights.csv":
            self._send(b"id,price\n1,320\n2,99\n", "text/csv")
        elif self.path == "/big":
            self._send(b"x" * 5000, "text/plain")
        else:
            self._send(json.dumps(FLIGHTS_JSON).encode(), "application/json")

    def do_POST(self) -> None:  # noqa: N802
        Api.posted.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self._send(json.dumps([{"ok": 1}]).encode(), "application/json")

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def api_url():
    Api.posted = []
    server = LoopbackServer(Api, name="http-step-api").start()
    yield server.url
    server.stop()


@pytest.fixture
def loopback_allowed(settings):
    settings.WFP_FILE_ALLOW_HTTP = True
    settings.WFP_FILE_ALLOWED_NETWORKS = ["127.0.0.1/32"]


def chat(client, steps, fake_llm):
    fake_llm.reply(Reply(tool_calls=[{"name": "execute_pipeline", "arguments": {"steps": steps}}]))
    answer = client.post("/test/chat", {"prompt": "fetch the flights"}, format="json")
    return answer.status_code, answer.json()


def test_a_json_api_is_fetched_and_its_records_become_the_table(api_client, fake_llm, api_url, loopback_allowed):
    steps = [
        {"op": "http_request", "url": f"{api_url}/flights", "records_path": "data.items"},
        {"op": "top_k", "k": 2, "by": "price", "descending": False},
    ]
    status, body = chat(api_client, steps, fake_llm)
    assert status == 200, body
    assert body["result_preview"]["rows"] == [[2, 99], [3, 150]]


def test_a_csv_answer_is_read_as_csv(api_client, fake_llm, api_url, loopback_allowed):
    status, body = chat(api_client, [{"op": "http_request", "url": f"{api_url}/flights.csv"}], fake_llm)
    assert status == 200, body
    assert body["result_preview"]["columns"] == ["id", "price"]


def test_a_post_sends_its_json_body(api_client, fake_llm, api_url, loopback_allowed):
    steps = [{"op": "http_request", "url": f"{api_url}/search", "method": "POST", "body": {"q": "NYC"}}]
    status, body = chat(api_client, steps, fake_llm)
    assert status == 200, body
    assert Api.posted == [{"q": "NYC"}]


def test_private_addresses_are_refused_by_the_guard(api_client, fake_llm, api_url, settings):
    settings.WFP_FILE_ALLOW_HTTP = True  # the scheme is allowed; the address is not
    fake_llm.reply(*[_fetch(f"{api_url}/flights")] * 3)
    answer = api_client.post("/test/chat", {"prompt": "fetch the flights"}, format="json")
    assert answer.status_code == 422
    assert "127.0.0.1" in answer.json()["error"]["message"]
    assert AgentJob.objects.get().error_code == "pipeline_invalid"


def test_an_answer_over_the_size_cap_is_refused(api_client, fake_llm, api_url, loopback_allowed):
    fake_llm.reply(*[_fetch(f"{api_url}/big", max_bytes=1000)] * 3)
    answer = api_client.post("/test/chat", {"prompt": "fetch it"}, format="json")
    assert answer.status_code == 422
    assert "1000 bytes" in answer.json()["error"]["message"]


def _fetch(url: str, **extra):
    steps = [{"op": "http_request", "url": url, **extra}]
    return Reply(tool_calls=[{"name": "execute_pipeline", "arguments": {"steps": steps}}])


def test_the_built_in_parser_fetches_a_url_in_the_prompt(api_client, api_url, loopback_allowed):
    prompt = f"show me the top 1 by price from {api_url}/flights.csv"
    answer = api_client.post("/api/agent/jobs", {"prompt": prompt}, format="json")
    assert run_agent_job(answer.json()["job_id"]) == "succeeded"
    assert AgentJob.objects.get().result_preview["rows"] == [[1, 320]]

"""The seed's status endpoints: catalog health, rate limiting, the AI client."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest
from django.core.cache import cache
from rest_framework.throttling import UserRateThrottle

from catalog import status as checks
from catalog.models import Tool, Toolkit, ToolkitCategory
from wfplatform.llm import make_llm, ratelimit, sdk_retries_only
from wfplatform.llm.testing import PROVIDER_ENV, TEST_KEY
from wfplatform.loopback import LoopbackServer, send_json

pytestmark = pytest.mark.django_db

SECRET = "sk-status-secret-0123456789"


# --- GET /api/integrations/health ------------------------------------------------------------------------


def test_an_empty_catalog_is_degraded_and_says_how_to_load_it(client, settings):
    settings.COMPOSIO_API_KEY = None

    answer = client.get("/api/integrations/health")

    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "degraded"
    assert body["catalog_empty"] is True
    assert (body["toolkits"], body["tools"], body["categories"], body["last_synced_at"]) == (0, 0, 0, None)
    assert body["composio_configured"] is False
    assert "manage.py load_catalog" in body["hints"][0]


def test_a_loaded_catalog_is_ok_with_its_counts_and_last_sync(client, settings):
    settings.COMPOSIO_API_KEY = SECRET
    category = ToolkitCategory.objects.create(slug="dev", name="Dev")
    github = Toolkit.objects.create(slug="github", name="GitHub", last_synced_at=datetime(2025, 3, 1, tzinfo=UTC))
    github.categories.add(category)
    Toolkit.objects.create(slug="slack", name="Slack")
    Tool.objects.create(slug="GITHUB_X", name="x", toolkit=github, last_synced_at=datetime(2025, 3, 2, tzinfo=UTC))

    answer = client.get("/api/integrations/health")

    body = answer.json()
    assert answer.status_code == 200
    assert body["status"] == "ok"
    assert (body["toolkits"], body["tools"], body["categories"]) == (2, 1, 1)
    assert body["last_synced_at"] == "2025-03-02T00:00:00Z"
    assert body["composio_configured"] is True
    assert body["hints"] == []
    assert SECRET not in answer.content.decode()


def test_health_is_not_taken_for_a_provider_named_health(api_client):
    Toolkit.objects.create(slug="github", name="GitHub")

    body = api_client.get("/api/integrations/health").json()

    assert body["status"] == "ok"
    assert "tools" in body and "slug" not in body
    assert api_client.get("/api/integrations/github").json()["slug"] == "github"


# --- GET /api/integrations/rate-limiting/status ----------------------------------------------------------


def test_rate_limiting_reports_the_callers_requests_in_the_window(api_client, api_client_for, user, other_user):
    # With Redis as the cache (CI's second run) a throttle's history outlives the test, and user ids repeat.
    cache.delete(UserRateThrottle.cache_format % {"scope": "user", "ident": user.pk})
    for _ in range(3):
        api_client.get("/api/integrations")
    api_client_for(other_user).get("/api/integrations")  # someone else's: not counted for alice

    answer = api_client.get("/api/integrations/rate-limiting/status")

    assert answer.status_code == 200
    throttles = {item["scope"]: item for item in answer.json()["throttles"]}
    user = throttles["user"]
    assert user["rate"] == "100000/min"  # the test settings' WFP_THROTTLE_USER
    assert (user["applies"], user["limit"], user["used"]) == (True, 100000, 4)  # this request counts too
    assert user["remaining"] == 100000 - 4
    assert 55 < user["reset_in"] <= 60
    assert throttles["anon"]["applies"] is False and throttles["anon"]["used"] == 0


def test_rate_limiting_counts_only_requests_inside_the_window(api_client, user):
    key = UserRateThrottle.cache_format % {"scope": "user", "ident": user.pk}
    now = time.time()
    cache.set(key, [now - 10, now - 30, now - 90], 120)  # newest first, as DRF keeps them; one has expired

    throttles = api_client.get("/api/integrations/rate-limiting/status").json()["throttles"]

    user_scope = next(item for item in throttles if item["scope"] == "user")

    assert user_scope["used"] == 3  # the two in the last minute, and this request
    assert 25 < user_scope["reset_in"] <= 30  # when the one from 30 s ago leaves the window


def test_rate_limiting_reports_the_llm_limit_and_this_processs_use(api_client, fake_llm, settings, monkeypatch):
    monkeypatch.setattr(ratelimit, "_limiters", {})
    settings.WFP_LLM_RPM = 30
    fake_llm.reply("hello", "again")
    llm = make_llm()
    with sdk_retries_only():
        llm.call("Say hello.")
        llm.call("Say it again.")

    llm_status = api_client.get("/api/integrations/rate-limiting/status").json()["llm"]

    assert llm_status["active_provider"] == "openai"
    assert llm_status["rpm_limit"] == 30
    assert llm_status["providers"]["openai"] == {
        "name": "OpenAI",
        "configured": True,
        "limited": True,
        "requests_last_window": 2,
        "waiting": 0,
        "window_seconds": 60.0,
    }
    assert llm_status["providers"]["anthropic"]["requests_last_window"] == 0


def test_without_an_llm_rate_there_is_no_limiter_to_report(api_client, settings):
    settings.WFP_LLM_RPM = 0
    settings.OPENAI_API_KEY = settings.ANTHROPIC_API_KEY = None

    llm_status = api_client.get("/api/integrations/rate-limiting/status").json()["llm"]

    assert (llm_status["active_provider"], llm_status["rpm_limit"]) == (None, None)
    assert llm_status["providers"]["openai"]["limited"] is False
    assert llm_status["providers"]["openai"]["requests_last_window"] is None


def test_rate_limiting_status_needs_a_key(client):
    answer = client.get("/api/integrations/rate-limiting/status")
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "not_authenticated"


# --- GET /api/integrations/ai-client/status --------------------------------------------------------------


class ModelsServer(LoopbackServer):
    """A local stand-in for the providers' GET /v1/models, in OpenAI's and Anthropic's shapes."""

    def __init__(self) -> None:
        super().__init__(_models_handler(self), name="models")
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        self.delay_s = 0.0

    def answer(self, path: str, headers: dict[str, str]) -> tuple[int, dict]:
        self.requests.append({"path": path, "headers": headers})
        time.sleep(self.delay_s)
        if self.status != 200:
            return self.status, {"error": {"message": f"bad key {headers.get('x-api-key', '')}"}}
        if "anthropic-version" in headers:
            model = {"type": "model", "id": "claude-x", "display_name": "Claude", "created_at": "2025-09-29T00:00:00Z"}
            return 200, {"data": [model], "has_more": True, "first_id": model["id"], "last_id": model["id"]}
        models = [{"id": name, "object": "model", "created": 0, "owned_by": "x"} for name in ("gpt-4o-mini", "o3")]
        return 200, {"object": "list", "data": models}


def _models_handler(server: ModelsServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            status, body = server.answer(self.path, {k.lower(): v for k, v in self.headers.items()})
            send_json(self, status, body)

    return Handler


@pytest.fixture
def models_server(settings, monkeypatch) -> Iterator[ModelsServer]:
    for name in PROVIDER_ENV:
        monkeypatch.delenv(name, raising=False)
    server = ModelsServer().start()
    settings.WFP_LLM_PROVIDER = None
    yield server
    server.stop()


def use_openai(settings, base_url: str, model: str = "gpt-4o-mini") -> None:
    settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.OPENAI_MODEL = SECRET, base_url, model
    settings.ANTHROPIC_API_KEY = None


def use_anthropic(settings, base_url: str) -> None:
    settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL, settings.ANTHROPIC_MODEL = SECRET, base_url, "claude-x"
    settings.OPENAI_API_KEY = None


def test_without_a_key_the_ai_client_is_not_configured(api_client, settings):
    settings.OPENAI_API_KEY = settings.ANTHROPIC_API_KEY = settings.GROQ_API_KEY = settings.WFP_LLM_PROVIDER = None

    answer = api_client.get("/api/integrations/ai-client/status")

    assert answer.status_code == 200
    body = answer.json()
    assert (body["configured"], body["active_provider"], body["model"], body["check"]) == (False, None, None, None)
    assert body["providers"]["openai"]["configured"] is False
    assert body["providers"]["anthropic"]["configured"] is False
    assert body["providers"]["groq"] == {"name": "Groq", "configured": False, "model": settings.GROQ_MODEL,
                                         "active": False}  # fmt: skip
    assert body["suggestions_provider"] is None


def test_groq_is_checked_over_the_openai_protocol_and_anthropic_writes_suggestions(api_client, settings, models_server):
    settings.OPENAI_API_KEY = None
    settings.GROQ_API_KEY, settings.GROQ_BASE_URL = SECRET, f"{models_server.url}/v1"
    settings.GROQ_MODEL = "gpt-4o-mini"  # a model the local server lists
    settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL = SECRET, f"{models_server.url}/v1"

    body = api_client.get("/api/integrations/ai-client/status").json()

    assert (body["active_provider"], body["suggestions_provider"]) == ("anthropic", "anthropic")
    settings.ANTHROPIC_API_KEY = None
    body = api_client.get("/api/integrations/ai-client/status").json()
    assert (body["active_provider"], body["suggestions_provider"]) == ("groq", "groq")
    assert body["providers"]["groq"]["active"] is True
    assert (body["check"]["ok"], body["check"]["model_listed"]) == (True, True)  # its models list, OpenAI-style


def test_a_configured_openai_answers_and_the_answer_is_cached_for_a_minute(api_client, settings, models_server):
    use_openai(settings, f"{models_server.url}/v1")

    first = api_client.get("/api/integrations/ai-client/status")
    second = api_client.get("/api/integrations/ai-client/status").json()

    body = first.json()
    assert first.status_code == 200
    assert (body["configured"], body["active_provider"], body["model"]) == (True, "openai", "gpt-4o-mini")
    assert body["providers"]["openai"] == {"name": "OpenAI", "configured": True, "model": "gpt-4o-mini", "active": True}
    assert body["providers"]["anthropic"]["active"] is False
    check = body["check"]
    assert (check["ok"], check["error"], check["model_listed"], check["cached"]) == (True, None, True, False)
    assert second["check"]["cached"] is True and second["check"]["checked_at"] == check["checked_at"]
    assert [request["path"] for request in models_server.requests] == ["/v1/models"]  # once, not twice
    assert models_server.requests[0]["headers"]["authorization"] == f"Bearer {SECRET}"
    assert SECRET not in first.content.decode()


def test_a_model_the_server_does_not_list_is_reported(api_client, settings, models_server):
    use_openai(settings, f"{models_server.url}/v1", model="gpt-unknown")

    check = api_client.get("/api/integrations/ai-client/status").json()["check"]

    assert (check["ok"], check["model_listed"]) == (True, False)


def test_a_configured_anthropic_answers_a_one_model_page(api_client, settings, models_server):
    use_anthropic(settings, models_server.url)

    body = api_client.get("/api/integrations/ai-client/status").json()

    assert (body["active_provider"], body["model"]) == ("anthropic", "claude-x")
    assert (body["check"]["ok"], body["check"]["model_listed"]) == (True, None)
    assert [request["path"] for request in models_server.requests] == ["/v1/models?limit=1"]
    assert models_server.requests[0]["headers"]["x-api-key"] == SECRET


def test_a_refused_key_is_reported_without_the_key(api_client, settings, models_server):
    use_anthropic(settings, models_server.url)
    models_server.status = 401  # and the server's message quotes the key

    answer = api_client.get("/api/integrations/ai-client/status")

    check = answer.json()["check"]
    assert answer.status_code == 200
    assert (check["ok"], check["error"]) == (False, "the Anthropic API refused the key (401)")
    assert SECRET not in answer.content.decode()
    assert len(models_server.requests) == 1  # no retries


def test_the_fake_llm_server_serves_no_model_list_so_the_check_fails(api_client, fake_llm):
    answer = api_client.get("/api/integrations/ai-client/status")

    check = answer.json()["check"]
    assert check["ok"] is False
    assert check["error"] == "the OpenAI API failed with status 501 (retries are off)"  # GET is not implemented
    assert TEST_KEY not in answer.content.decode()


def test_an_unreachable_provider_is_reported(api_client, settings, models_server):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free once closed: nothing listens there
    use_openai(settings, f"http://127.0.0.1:{port}/v1")

    check = api_client.get("/api/integrations/ai-client/status").json()["check"]

    assert (check["ok"], check["error"]) == (False, f"could not reach the OpenAI API at 127.0.0.1:{port}")


def test_a_slow_provider_times_out_after_the_short_limit(api_client, settings, models_server, monkeypatch):
    monkeypatch.setattr(checks, "LIVE_CHECK_TIMEOUT_S", 0.2)
    models_server.delay_s = 1.0
    use_openai(settings, f"{models_server.url}/v1")

    started = time.monotonic()
    check = api_client.get("/api/integrations/ai-client/status").json()["check"]

    assert time.monotonic() - started < 1.0
    assert (check["ok"], check["error"]) == (False, "the OpenAI API did not answer within 0.2 s")


def test_ai_client_status_needs_a_key(client):
    assert client.get("/api/integrations/ai-client/status").status_code == 401

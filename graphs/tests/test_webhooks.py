"""Webhooks (/api/v1/webhooks/, POST /api/hooks/{token}): a secret URL whose every call starts a normal run."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from io import StringIO

import pytest
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from graphs.models import Graph, Run, Webhook
from graphs.services import graph_create
from graphs.tests.api.test_rest import COUNTER
from graphs.webhooks import signature_of, token_digest
from wfplatform.jobs.models import JobStatus
from wfplatform.logfilters import URLSecretsFilter, redact_url_secrets

pytestmark = pytest.mark.django_db

WEBHOOKS = "/api/v1/webhooks/"


@pytest.fixture
def graph(user) -> Graph:
    return graph_create(owner=user, definition=COUNTER)


@pytest.fixture
def sender() -> APIClient:
    """Anyone on the internet: no API key, no session."""
    return APIClient()


def create(client, graph: Graph, **fields):
    return client.post(WEBHOOKS, {"graph_id": str(graph.pk), **fields}, format="json")


def hook_path(url: str) -> str:
    return url[url.index("/api/hooks/") :]


def test_creating_a_webhook_shows_its_url_once_and_keeps_only_a_digest(api_client, graph):
    answer = create(api_client, graph, name="from github", initial_state={"count": 1})

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["url"].startswith("http://testserver/api/hooks/")
    token = hook_path(body["url"]).removeprefix("/api/hooks/")
    assert len(token) >= 40 and body["token_prefix"] == token[:8]
    webhook = Webhook.objects.get(pk=body["id"])
    assert webhook.token_digest == token_digest(token) and token not in str(Webhook.objects.values().get())
    assert (body["graph_id"], body["name"], body["enabled"], body["runs_started"]) == (str(graph.pk), "from github",
                                                                                        True, 0)  # fmt: skip
    listed = api_client.get(WEBHOOKS).json()["results"]
    assert [item["id"] for item in listed] == [body["id"]] and "url" not in listed[0]
    assert "url" not in api_client.get(f"{WEBHOOKS}{body['id']}/").json()


def test_a_call_starts_a_run_with_the_request_in_its_state(api_client, sender, graph):
    url = create(api_client, graph, initial_state={"count": 1}).json()["url"]

    answer = sender.post(
        f"{hook_path(url)}?source=ci&tag=a&tag=b",
        {"action": "opened", "issue": {"number": 7}},
        format="json",
        HTTP_X_GITHUB_EVENT="issues",
        HTTP_AUTHORIZATION="Bearer not-for-the-state",
        HTTP_X_API_KEY="nor-this",
    )

    assert answer.status_code == 202, answer.content
    run = Run.objects.get(pk=answer.json()["run_id"])
    webhook = Webhook.objects.get()
    assert answer.json() == {"run_id": str(run.pk), "graph_id": str(graph.pk), "webhook_id": str(webhook.pk),
                             "status": JobStatus.QUEUED}  # fmt: skip
    assert (run.owner, run.version, run.status) == (graph.owner, graph.current, JobStatus.QUEUED)
    state = run.initial_state
    assert state["count"] == 1
    hook = state["webhook"]
    assert hook["body"] == {"action": "opened", "issue": {"number": 7}}
    assert hook["query"] == {"source": "ci", "tag": ["a", "b"]}
    assert hook["headers"]["X-Github-Event"] == "issues" and hook["content_type"] == "application/json"
    assert not {"Authorization", "X-Api-Key"} & set(hook["headers"])
    webhook.refresh_from_db()
    assert (webhook.runs_started, webhook.last_run, webhook.last_called_at is not None) == (1, run, True)
    # The run lists like any other: under /api/v1/runs/ for the graph's owner.
    assert str(run.pk) in {item["id"] for item in api_client.get("/api/v1/runs/").json()["results"]}


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("application/x-www-form-urlencoded", b"name=Ada&tag=x&tag=y", {"name": "Ada", "tag": ["x", "y"]}),
        ("text/plain; charset=utf-8", "deploy finished ✓".encode(), "deploy finished ✓"),
        ("application/vnd.api+json", b'{"data": [1, 2]}', {"data": [1, 2]}),
        ("application/json", b"", None),
    ],
)
def test_form_text_and_json_like_bodies_are_read(api_client, sender, graph, content_type, body, expected):
    url = create(api_client, graph).json()["url"]
    answer = sender.generic("POST", hook_path(url), body, content_type=content_type)
    assert answer.status_code == 202, answer.content
    assert Run.objects.get().initial_state["webhook"]["body"] == expected


def test_bad_bodies_are_refused_saying_why_and_start_nothing(api_client, sender, graph, settings):
    path = hook_path(create(api_client, graph).json()["url"])

    broken = sender.generic("POST", path, b'{"action": ', content_type="application/json")
    assert broken.status_code == 400
    assert broken.json()["error"]["code"] == "invalid_body" and "not valid JSON" in broken.json()["error"]["message"]
    binary = sender.generic("POST", path, b"\xff\xfe\x00", content_type="application/octet-stream")
    assert binary.status_code == 400 and "not UTF-8" in binary.json()["error"]["message"]
    settings.WFP_WEBHOOK_MAX_BYTES = 1024
    large = sender.generic("POST", path, b"x" * 2000, content_type="text/plain")
    assert large.status_code == 413 and large.json()["error"]["code"] == "body_too_large"
    assert not Run.objects.exists() and Webhook.objects.get().runs_started == 0


def test_unknown_disabled_and_rotated_tokens(api_client, sender, graph):
    body = create(api_client, graph).json()
    path = hook_path(body["url"])

    unknown = sender.post("/api/hooks/not-a-real-token", {}, format="json")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_webhook"

    assert api_client.post(f"{WEBHOOKS}{body['id']}/disable/").json()["enabled"] is False
    disabled = sender.post(path, {}, format="json")
    assert disabled.status_code == 409 and disabled.json()["error"]["code"] == "webhook_disabled"
    assert api_client.post(f"{WEBHOOKS}{body['id']}/enable/").json()["enabled"] is True
    assert sender.post(path, {}, format="json").status_code == 202

    rotated = api_client.post(f"{WEBHOOKS}{body['id']}/rotate/")
    assert rotated.status_code == 200 and rotated.json()["url"] != body["url"]
    assert sender.post(path, {}, format="json").status_code == 404  # the old URL stopped working
    assert sender.post(hook_path(rotated.json()["url"]), {}, format="json").status_code == 202
    assert Webhook.objects.get().runs_started == 2
    assert sender.get(hook_path(rotated.json()["url"])).status_code == 405


def test_a_signed_webhook_takes_only_calls_signed_with_its_secret(api_client, sender, graph):
    created = create(api_client, graph, signed=True).json()
    secret, path = created["signing_secret"], hook_path(created["url"])
    assert created["signed"] is True and len(secret) == 64
    assert secret not in str(Webhook.objects.values().get())  # stored encrypted
    body = json.dumps({"action": "opened"}).encode()

    def call(signature: str | None, at: str = path):
        headers = {"HTTP_X_HUB_SIGNATURE_256": signature} if signature is not None else {}
        return sender.generic("POST", at, body, content_type="application/json", **headers)

    missing, wrong = call(None), call(signature_of("not-the-secret", body))
    assert (missing.status_code, missing.json()["error"]["code"]) == (401, "signature_missing")
    assert "X-Hub-Signature-256" in missing.json()["error"]["message"]
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (401, "bad_signature")
    assert not Run.objects.exists()
    signed = call("sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest())  # as GitHub signs
    assert signed.status_code == 202, signed.content
    assert Run.objects.get().initial_state["webhook"]["body"] == {"action": "opened"}

    rotated = api_client.post(f"{WEBHOOKS}{created['id']}/rotate/").json()
    assert rotated["signing_secret"] not in (None, secret) and rotated["signed"] is True
    new_path = hook_path(rotated["url"])
    assert call(signature_of(secret, body)).status_code == 404  # the old URL is gone
    assert call(signature_of(secret, body), new_path).status_code == 401  # and so is the old secret
    assert call(signature_of(rotated["signing_secret"], body), new_path).status_code == 202
    assert create(api_client, graph).json()["signing_secret"] is None
    refused = api_client.patch(f"{WEBHOOKS}{created['id']}/", {"signed": False}, format="json")
    assert refused.status_code == 400 and "Only on create" in str(refused.json())


def test_calls_are_limited_per_webhook_not_per_address(api_client, sender, graph, monkeypatch):
    monkeypatch.setitem(api_settings.DEFAULT_THROTTLE_RATES, "webhook", "2/min")
    first, second = (hook_path(create(api_client, graph).json()["url"]) for _ in range(2))

    answers = [sender.post(first, {}, format="json").status_code for _ in range(3)]

    assert answers == [202, 202, 429]
    assert sender.post(second, {}, format="json").status_code == 202  # another webhook, same address


def test_patch_delete_and_bad_input(api_client, api_client_for, other_user, sender, graph):
    body = create(api_client, graph).json()
    other_graph = graph_create(owner=other_user, definition=COUNTER)

    patched = api_client.patch(f"{WEBHOOKS}{body['id']}/", {"name": "renamed", "initial_state": {"count": 2}},
                               format="json")  # fmt: skip
    assert patched.status_code == 200, patched.content
    assert (patched.json()["name"], patched.json()["initial_state"]) == ("renamed", {"count": 2})
    reserved = create(api_client, graph, initial_state={"webhook": 1})
    assert reserved.status_code == 400 and "'webhook' key" in reserved.json()["error"]["message"]
    assert create(api_client, other_graph).status_code == 404  # someone else's graph
    assert api_client_for(other_user).get(f"{WEBHOOKS}{body['id']}/").status_code == 404
    assert api_client_for(other_user).post(f"{WEBHOOKS}{body['id']}/rotate/").status_code == 404
    assert sender.get(WEBHOOKS).status_code in (401, 403)

    assert api_client.delete(f"{WEBHOOKS}{body['id']}/").status_code == 204
    assert sender.post(hook_path(body["url"]), {}, format="json").status_code == 404
    graph.delete()
    assert not Webhook.objects.exists()


def test_hook_tokens_never_reach_the_logs(api_client, sender, graph):
    path = hook_path(create(api_client, graph).json()["url"])
    token = path.removeprefix("/api/hooks/")
    assert redact_url_secrets(f"Conflict: {path}?x=1") == "Conflict: /api/hooks/[redacted]?x=1"

    # The console handler that settings.LOGGING installs carries the filter; Django logs a 409's path.
    console = next(h for h in logging.getLogger().handlers if any(isinstance(f, URLSecretsFilter) for f in h.filters))
    stream = StringIO()
    probe = logging.StreamHandler(stream)
    for log_filter in console.filters:
        probe.addFilter(log_filter)
    logging.getLogger("django.request").addHandler(probe)
    try:
        api_client.post(f"{WEBHOOKS}{Webhook.objects.get().pk}/disable/")
        assert sender.post(path, {}, format="json").status_code == 409
    finally:
        logging.getLogger("django.request").removeHandler(probe)
    logged = stream.getvalue()
    assert "/api/hooks/[redacted]" in logged and token not in logged


def test_the_admin_lists_webhooks_without_their_tokens(api_client, graph, admin_client):
    body = create(api_client, graph, name="stripe events").json()
    page = admin_client.get("/admin/graphs/webhook/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "stripe events" in html and body["token_prefix"] in html
    assert hook_path(body["url"]).removeprefix("/api/hooks/") not in html


def test_every_handler_django_s_request_lines_reach_blanks_hook_tokens():
    handlers, logger = [], logging.getLogger("django.request")
    while logger is not None:
        handlers += [h for h in logger.handlers if not type(h).__module__.startswith("_pytest")]  # pytest's own
        logger = logger.parent if logger.propagate else None
    assert handlers, "no handler prints django.request"
    assert all(any(isinstance(f, URLSecretsFilter) for f in handler.filters) for handler in handlers), handlers

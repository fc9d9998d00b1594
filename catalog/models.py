"""The integrations catalog (toolkits and their tools, shaped like Composio's), user preferences, suggestions."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ToolkitCategory(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "toolkit categories"

    def __str__(self) -> str:
        return self.name


class Toolkit(models.Model):
    """An integration (GitHub, Slack, Gmail...): what it is, how it authenticates, how many tools it has."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    logo = models.URLField(max_length=500, blank=True)
    app_url = models.URLField(max_length=500, blank=True)
    categories = models.ManyToManyField(ToolkitCategory, related_name="toolkits", blank=True)
    auth_schemes = models.JSONField(default=list, blank=True, help_text='e.g. ["OAUTH2", "API_KEY"]')
    tools_count = models.PositiveIntegerField(default=0)
    last_synced_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tool(models.Model):
    """One action of a toolkit (GITHUB_CREATE_AN_ISSUE): its inputs and outputs as JSON Schema."""

    slug = models.CharField(max_length=200, unique=True, help_text="Upper snake case, e.g. GITHUB_CREATE_AN_ISSUE.")
    name = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    toolkit = models.ForeignKey(Toolkit, on_delete=models.CASCADE, related_name="tools")
    input_schema = models.JSONField(default=dict, blank=True)
    output_schema = models.JSONField(default=dict, blank=True)
    tags = models.JSONField(default=list, blank=True)
    version = models.CharField(max_length=50, blank=True)
    deprecated = models.BooleanField(default=False)
    last_synced_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["slug"]
        indexes = [models.Index(fields=["toolkit", "deprecated"])]

    def __str__(self) -> str:
        return self.slug


class UserPreference(models.Model):
    """What a user likes the suggestions to use: preferred toolkits, a default model, free-form settings."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="catalog_preference")
    preferred_toolkits = models.JSONField(default=list, blank=True)
    settings = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"preferences of {self.user}"


class Suggestion(models.Model):
    """A workflow generated from a sentence: the graph definition, what it was grounded in, and what it cost."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="suggestions")
    prompt = models.TextField()
    workflow = models.JSONField(null=True, blank=True)
    problems = models.JSONField(default=list, blank=True, help_text="What validation found, if anything.")
    retrieved_tools = models.JSONField(default=list, blank=True, help_text="The catalog context it was grounded in.")
    generated_by = models.CharField(max_length=100, blank=True, help_text="The model, or 'builtin'.")
    provider = models.CharField(max_length=20, blank=True, help_text="The model's provider; blank for 'builtin'.")
    notes = models.JSONField(default=list, blank=True, help_text="What happened on the way (a model that failed, ...).")
    repair_rounds = models.PositiveSmallIntegerField(default=0)
    tokens_used = models.PositiveIntegerField(default=0)
    latency_ms = models.PositiveIntegerField(null=True, blank=True)
    graph = models.ForeignKey("graphs.Graph", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"suggestion {self.pk}"

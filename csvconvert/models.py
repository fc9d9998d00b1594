"""Converters (what training produces) and conversion jobs (training and inference, one job model)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from wfplatform.jobs.models import Job


class ConverterSource(models.TextChoices):
    ENGINE = "engine", "Engine (learned program)"
    LLM = "llm", "LLM agents (generated script)"


class Converter(models.Model):
    """A trained CSV-to-CSV converter.

    An engine converter holds its program (JSON) and applies in-process; an LLM converter holds
    only its script, which runs in the sandbox, never in a server or worker process.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="csv_converters")
    name = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=16, choices=ConverterSource.choices)
    program = models.JSONField(null=True, blank=True, help_text="The engine's program; null for an LLM script.")
    script = models.TextField(help_text="A standalone Python script doing the conversion.")
    explanation = models.JSONField(default=list, blank=True, help_text="What it does, in plain words (lines).")
    check_result = models.JSONField(
        default=dict, blank=True, help_text="The training example re-run: cells_checked, cells_matching, ok."
    )
    training_job = models.ForeignKey(
        "csvconvert.ConversionJob", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name or 'converter'} ({self.source}, {self.pk})"


class JobKind(models.TextChoices):
    TRAINING = "training", "Training"
    INFERENCE = "inference", "Inference"


class ConversionJob(Job):
    """Training (learn a converter from an input and its expected output) or inference (apply one).

    One model for both kinds, so that the caller's job list is one query, filterable by kind and
    status. Files live in storage under {owner}/{job}/{input,expected,output}/.
    """

    TASKS = {JobKind.TRAINING: "csvconvert.tasks.train", JobKind.INFERENCE: "csvconvert.tasks.infer"}

    kind = models.CharField(max_length=16, choices=JobKind.choices, db_index=True)
    name = models.CharField(max_length=200, blank=True, help_text="Training: the name the converter gets.")
    instructions = models.TextField(blank=True, help_text="Training: plain-words hints for the LLM agents.")
    converter = models.ForeignKey(
        Converter,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
        help_text="Training: the converter it produced. Inference: the converter it applies.",
    )
    input_file = models.CharField(max_length=500, help_text="Storage name of the input CSV.")
    expected_file = models.CharField(max_length=500, blank=True, help_text="Training: storage name of the output.")
    output_file = models.CharField(max_length=500, blank=True, help_text="Inference: storage name of the result.")
    rows = models.PositiveBigIntegerField(null=True, blank=True, help_text="Inference: records written, header too.")
    stats = models.JSONField(default=dict, blank=True, help_text="Input format detected, lines read, bytes, seconds.")
    diff_report = models.JSONField(
        null=True, blank=True, help_text="Training: the cells where the closest attempt differs, per example."
    )
    llm_usage = models.JSONField(null=True, blank=True, help_text="Training: tokens and cost of the LLM agents.")
    agent_cycle = models.PositiveSmallIntegerField(default=0, help_text="Training: the agents' current cycle.")

    class Meta(Job.Meta):
        verbose_name = "conversion job"
        indexes = [*Job.Meta.indexes, models.Index(fields=["owner", "kind", "-created_at"])]

    @property
    def TASK(self) -> str:  # noqa: N802 - the Job base names its entry point TASK
        return self.TASKS[self.kind]

    @property
    def folder(self) -> str:
        return f"{self.owner_id}/{self.pk}"

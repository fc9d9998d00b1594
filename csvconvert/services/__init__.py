"""Writes for csvconvert: training and inference jobs, converters, their files.

job = training_start(owner=user, input_file=..., expected_output_file=...)   # queued
job = inference_start(owner=user, converter=converter, input_file=...)       # queued
converter_apply(converter, Path("in.csv"), Path("out.csv"), progress=...)   # here and now
"""

from csvconvert.services.apply import ConversionFailed, converter_apply
from csvconvert.services.jobs import (
    conversion_execute,
    converter_delete,
    inference_execute,
    inference_run_now,
    inference_start,
    job_cancel_or_conflict,
    job_delete,
    job_rerun,
    training_start,
)
from csvconvert.services.training import training_execute

__all__ = [
    "ConversionFailed",
    "conversion_execute",
    "converter_apply",
    "converter_delete",
    "inference_execute",
    "inference_run_now",
    "inference_start",
    "job_cancel_or_conflict",
    "job_delete",
    "job_rerun",
    "training_execute",
    "training_start",
]

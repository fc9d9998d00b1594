"""The `csv_convert` graph tool: workflows run trained converters.

Access: the run's owner (graphs.context) must own the converter, or be staff. The input must be
one of the converter owner's stored files (or a file input the resolver fetches), and the
output is stored as an inference job of that owner. Outside a graph run (no run owner) the
tool refuses.
"""

from __future__ import annotations

import uuid
from typing import Any

from csvconvert.models import Converter
from csvconvert.services import inference_run_now
from graphs.context import current_run
from graphs.engine.errors import ToolError
from graphs.engine.tools import tool
from wfplatform.errors import ApplicationError
from wfplatform.jobs.models import JobStatus

SCHEMA = {
    "type": "object",
    "required": ["converter_id", "input_file"],
    "properties": {
        "converter_id": {"type": "string", "minLength": 1, "description": "A trained converter's id."},
        "input_file": {
            "type": "string",
            "minLength": 1,
            "description": "A storage name among the converter owner's files (e.g. a previous node's "
            "output_file), or s3://, https://, data:...;base64, / base64: input.",
        },
    },
}


@tool(
    schema=SCHEMA,
    description="Convert a CSV file with a trained converter: {converter_id, input_file} in, "
    "{output_file (storage name), rows, conversion_job_id} out.",
)
def csv_convert(inputs: dict[str, Any]) -> dict[str, Any]:
    run = current_run()
    if run is None:
        raise ToolError("csv_convert runs only inside a graph run (it needs the run's owner)")
    converter = Converter.objects.filter(pk=_uuid(inputs["converter_id"])).first()
    if converter is None or (converter.owner_id != run.owner_id and not run.owner.is_staff):
        raise ToolError(f"no converter {inputs['converter_id']!r}")  # another owner's: not found either
    try:
        job = inference_run_now(converter=converter, input_file=inputs["input_file"])
    except ApplicationError as exc:
        raise ToolError(exc.message) from None
    if job.status != JobStatus.SUCCEEDED:
        raise ToolError(f"conversion job {job.pk} {job.status}: {job.error or job.progress_message}")
    return {"output_file": job.output_file, "rows": job.rows, "conversion_job_id": str(job.pk)}


def _uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(str(text)))
    except ValueError:
        return None

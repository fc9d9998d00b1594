"""Artifacts: pipeline results stored as {columns, rows} JSON in the shared storage, addressed artifact://{id}."""

from __future__ import annotations

import json
import uuid
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from agentrunner.models import ARTIFACT_SCHEME, AgentJob, Artifact
from agentrunner.pipeline import PipelineError, preview, table_to_rows
from wfplatform.api.scoping import scope_to_user

if TYPE_CHECKING:
    import pandas as pd

PREVIEW_ROWS = 20


def artifact_create(*, owner, job: AgentJob | None, table: pd.DataFrame) -> Artifact:
    """Store the table and its preview; the file is written before the row, so a row never points at nothing."""
    artifact_id = uuid.uuid4()
    columns = [str(column) for column in table.columns]
    document = {"columns": columns, "rows": table_to_rows(table)}
    data = json.dumps(document, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    name = default_storage.save(f"agentrunner/{owner.pk}/artifacts/{artifact_id}.json", ContentFile(data))
    return Artifact.objects.create(
        id=artifact_id,
        owner=owner,
        job=job,
        file=name,
        columns=columns,
        row_count=len(table),
        size_bytes=len(data),
        preview=preview(table, PREVIEW_ROWS),
    )


def artifact_for(user, ref: str) -> Artifact:
    """The artifact `ref` names (artifact://{id} or the bare id), if the user may read it."""
    text = ref[len(ARTIFACT_SCHEME) :] if ref.startswith(ARTIFACT_SCHEME) else ref
    try:
        artifact_id = uuid.UUID(text)
    except ValueError:
        raise PipelineError(f"{ref!r} is not an artifact reference (artifact://<uuid>)", {"ref": ref}) from None
    artifact = scope_to_user(Artifact.objects.all(), user).filter(pk=artifact_id).first()
    if artifact is None:
        raise PipelineError(f"there is no artifact {ref} of yours", {"ref": ref})
    return artifact


def artifact_document(artifact: Artifact) -> dict:
    with default_storage.open(artifact.file, "rb") as handle:
        return json.load(handle)


def artifact_table(user, ref: str) -> pd.DataFrame:
    import pandas as pd

    document = artifact_document(artifact_for(user, ref))
    return pd.DataFrame(document["rows"], columns=document["columns"])


def artifact_delete(*, artifact: Artifact) -> None:
    default_storage.delete(artifact.file)
    artifact.delete()

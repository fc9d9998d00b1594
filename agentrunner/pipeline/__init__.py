"""The pipeline executor of agentrunner: a one-time data pipeline (fetch, filter, join, group...) run on pandas.

Pure Python and pandas: no Django, no settings, no I/O of its own. HTTP fetching and stored tables come
through a `Sources` object the caller passes in (the Django adapter implements it).
"""

from agentrunner.pipeline.errors import PipelineError
from agentrunner.pipeline.executor import PipelineResult, run_pipeline
from agentrunner.pipeline.expressions import Expression, compile_expression
from agentrunner.pipeline.loading import table_from_value
from agentrunner.pipeline.output import preview, table_to_records, table_to_rows
from agentrunner.pipeline.sources import HttpRequest, HttpResponse, Sources
from agentrunner.pipeline.spec import OPERATIONS, validate_pipeline

__all__ = [
    "OPERATIONS",
    "Expression",
    "HttpRequest",
    "HttpResponse",
    "PipelineError",
    "PipelineResult",
    "Sources",
    "compile_expression",
    "preview",
    "run_pipeline",
    "table_from_value",
    "table_to_records",
    "table_to_rows",
    "validate_pipeline",
]

"""The outcome of one sandboxed run: always returned, never raised."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Violation(StrEnum):
    """Why a run failed, for code to branch on; `SandboxResult.reason` says it in words."""

    TIMEOUT = "timeout"  # wall clock
    CPU = "cpu"
    MEMORY = "memory"
    OUTPUT_SIZE = "output_size"
    FORBIDDEN_IMPORT = "forbidden_import"
    NETWORK = "network"
    SUBPROCESS = "subprocess"
    FILE_ACCESS = "file_access"
    FORBIDDEN_OPERATION = "forbidden_operation"
    ERROR = "error"  # the script itself failed: exception, syntax error, non-zero exit, signal


@dataclass(frozen=True)
class SandboxResult:
    ok: bool
    exit_code: int | None  # negative: killed by that signal; None: never started
    violation: Violation | None
    reason: str  # empty when ok
    stdout: str  # capped at Limits.capture_bytes, middle elided
    stderr: str
    duration_s: float
    cpu_s: float
    max_rss_mb: float
    files: dict[str, bytes] = field(default_factory=dict)  # the requested outputs that exist; only when ok
    isolation: tuple[str, ...] = ()  # what the OS allowed: network_namespace, user_namespace, no_new_privs
    pid: int | None = None  # also the process group id, already gone when the result is returned

    @property
    def network_isolated(self) -> bool:
        return "network_namespace" in self.isolation

"""What one sandboxed run may use, read from settings unless the caller passes its own."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    timeout_s: float = 300.0  # wall clock, from start to exit, interpreter start-up included
    cpu_s: int = 300  # CPU seconds (RLIMIT_CPU)
    memory_mb: int = 2048  # address space (RLIMIT_AS): pandas alone maps a few hundred MiB
    output_mb: int = 500  # largest file the script writes (RLIMIT_FSIZE) and all it adds in total
    open_files: int = 256  # RLIMIT_NOFILE
    capture_bytes: int = 64 * 1024  # stdout and stderr kept in the result, each

    def __post_init__(self) -> None:
        for name in ("timeout_s", "cpu_s", "memory_mb", "output_mb", "open_files", "capture_bytes"):
            if getattr(self, name) <= 0:
                raise ValueError(f"Limits.{name} must be positive")

    @classmethod
    def from_settings(cls) -> Limits:
        """The WFP_SANDBOX_* settings; the class defaults where Django is not configured."""
        if not settings.configured:
            return cls()
        defaults = cls()
        timeout = getattr(settings, "WFP_SANDBOX_TIMEOUT", defaults.timeout_s)
        return cls(
            timeout_s=float(timeout),
            cpu_s=int(getattr(settings, "WFP_SANDBOX_CPU_SECONDS", timeout)),
            memory_mb=int(getattr(settings, "WFP_SANDBOX_MEMORY_MB", defaults.memory_mb)),
            output_mb=int(getattr(settings, "WFP_SANDBOX_OUTPUT_MB", defaults.output_mb)),
        )

    def for_child(self) -> dict[str, int]:
        return {
            "cpu_s": int(self.cpu_s),
            "memory_bytes": self.memory_mb * MIB,
            "file_bytes": self.output_mb * MIB,
            "open_files": self.open_files,
        }

"""The parent side: prepare a working directory, start the child, enforce the clock, read back."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from wfplatform.sandbox.limits import MIB, Limits
from wfplatform.sandbox.policy import DEFAULT_ALLOWED_IMPORTS, PRELOAD
from wfplatform.sandbox.result import SandboxResult, Violation

logger = logging.getLogger(__name__)

CHILD = Path(__file__).with_name("_child.py")
SCRIPT_NAME = "script.py"
VIOLATION_EXIT = 86  # _child.VIOLATION_EXIT
REPORT_MAX_BYTES = 64 * 1024
SIZE_CHECK_INTERVAL_S = 0.5


class SandboxError(Exception):
    """The sandbox was misused (bad file names, no interpreter); a failing script never raises."""


@dataclass
class _Outcome:
    """What the parent learnt while the child ran."""

    status: int | None = None  # as from os.waitstatus_to_exitcode
    cpu_s: float = 0.0
    max_rss_mb: float = 0.0
    parent_violation: Violation | None = None
    reports: list[dict] = field(default_factory=list)


def run_script(
    source: str,
    *,
    files: Mapping[str, bytes | Path] | None = None,
    args: Iterable[str] = (),
    limits: Limits | None = None,
    outputs: Iterable[str] = ("output.csv",),
    allowed_imports: Iterable[str] = DEFAULT_ALLOWED_IMPORTS,
) -> SandboxResult:
    """Run untrusted Python `source` in a separate, locked-down process and report how it went.

    `files` are copied into the script's empty working directory under their names; after a
    successful run the `outputs` that exist there come back in `result.files`. The script sees
    `args` as `sys.argv[1:]` when `sys` is among `allowed_imports` (it is not by default).
    """
    limits = limits or Limits.from_settings()
    files = dict(files or {})
    outputs = list(outputs)
    _check_names([*files, *outputs])
    if SCRIPT_NAME in files:
        raise SandboxError(f"{SCRIPT_NAME!r} is the script's own name; choose another input name")
    if not sys.executable:
        raise SandboxError("no Python interpreter to start the sandbox with (sys.executable is empty)")
    with tempfile.TemporaryDirectory(prefix="wfp-sandbox-", ignore_cleanup_errors=True) as root:
        workdir, control = Path(root, "work"), Path(root, "control")
        workdir.mkdir(mode=0o700)
        control.mkdir(mode=0o700)
        _write_inputs(workdir, source, files)
        config = {
            "script": SCRIPT_NAME,
            "args": [str(arg) for arg in args],
            "limits": limits.for_child(),
            "allowed_imports": sorted(allowed_imports),
            "preload": list(PRELOAD),
        }
        return _run(config, workdir, control, limits, outputs)


def _check_names(names: Iterable[str]) -> None:
    for name in names:
        if not isinstance(name, str) or not name or name in {".", ".."} or "/" in name or "\0" in name:
            raise SandboxError(f"{name!r} is not a plain file name")


def _write_inputs(workdir: Path, source: str, files: dict[str, bytes | Path]) -> None:
    (workdir / SCRIPT_NAME).write_text(source, encoding="utf-8")
    for name, content in files.items():
        if isinstance(content, bytes | bytearray | memoryview):
            (workdir / name).write_bytes(bytes(content))
        elif isinstance(content, Path):
            shutil.copyfile(content, workdir / name)
        else:
            raise SandboxError(f"file {name!r} must be bytes or a Path, not {type(content).__name__}")


def _child_env(workdir: Path) -> dict[str, str]:
    """Built from nothing: not one variable of the server (secrets, database URLs) passes."""
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "HOME": str(workdir),
        "TMPDIR": str(workdir),
        # One thread each: predictable CPU and memory use, and no per-thread arenas under RLIMIT_AS.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def _run(config: dict, workdir: Path, control: Path, limits: Limits, outputs: list[str]) -> SandboxResult:
    report_r, report_w = os.pipe()
    config["report_fd"] = report_w
    started = time.monotonic()
    try:
        with open(control / "stdout", "wb") as out, open(control / "stderr", "wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-I", "-B", "-X", "utf8", str(CHILD), json.dumps(config)],
                cwd=workdir,
                env=_child_env(workdir),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                pass_fds=(report_w,),
                start_new_session=True,  # its own process group, killed as a whole
            )
        os.close(report_w)
        report_w = -1
        outcome = _supervise(proc, workdir, limits, started)
        outcome.reports = _read_reports(report_r)
    finally:
        for fd in (report_r, report_w):
            if fd >= 0:
                os.close(fd)
    duration = time.monotonic() - started
    result = _result(proc.pid, outcome, duration, workdir, control, limits, outputs)
    logger.info(
        "sandbox run %s in %.2fs (%s)", "ok" if result.ok else result.violation, duration, ",".join(result.isolation)
    )
    return result


def _supervise(proc: subprocess.Popen, workdir: Path, limits: Limits, started: float) -> _Outcome:
    """Wait for the child, killing its whole process group at the wall-clock or output limit."""
    outcome = _Outcome()
    baseline = _tree_size(workdir)
    deadline = started + limits.timeout_s
    next_size_check = started + SIZE_CHECK_INTERVAL_S
    pause = 0.005
    try:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            now = time.monotonic()
            if now >= deadline:
                outcome.parent_violation = Violation.TIMEOUT
            elif now >= next_size_check:
                next_size_check = now + SIZE_CHECK_INTERVAL_S
                if _tree_size(workdir) - baseline > limits.output_mb * MIB:
                    outcome.parent_violation = Violation.OUTPUT_SIZE
            if outcome.parent_violation:
                _kill_group(proc.pid)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(min(pause, max(deadline - now, 0.001)))
            pause = min(pause * 2, 0.1)
    finally:
        _kill_group(proc.pid)  # stragglers, and the child itself if the parent was interrupted
    proc.returncode = outcome.status = os.waitstatus_to_exitcode(status)
    outcome.cpu_s = usage.ru_utime + usage.ru_stime
    outcome.max_rss_mb = usage.ru_maxrss / 1024  # KiB on Linux
    if outcome.parent_violation is None and _tree_size(workdir) - baseline > limits.output_mb * MIB:
        outcome.parent_violation = Violation.OUTPUT_SIZE
    return outcome


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


def _tree_size(path: Path) -> int:
    total = 0
    try:
        entries = list(os.scandir(path))
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                total += _tree_size(Path(entry.path))
            else:
                total += entry.stat(follow_symlinks=False).st_size
        except OSError:
            continue
    return total


def _read_reports(fd: int) -> list[dict]:
    os.set_blocking(fd, False)  # a leaked writer must not hang the parent
    data = b""
    while len(data) < REPORT_MAX_BYTES:
        try:
            chunk = os.read(fd, REPORT_MAX_BYTES - len(data))
        except BlockingIOError:
            break
        if not chunk:
            break
        data += chunk
    reports = []
    for line in data.decode("utf-8", "replace").splitlines():
        try:
            report = json.loads(line)
        except ValueError:
            continue
        if isinstance(report, dict):
            reports.append(report)
    return reports


def _result(
    pid: int, outcome: _Outcome, duration: float, workdir: Path, control: Path, limits: Limits, outputs: list[str]
) -> SandboxResult:
    violation, reason = _classify(outcome, limits)
    started = next((r for r in outcome.reports if r.get("kind") == "started"), {})
    isolation = tuple(str(item) for item in started.get("isolation", []) if isinstance(item, str))
    return SandboxResult(
        ok=violation is None,
        exit_code=outcome.status,
        violation=violation,
        reason=reason,
        stdout=_read_capped(control / "stdout", limits.capture_bytes),
        stderr=_read_capped(control / "stderr", limits.capture_bytes),
        duration_s=duration,
        cpu_s=outcome.cpu_s,
        max_rss_mb=outcome.max_rss_mb,
        files=_read_outputs(workdir, outputs, limits) if violation is None else {},
        isolation=isolation,
        pid=pid,
    )


def _classify(outcome: _Outcome, limits: Limits) -> tuple[Violation | None, str]:
    """The first of: what the parent saw, what the child reported, how the process ended."""
    if outcome.parent_violation:
        return outcome.parent_violation, _limit_reason(outcome.parent_violation, limits)
    status = outcome.status
    if not any(r.get("kind") == "started" for r in outcome.reports):
        return Violation.ERROR, f"the sandbox could not start (exit status {status}); see stderr"
    report = next((r for r in outcome.reports if r.get("kind") in {"violation", "error"}), None)
    if report and (status != 0 or report.get("kind") == "violation"):
        try:
            violation = Violation(report.get("code"))
        except ValueError:
            violation = Violation.ERROR
        return violation, _limit_reason(violation, limits) or str(report.get("message", ""))[:500]
    if status == 0:
        return None, ""
    if status in (-signal.SIGXCPU, -signal.SIGKILL) and outcome.cpu_s >= limits.cpu_s - 0.5:
        return Violation.CPU, _limit_reason(Violation.CPU, limits)
    if status == -signal.SIGXFSZ:
        return Violation.OUTPUT_SIZE, _limit_reason(Violation.OUTPUT_SIZE, limits)
    if status is not None and status < 0:
        return Violation.ERROR, f"the script was killed by {signal.Signals(-status).name}"
    return Violation.ERROR, f"the script exited with status {status}"


def _limit_reason(violation: Violation, limits: Limits) -> str:
    return {
        Violation.TIMEOUT: f"time limit of {limits.timeout_s:g} s exceeded",
        Violation.CPU: f"CPU time limit of {limits.cpu_s} s exceeded",
        Violation.MEMORY: f"memory limit of {limits.memory_mb} MiB exceeded",
        Violation.OUTPUT_SIZE: f"output larger than {limits.output_mb} MiB",
    }.get(violation, "")


def _read_capped(path: Path, cap: int) -> str:
    """All of a small stream; of a large one the head and the tail, where tracebacks are."""
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size <= cap:
                data = handle.read(cap)
            else:
                head = handle.read(cap // 2)
                handle.seek(size - cap // 2)
                omitted = f"\n[... {size - 2 * (cap // 2)} bytes omitted ...]\n".encode()
                data = head + omitted + handle.read(cap // 2)
    except OSError:
        return ""
    return data.decode("utf-8", "replace")


def _read_outputs(workdir: Path, outputs: list[str], limits: Limits) -> dict[str, bytes]:
    """Plain files only, never through a link: the parent may read more than the child could."""
    found: dict[str, bytes] = {}
    for name in outputs:
        try:
            fd = os.open(workdir / name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode) and info.st_size <= limits.output_mb * MIB:
                found[name] = handle.read()
    return found

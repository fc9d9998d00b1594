"""Applying a converter to a local file: engine programs in-process, LLM scripts in the sandbox."""

from __future__ import annotations

import csv
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection

from csvconvert.models import Converter, ConverterSource
from csvconvert.synth import ConversionError, Program
from wfplatform.errors import ApplicationError
from wfplatform.sandbox import run_script

Progress = Callable[[int, int], None]  # (bytes of the input read so far, input size)
PROGRESS_INTERVAL_S = 1.0
COUNT_CHUNK = 1024 * 1024
SANDBOX_INPUT, SANDBOX_OUTPUT = "input.csv", "output.csv"


class ConversionFailed(ApplicationError):
    """The converter could not convert this input (a row it does not fit, an unreadable file)."""

    status_code = 422
    code = "conversion_failed"


def converter_apply(converter: Converter, src: Path, dst: Path, *, progress: Progress | None = None) -> dict[str, Any]:
    """Convert src into dst (written whole or not at all); returns what happened: rows, seconds, format.

    `progress(read, size)` is called about once a second from another thread while an engine
    program runs; an exception it raises (the job was cancelled) is raised here once the engine
    stops, and dst is not left behind.
    """
    started = time.perf_counter()
    if converter.source == ConverterSource.LLM:
        stats = _apply_script(converter.script, src, dst)
    else:
        stats = _apply_program(Program.from_json(converter.program), src, dst, progress)
    stats["rows"] = count_records(dst)
    stats["input_bytes"] = src.stat().st_size
    stats["seconds"] = round(time.perf_counter() - started, 3)
    return stats


def _apply_program(program: Program, src: Path, dst: Path, progress: Progress | None) -> dict[str, Any]:
    monitor = ReadProgress(src, progress) if progress else None
    if monitor:
        monitor.start()
    try:
        stats = program.apply_csv(src, dst)
    except ConversionError as exc:
        raise ConversionFailed(str(exc)) from None
    finally:
        if monitor:
            monitor.stop()
    if monitor and monitor.error is not None:
        dst.unlink(missing_ok=True)
        raise monitor.error
    return stats


def _apply_script(script: str, src: Path, dst: Path) -> dict[str, Any]:
    """An LLM-written script runs in the sandbox only: it reads input.csv and writes output.csv there."""
    result = run_script(script, files={SANDBOX_INPUT: src}, outputs=(SANDBOX_OUTPUT,))
    if not result.ok:
        raise ConversionFailed(f"The converter's script failed in the sandbox ({result.violation}): {result.reason}")
    if SANDBOX_OUTPUT not in result.files:
        raise ConversionFailed(f"The converter's script ran but wrote no {SANDBOX_OUTPUT}.")
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, partial = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".part", dir=dst.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(result.files[SANDBOX_OUTPUT])
    os.replace(partial, dst)
    return {"sandbox_seconds": round(result.duration_s, 3), "sandbox_max_rss_mb": round(result.max_rss_mb, 1)}


def count_records(path: Path) -> int:
    """CSV records in the file, header included: counting newlines, unless quotes may hide some in cells."""
    lines, quoted, last = 0, False, b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(COUNT_CHUNK):
            lines += chunk.count(b"\n")
            quoted = quoted or b'"' in chunk
            last = chunk[-1:]
    if not quoted:
        return lines + (last != b"\n")
    with path.open(newline="", encoding="utf-8", errors="replace") as handle:
        return sum(1 for _ in csv.reader(handle))


class ReadProgress(threading.Thread):
    """Reports how far the engine has read its input from the kernel's file offset
    (/proc/self/fdinfo), so the engine's loop carries no progress code and runs at full speed.
    Where /proc is missing it reports nothing."""

    def __init__(self, src: Path, report: Progress, interval: float | None = None):
        super().__init__(daemon=True, name=f"progress-{src.name}")
        self.target = str(src.resolve())
        self.size = src.stat().st_size
        self.report = report
        self.interval = interval or PROGRESS_INTERVAL_S
        self.stopped = threading.Event()
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                position = self.position()
                if position is not None:
                    self.report(position, self.size)
        except BaseException as exc:  # noqa: BLE001 - handed to the converting thread
            self.error = exc
        finally:
            connection.close()  # the report may have written progress on this thread's connection

    def stop(self) -> None:
        self.stopped.set()
        self.join()

    def position(self) -> int | None:
        try:
            descriptors = os.listdir("/proc/self/fd")
        except OSError:
            return None
        for fd in descriptors:
            try:
                if os.readlink(f"/proc/self/fd/{fd}") != self.target:
                    continue
                with open(f"/proc/self/fdinfo/{fd}") as info:
                    return int(info.readline().split()[1])  # "pos:\t<offset>"
            except (OSError, IndexError, ValueError):
                continue
        return None

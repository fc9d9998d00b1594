"""The sandbox runs real child processes: every rule is checked against a real script."""

from __future__ import annotations

import errno
import os
import socket
import struct
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from wfplatform.sandbox import DEFAULT_ALLOWED_IMPORTS, Limits, SandboxError, Violation, _child, run_script

SECRET = "s3cr3t-value-that-must-never-leak"
FAST = Limits(timeout_s=20, cpu_s=20, memory_mb=1024, output_mb=20)


def run(source: str, **kwargs):
    kwargs.setdefault("limits", FAST)
    return run_script(textwrap.dedent(source), **kwargs)


def assert_leaks_nothing(result, secret: str = SECRET) -> None:
    for text in (result.stdout, result.stderr, result.reason, repr(result.files)):
        assert secret not in text


# --- Scripts that follow the rules ---------------------------------------------------------


def test_it_converts_a_csv_with_pandas():
    result = run(
        """
        import pandas as pd
        df = pd.read_csv("input.csv")
        df["total"] = df["price"] * df["qty"]
        df.to_csv("output.csv", index=False)
        print(len(df), "rows")
        """,
        files={"input.csv": b"price,qty\n2.5,2\n1,3\n"},
    )

    assert result.ok, result.stderr
    assert (result.violation, result.reason, result.exit_code) == (None, "", 0)
    assert result.files == {"output.csv": b"price,qty,total\n2.5,2,5.0\n1.0,3,3.0\n"}
    assert result.stdout == "2 rows\n"


def test_the_allowed_standard_library_imports_work():
    result = run(
        """
        import csv, re, datetime, json, math, decimal, statistics, itertools, collections
        import functools, string, unicodedata, io, zoneinfo
        import numpy as np
        with open("input.csv", newline="") as f:
            rows = list(csv.DictReader(f))
        # strptime imports `_strptime` from C code: allowed, though the script may not import it.
        day = datetime.datetime.strptime("02/01/2024", "%d/%m/%Y")
        when = day.replace(tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
        with open("output.csv", "w", newline="") as f:
            total = int(np.arange(4).sum())
            csv.writer(f).writerow([rows[0]["a"], when.isoformat(), decimal.Decimal("1.10") * 2, total])
        """,
        files={"input.csv": b"a\nx\n"},
    )

    assert result.ok, result.stderr
    assert result.files["output.csv"] == b"x,2024-01-02T00:00:00+01:00,2.20,6\r\n"


def test_it_copies_path_inputs_and_returns_only_requested_outputs(tmp_path):
    source = tmp_path / "source.csv"
    source.write_bytes(b"a\n1\n")
    result = run(
        """
        data = open("in.csv").read()
        open("out.csv", "w").write(data.upper())
        open("scratch.txt", "w").write("not requested")
        """,
        files={"in.csv": source},
        outputs=["out.csv", "missing.csv"],
    )

    assert result.ok, result.stderr
    assert result.files == {"out.csv": b"A\n1\n"}


def test_a_script_sees_its_args_when_sys_is_allowed():
    result = run(
        "import sys\nprint(sys.argv[1:])",
        args=["input.csv", "output.csv"],
        allowed_imports=DEFAULT_ALLOWED_IMPORTS | {"sys"},
    )

    assert result.ok, result.stderr
    assert result.stdout == "['input.csv', 'output.csv']\n"


def test_a_refused_import_can_be_caught_by_the_script():
    result = run(
        """
        try:
            import os
        except ImportError as exc:
            print(exc)
        """
    )

    assert result.ok
    assert result.stdout == "import of 'os' is not allowed\n"


# --- Secrets ----------------------------------------------------------------------------


def test_the_child_environment_holds_nothing_of_the_server(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", SECRET)
    monkeypatch.setenv("DATABASE_URL", f"postgres://u:{SECRET}@db/x")
    # pandas holds `os` internally: the environment must be empty even where `os` is reached.
    result = run("import pandas as pd\nprint(sorted(pd.io.common.os.environ))")

    assert result.ok, result.stderr
    assert "SECRET_KEY" not in result.stdout
    assert "DATABASE_URL" not in result.stdout
    assert_leaks_nothing(result)


def test_it_refuses_reading_environment_variables_through_os(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", SECRET)
    result = run("import os\nprint(os.environ['SECRET_KEY'])")

    assert result.violation == Violation.FORBIDDEN_IMPORT
    assert result.reason == "import of 'os' is not allowed"
    assert_leaks_nothing(result)


@pytest.mark.parametrize("path", ["/proc/self/environ", f"/proc/{os.getpid()}/environ", "/etc/passwd"])
def test_it_refuses_reading_system_files(monkeypatch, path):
    monkeypatch.setenv("SECRET_KEY", SECRET)
    result = run(f"print(open({path!r}, 'rb').read())")

    assert result.violation == Violation.FILE_ACCESS
    assert "is not allowed" in result.reason
    assert result.stdout == ""
    assert_leaks_nothing(result)


@pytest.mark.parametrize("reader", ["open({path!r}).read()", "__import__('pandas').read_csv({path!r})"])
def test_it_refuses_reading_a_secrets_file_outside_the_working_directory(tmp_path, reader):
    env_file = tmp_path / ".env"
    env_file.write_text(f"SECRET_KEY={SECRET}\n")
    result = run(f"print({reader.format(path=str(env_file))})")

    assert result.violation == Violation.FILE_ACCESS
    assert result.reason == f"reading {str(env_file)!r} is not allowed: only the working directory is readable"
    assert_leaks_nothing(result)


def test_it_refuses_reading_the_repository_env_file():
    result = run(f"open({str(Path(settings.BASE_DIR) / '.env')!r})")

    assert result.violation == Violation.FILE_ACCESS


# --- Network ----------------------------------------------------------------------------


@pytest.fixture
def listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.3)
    yield server
    server.close()


def assert_no_connection(server: socket.socket) -> None:
    with pytest.raises(TimeoutError):
        server.accept()


@pytest.mark.parametrize(
    "source",
    [
        # socket reached through a library, past the import guard
        "import pandas as pd\n"
        "pd.compat._optional.import_optional_dependency('socket').create_connection(('127.0.0.1', {port}))",
        "import pandas as pd\npd.read_csv('http://127.0.0.1:{port}/data.csv')",
    ],
)
def test_it_refuses_network_access(listener, source):
    result = run(source.format(port=listener.getsockname()[1]))

    assert result.violation == Violation.NETWORK
    assert result.reason == "network access is not allowed"
    assert_no_connection(listener)


def test_it_refuses_importing_socket(listener):
    result = run(f"import socket\nsocket.create_connection(('127.0.0.1', {listener.getsockname()[1]}))")

    assert result.violation == Violation.FORBIDDEN_IMPORT
    assert result.reason == "import of 'socket' is not allowed"
    assert_no_connection(listener)


def test_it_reports_the_isolation_the_os_allowed():
    result = run("pass")

    assert result.ok
    assert set(result.isolation) <= {"no_new_privs", "user_namespace", "network_namespace", "seccomp"}
    assert result.network_isolated == ("network_namespace" in result.isolation)
    if os.geteuid() == 0:  # root may always create a network namespace
        assert result.network_isolated
    if os.uname().machine in {"x86_64", "aarch64"}:
        assert {"no_new_privs", "seccomp"} <= set(result.isolation)


# --- Imports, processes, files, introspection -----------------------------------------------


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("import subprocess\nsubprocess.run(['true'])", "subprocess"),
        ("__import__('os').system('true')", "os"),
        ("from os import system", "os"),
        ("import sys", "sys"),
        ("import builtins\nbuiltins.__import__('os')", "builtins"),
        ("__builtins__.__import__('socket')", "socket"),
        ("import importlib\nimportlib.import_module('os')", "importlib"),
        ("exec('import shutil')", "shutil"),
        ("import ctypes", "ctypes"),
        ("from . import secrets", "."),
    ],
)
def test_it_refuses_imports_outside_the_allow_list(source, module):
    result = run(source)

    assert result.violation == Violation.FORBIDDEN_IMPORT
    assert result.reason == f"import of {module!r} is not allowed"
    assert "Traceback" in result.stderr
    assert "_child.py" not in result.stderr


@pytest.mark.parametrize(
    "source",
    [
        "import pandas as pd\npd.io.common.os.system('touch {marker}')",
        "__import__.__globals__['os'].system('touch {marker}')",
        "wrap = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0]\n"
        "wrap.__init__.__globals__['system']('touch {marker}')",
        "import pandas as pd\npd.io.common.os.posix_spawn('/usr/bin/touch', ['touch', '{marker}'], {{}})",
    ],
)
def test_it_refuses_starting_processes_however_it_is_reached(tmp_path, source):
    marker = tmp_path / "pwned"
    result = run(source.format(marker=marker))

    assert result.violation == Violation.SUBPROCESS
    assert result.reason.startswith("starting or signalling processes is not allowed")
    assert not marker.exists()


def test_the_kernel_refuses_new_programs_where_the_audit_hook_sees_nothing(tmp_path):
    marker = tmp_path / "pwned"
    # subprocess is loaded (pandas imports it); its C helper raises no audit event.
    result = run(
        f"""
        import pandas
        popen = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == "Popen"][0]
        helpers = popen.__init__.__globals__
        read, write = helpers["os"].pipe()
        helpers["_fork_exec"](
            ["/usr/bin/touch", {str(marker)!r}], [b"/usr/bin/touch"], True, (), None, None,
            -1, -1, -1, -1, -1, -1, read, write, True, False, -1, None, None, None, -1, None, False,
        )
        """
    )

    if "seccomp" not in result.isolation:
        pytest.skip("no seccomp filter on this machine")
    assert result.violation == Violation.ERROR
    assert result.reason == "PermissionError: [Errno 1] Operation not permitted"
    assert not marker.exists()


def test_threads_still_work_under_the_filter():
    result = run(
        """
        import pandas
        thread_class = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == "Thread"][0]
        seen = []
        thread = thread_class(target=lambda: seen.append("ran"))
        thread.start()
        thread.join()
        print(seen)
        """
    )

    assert result.ok, result.stderr
    assert result.stdout == "['ran']\n"


@pytest.mark.parametrize(
    "writer",
    ["open({path!r}, 'w').write('x')", "import pandas as pd\npd.DataFrame({{'a': [1]}}).to_csv({path!r})"],
)
def test_it_refuses_writing_outside_the_working_directory(tmp_path, writer):
    target = tmp_path / "escaped.csv"
    result = run(writer.format(path=str(target)))

    assert result.violation == Violation.FILE_ACCESS
    assert result.reason == f"writing {str(target)!r} is not allowed: only the working directory is writable"
    assert not target.exists()


@pytest.mark.parametrize(
    "source",
    [
        "try:\n    1 / 0\nexcept ZeroDivisionError as exc:\n    frame = exc.__traceback__.tb_frame",
        "code = (lambda: 0).__code__",
        "import pandas as pd\npd.io.common.os.sys._getframe(0)",
        "import pandas as pd\npd.io.common.os.symlink('/etc/passwd', 'output.csv')",
    ],
)
def test_it_refuses_introspection_and_links(source):
    result = run(source)

    assert result.violation == Violation.FORBIDDEN_OPERATION
    assert result.reason.endswith("is not allowed in the sandbox")


# --- Limits -----------------------------------------------------------------------------


def test_an_endless_loop_hits_the_wall_clock_and_its_process_group_is_killed():
    result = run("while True:\n    pass", limits=Limits(timeout_s=2, cpu_s=30))

    assert result.violation == Violation.TIMEOUT
    assert result.reason == "time limit of 2 s exceeded"
    assert 2 <= result.duration_s < 5
    with pytest.raises(ProcessLookupError):
        os.killpg(result.pid, 0)


def test_a_busy_loop_hits_the_cpu_limit():
    result = run("while True:\n    pass", limits=Limits(timeout_s=20, cpu_s=1))

    assert result.violation == Violation.CPU
    assert result.reason == "CPU time limit of 1 s exceeded"


@pytest.mark.parametrize(
    "source",
    [
        "data = bytearray(2 * 1024 ** 3)",
        "import numpy as np\nnp.ones(10 ** 9)",
        "chunks = []\nwhile True:\n    chunks.append(bytearray(10 * 1024 ** 2))",
    ],
)
def test_a_memory_bomb_hits_the_memory_limit(source):
    result = run(source, limits=Limits(timeout_s=20, memory_mb=512))

    assert result.violation == Violation.MEMORY
    assert result.reason == "memory limit of 512 MiB exceeded"


@pytest.mark.parametrize(
    "source",
    [
        "with open('output.csv', 'w') as f:\n    while True:\n        f.write('x' * 65536)",
        "for i in range(5):\n    open(f'part{i}.csv', 'w').write('x' * 900_000)",  # each under, together over
        "while True:\n    print('y' * 10_000)",
    ],
)
def test_writing_too_much_hits_the_output_limit(source):
    result = run(source, limits=Limits(timeout_s=20, output_mb=2))

    assert result.violation == Violation.OUTPUT_SIZE
    assert result.reason == "output larger than 2 MiB"
    assert result.files == {}


def test_stdout_is_capped_in_the_result():
    result = run("print('a' * 1_000_000)\nprint('the end')", limits=Limits(timeout_s=20, capture_bytes=1000))

    assert result.ok
    assert len(result.stdout) < 1100
    assert "bytes omitted" in result.stdout
    assert result.stdout.endswith("the end\n")


# --- Script errors ------------------------------------------------------------------------


def test_a_syntax_error_is_reported_with_its_line():
    result = run("x = 1\ndef broken(:\n    pass")

    assert result.violation == Violation.ERROR
    assert result.reason == "SyntaxError: invalid syntax (line 2)"
    assert 'File "script.py", line 2' in result.stderr


def test_an_exception_is_reported_with_its_traceback():
    result = run("rows = []\nprint(rows[3])")

    assert result.violation == Violation.ERROR
    assert result.reason == "IndexError: list index out of range"
    assert 'File "script.py", line 2, in <module>' in result.stderr


def test_a_non_zero_exit_status_fails_the_run():
    result = run("exit(3)")

    assert (result.ok, result.violation, result.exit_code) == (False, Violation.ERROR, 3)
    assert result.reason == "the script exited with status 3"


# --- Misuse and settings ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "outputs"),
    [({"../escape.csv": b""}, []), ({"dir/input.csv": b""}, []), ({"script.py": b""}, []), ({}, ["/etc/passwd"])],
)
def test_it_rejects_file_names_that_are_not_plain(files, outputs):
    with pytest.raises(SandboxError):
        run_script("pass", files=files, outputs=outputs, limits=FAST)


@override_settings(WFP_SANDBOX_TIMEOUT=7, WFP_SANDBOX_CPU_SECONDS=5, WFP_SANDBOX_MEMORY_MB=900, WFP_SANDBOX_OUTPUT_MB=3)
def test_default_limits_come_from_settings():
    limits = Limits.from_settings()

    assert (limits.timeout_s, limits.cpu_s, limits.memory_mb, limits.output_mb) == (7, 5, 900, 3)


def run_filter(program: list[tuple[int, int, int, int]], nr: int, arch: int, arg0: int = 0) -> int:
    """A small classic-BPF interpreter: enough for the instructions the filter uses."""
    data = struct.pack("<iIQ6Q", nr, arch, 0, arg0, 0, 0, 0, 0, 0)
    accumulator, pc = 0, 0
    while True:
        code, jt, jf, k = program[pc]
        pc += 1
        if code == _child.BPF_RET:
            return k
        if code == _child.BPF_LD_ABS:
            accumulator = struct.unpack_from("<I", data, k)[0]
            continue
        taken = {
            _child.BPF_JEQ: accumulator == k,
            _child.BPF_JGE: accumulator >= k,
            _child.BPF_JSET: bool(accumulator & k),
        }[code]
        pc += jt if taken else jf


@pytest.mark.parametrize("machine", sorted(_child.SECCOMP_TABLES))
def test_the_seccomp_filter_refuses_processes_and_sockets_but_not_threads(machine):
    arch, denied, clone, clone3 = _child.SECCOMP_TABLES[machine]
    program = _child.seccomp_program(arch, denied, clone, clone3)
    eperm = _child.SECCOMP_RET_ERRNO | errno.EPERM
    allow = _child.SECCOMP_RET_ALLOW

    assert [run_filter(program, nr, arch) for nr in denied] == [eperm] * len(denied)
    assert run_filter(program, 0, arch) == allow  # read on x86_64, io_setup on aarch64
    assert run_filter(program, 63, arch) == allow  # uname / read
    assert run_filter(program, clone, arch, arg0=_child.CLONE_THREAD | 0x100) == allow
    assert run_filter(program, clone, arch, arg0=17) == eperm  # fork: SIGCHLD only
    assert run_filter(program, clone3, arch) == _child.SECCOMP_RET_ERRNO | errno.ENOSYS
    assert run_filter(program, 0x40000000 + 59, arch) == eperm  # x32 calls
    assert run_filter(program, 0, arch + 1) == eperm  # another ABI

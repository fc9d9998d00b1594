"""Bootstrap of the sandbox child process: trusted code that runs before and around a script.

The parent starts it by path (`python -I -B -X utf8 _child.py CONFIG_JSON`), so it may import
only the standard library: nothing of wfplatform or Django is loaded in the child. In order it

1. lowers its resource limits, soft = hard, so the script cannot raise them again;
2. sets no_new_privs, leaves the host's network (and, where it can, user) namespace, and
   installs a seccomp filter refusing new programs, processes and sockets;
3. compiles the script and imports the heavy allowed libraries it names (pandas, numpy);
4. replaces `builtins.__import__` with a guard for imports made by the script's own code;
5. installs an audit hook (which cannot be removed) that ends the process on network use,
   process creation, file access outside the allowed paths, ctypes and frame introspection;
6. runs the script as `__main__` and reports the outcome on a pipe the parent reads.

Report lines are JSON objects: {"kind": "started", "isolation": [...]} first, then at most one
{"kind": "violation" | "error", "code": ..., "message": ...}. A script could forge lines on the
pipe; that only changes how its own failure is described, so the parent trusts them that far.
"""

from __future__ import annotations

import builtins
import contextlib
import ctypes
import errno
import json
import os
import re
import resource
import sys
import sysconfig
import traceback
from _thread import get_ident
from collections.abc import Callable
from types import CodeType, FrameType

VIOLATION_EXIT = 86  # the parent treats this exit code together with the report line
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2
SECCOMP_RET_ALLOW = 0x7FFF0000
SECCOMP_RET_ERRNO = 0x00050000
BPF_LD_ABS, BPF_JEQ, BPF_JGE, BPF_JSET, BPF_RET = 0x20, 0x15, 0x35, 0x45, 0x06
X32_SYSCALL_BIT = 0x40000000
CLONE_THREAD = 0x00010000
# arch, refused syscalls (fork, vfork, execve, execveat, socket, kill, tkill, ptrace, process_vm_readv/
# writev, unshare, setns, mount, umount2, pivot_root, chroot, bpf, perf_event_open, add_key,
# request_key, keyctl, userfaultfd, io_uring_*), clone, clone3
SECCOMP_TABLES = {
    "x86_64": (
        0xC000003E,
        (57, 58, 59, 322, 41, 62, 200, 101, 310, 311, 272, 308, 165, 166, 155, 161, 321, 298, 248, 249, 250, 323)
        + (425, 426, 427),
        56,
        435,
    ),
    "aarch64": (
        0xC00000B7,
        (221, 281, 198, 129, 130, 117, 270, 271, 97, 268, 40, 39, 41, 51, 280, 241, 217, 218, 219, 282)
        + (425, 426, 427),
        220,
        435,
    ),
}

NETWORK_EVENTS = ("socket.", "urllib.", "http.client.", "ftplib.", "smtplib.", "imaplib.", "poplib.", "nntplib.")
NETWORK_EVENTS += ("telnetlib.", "webbrowser.")
PROCESS_EVENTS = {
    "subprocess.Popen",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.spawn",
    "os.fork",
    "os.forkpty",
    "os.startfile",
    "pty.spawn",
    "os.kill",
    "os.killpg",
    "signal.pthread_kill",
}
FORBIDDEN_PREFIXES = ("ctypes.", "gc.", "resource.", "winreg.", "msvcrt.", "_winapi.", "syslog.")
FORBIDDEN_EVENTS = {
    "code.__new__",
    "function.__new__",
    "sys.settrace",
    "sys.setprofile",
    "sys._current_frames",
    "sys._current_exceptions",
    "os.putenv",
    "os.unsetenv",
    "os.setxattr",
    "os.removexattr",
    "os.chflags",
    "os.lchflags",
    "os.link",
    "os.symlink",
    "sqlite3.connect",
    "sqlite3.enable_load_extension",
    "sqlite3.load_extension",
}
# Trusted library code uses these for itself (warnings, inspect, imports); the script may not.
INTROSPECTION_EVENTS = {"sys._getframe", "object.__getattr__", "marshal.loads", "marshal.load", "compile"}
READ_PATH_EVENTS = {"os.listdir", "os.scandir", "os.listxattr", "os.getxattr"}
WRITE_PATH_EVENTS = {
    "os.remove",
    "os.rmdir",
    "os.mkdir",
    "os.chmod",
    "os.chown",
    "os.truncate",
    "os.utime",
    "shutil.rmtree",
    "shutil.make_archive",
    "shutil.unpack_archive",
}
TWO_PATH_EVENTS = {
    "os.rename",
    "shutil.copyfile",
    "shutil.copymode",
    "shutil.copystat",
    "shutil.copytree",
    "shutil.move",
}
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
INTERNAL_IMPORTS = {"_strptime"}  # imported by C functions of allowed modules on first use
EXTRA_READ_PATHS = ("/usr/share/zoneinfo", "/usr/lib/locale", "/dev/null", "/dev/urandom")


class ForbiddenImportError(ModuleNotFoundError):
    """An import the allow list refuses; an ImportError, so `try: import x` fallbacks still work."""


class Reporter:
    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.sent_outcome = False

    def send(self, kind: str, **fields: object) -> None:
        if kind != "started":
            if self.sent_outcome:
                return
            self.sent_outcome = True
        line = json.dumps({"kind": kind, **fields}) + "\n"
        with contextlib.suppress(OSError):  # the parent still sees the exit status
            os.write(self.fd, line.encode())


def main() -> None:
    config = json.loads(sys.argv[1])
    reporter = Reporter(config["report_fd"])
    apply_rlimits(config["limits"])
    reporter.send("started", isolation=isolate())
    workdir = os.path.realpath(os.getcwd())
    script = os.path.join(workdir, config["script"])
    try:
        code = compile_script(script, config["script"], reporter)
        preload(config["preload"], script)
    except MemoryError:
        report_memory(reporter)
    sys.argv = [config["script"], *config["args"]]
    trusted_roots = code_roots()
    install_import_guard(frozenset(config["allowed_imports"]), trusted_roots)
    read_roots = (*trusted_roots, *EXTRA_READ_PATHS, os.path.realpath(__file__), workdir)
    sys.addaudithook(make_audit_hook(workdir, read_roots, trusted_roots, reporter))
    run(code, script, reporter)


def apply_rlimits(limits: dict[str, int]) -> None:
    cpu = limits["cpu_s"]
    set_limit(resource.RLIMIT_CPU, cpu, cpu + 1)  # SIGXCPU first, SIGKILL a second later
    set_limit(resource.RLIMIT_AS, limits["memory_bytes"])
    set_limit(resource.RLIMIT_FSIZE, limits["file_bytes"])
    set_limit(resource.RLIMIT_NOFILE, limits["open_files"])
    set_limit(resource.RLIMIT_CORE, 0)


def set_limit(which: int, soft: int, hard: int | None = None) -> None:
    """Never above a hard limit the worker already has: lowering is all a process may do."""
    _, current = resource.getrlimit(which)
    hard = soft if hard is None else hard
    if current != resource.RLIM_INFINITY:
        soft, hard = min(soft, current), min(hard, current)
    resource.setrlimit(which, (soft, hard))


def isolate() -> list[str]:
    """Best effort, as the OS allows: what was applied is reported, never required."""
    done: list[str] = []
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return done
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0:
        done.append("no_new_privs")
    # A user namespace also takes away every capability over the host (raising hard rlimits,
    # reading files by CAP_DAC_OVERRIDE); a network namespace alone needs CAP_SYS_ADMIN.
    if libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0:
        done += ["user_namespace", "network_namespace"]
    elif libc.unshare(CLONE_NEWNET) == 0:
        done.append("network_namespace")
    # Last: the filter refuses unshare itself. Before any thread exists, so all threads get it.
    if "no_new_privs" in done and install_seccomp(libc):
        done.append("seccomp")
    return done


class SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte), ("k", ctypes.c_uint32)]


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]


def install_seccomp(libc: ctypes.CDLL) -> bool:
    """A kernel filter that refuses new programs, processes and sockets, whatever the script calls.

    The audit hook sees Python's calls only; this also stops the paths around it, such as
    `_posixsubprocess.fork_exec` (not audited) or a socket to a Unix-domain path, which a network
    namespace does not cover. Threads stay allowed (clone with CLONE_THREAD).
    """
    table = SECCOMP_TABLES.get(os.uname().machine)
    if table is None:
        return False
    program = seccomp_program(*table)
    filters = (SockFilter * len(program))(*(SockFilter(*op) for op in program))
    fprog = SockFprog(len(program), filters)
    return libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) == 0


def seccomp_program(arch: int, denied: tuple[int, ...], clone: int, clone3: int) -> list[tuple[int, int, int, int]]:
    deny = (BPF_RET, 0, 0, SECCOMP_RET_ERRNO | errno.EPERM)
    allow = (BPF_RET, 0, 0, SECCOMP_RET_ALLOW)
    program = [(BPF_LD_ABS, 0, 0, 4), (BPF_JEQ, 1, 0, arch), deny, (BPF_LD_ABS, 0, 0, 0)]
    # Jump offsets count from the next instruction; `deny` ends up 5 past the last refused number.
    program.append((BPF_JGE, len(denied) + 5, 0, X32_SYSCALL_BIT))  # x32 calls on x86_64: to deny
    program += [(BPF_JEQ, len(denied) - i + 4, 0, nr) for i, nr in enumerate(denied)]
    # ENOSYS makes the C library fall back from clone3 to clone, whose flags the filter can read.
    program += [(BPF_JEQ, 0, 1, clone3), (BPF_RET, 0, 0, SECCOMP_RET_ERRNO | errno.ENOSYS)]
    program += [(BPF_JEQ, 0, 3, clone), (BPF_LD_ABS, 0, 0, 16), (BPF_JSET, 1, 0, CLONE_THREAD)]
    return [*program, deny, allow]


def compile_script(path: str, name: str, reporter: Reporter) -> CodeType:
    """Under its bare name, relative to the working directory: tracebacks show no temporary paths."""
    with open(path, "rb") as handle:
        source = handle.read()
    try:
        return compile(source, name, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:  # ValueError: a NUL byte in the source
        traceback.print_exception(exc, limit=0)
        message = f"{one_line(exc)} (line {exc.lineno})" if isinstance(exc, SyntaxError) else one_line(exc)
        reporter.send("error", code="error", message=message)
        finish(1)


def preload(modules: list[str], path: str) -> None:
    """Import heavy allowed libraries before the guards, so their own imports are not slowed."""
    with open(path, encoding="utf-8", errors="replace") as handle:
        source = handle.read()
    for module in modules:
        if re.search(rf"\b{re.escape(module)}\b", source):
            with contextlib.suppress(ImportError):  # the script's own import then fails as usual
                __import__(module)


def code_roots() -> tuple[str, ...]:
    """Directories of the interpreter's own code: the standard library and site-packages."""
    base = {
        "base": sysconfig.get_config_var("installed_base"),
        "platbase": sysconfig.get_config_var("installed_platbase"),
    }
    roots: set[str] = set()
    for paths in (sysconfig.get_paths(), sysconfig.get_paths(vars=base)):
        for key in ("stdlib", "platstdlib", "purelib", "platlib"):
            if paths.get(key):
                roots.update({paths[key], os.path.realpath(paths[key])})
    return tuple(sorted(roots))


def within(path: str, roots: tuple[str, ...]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def is_trusted(frame: FrameType | None, trusted_roots: tuple[str, ...]) -> bool:
    return frame is None or looks_trusted(frame.f_code.co_filename, trusted_roots)


def looks_trusted(filename: object, trusted_roots: tuple[str, ...]) -> bool:
    try:
        filename = os.fsdecode(filename)  # type: ignore[arg-type]
    except TypeError:
        return False
    return filename.startswith("<frozen ") or filename == __file__ or within(filename, trusted_roots)


def install_import_guard(allowed: frozenset[str], trusted_roots: tuple[str, ...]) -> None:
    """Refuse imports made by the script's code; libraries keep importing what they need."""
    real_import = builtins.__import__

    def guarded_import(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002
        if level == 0 and name.partition(".")[0] in allowed:
            return real_import(name, globals, locals, fromlist, level)
        # C code imports through here too, from the frame of whoever called it: datetime's
        # strftime imports `time`, strptime `_strptime`. Those calls pass an empty list, where
        # import statements pass None or a tuple. Mimicking them yields only loaded modules.
        internal = type(fromlist) is list and not fromlist
        if internal and (name in sys.modules or name in INTERNAL_IMPORTS):
            return real_import(name, globals, locals, fromlist, level)
        if not is_trusted(sys._getframe(1), trusted_roots):
            shown = "." * level + name
            raise ForbiddenImportError(f"import of {shown!r} is not allowed", name=shown)
        return real_import(name, globals, locals, fromlist, level)

    builtins.__import__ = guarded_import


def make_audit_hook(
    workdir: str, read_roots: tuple[str, ...], trusted_roots: tuple[str, ...], reporter: Reporter
) -> Callable[[str, tuple], None]:
    """The hook and its policy live only in this closure: nothing the script can reach holds them."""
    busy: set[int] = set()

    def caller_is_trusted() -> bool:
        return is_trusted(sys._getframe(3), trusted_roots)  # 0 here, 1 check, 2 hook, 3 the caller

    def path_of(value: object) -> str | None:
        if value is None:
            return os.getcwd()
        if isinstance(value, int):
            return None  # an already open descriptor: nothing new is reached
        return os.path.realpath(os.fsdecode(value))

    def writable(value: object) -> str | None:
        path = path_of(value)
        if path is None or within(path, (workdir,)):
            return None
        return f"writing {path!r} is not allowed: only the working directory is writable"

    def readable(value: object) -> str | None:
        path = path_of(value)
        if path is None or within(path, read_roots):
            return None
        return f"reading {path!r} is not allowed: only the working directory is readable"

    def check_open(args: tuple) -> str | None:
        path, mode, flags = args
        if (isinstance(mode, str) and set(mode) & set("wax+")) or (isinstance(flags, int) and flags & WRITE_FLAGS):
            return writable(path)
        return readable(path)

    def check(event: str, args: tuple) -> tuple[str, str] | None:
        if event == "open":
            problem = check_open(args)
            return ("file_access", problem) if problem else None
        if event.startswith(NETWORK_EVENTS):
            return "network", "network access is not allowed"
        if event in PROCESS_EVENTS:
            return "subprocess", f"starting or signalling processes is not allowed ({event})"
        if event in FORBIDDEN_EVENTS or event.startswith(FORBIDDEN_PREFIXES):
            return "forbidden_operation", f"{event} is not allowed in the sandbox"
        if event in READ_PATH_EVENTS:
            problem = readable(args[0])
            return ("file_access", problem) if problem else None
        if event in WRITE_PATH_EVENTS or event in TWO_PATH_EVENTS:
            paths = args[:2] if event in TWO_PATH_EVENTS else args[:1]
            problem = next(filter(None, map(writable, paths)), None)
            return ("file_access", problem) if problem else None
        if event == "compile" and not looks_trusted(args[1], trusted_roots):
            return None  # the script's own eval/exec: its code stays untrusted
        if event in INTROSPECTION_EVENTS and not caller_is_trusted():
            return "forbidden_operation", f"introspection ({event}) is not allowed in the sandbox"
        return None

    def hook(event: str, args: tuple) -> None:
        if event in ("exec", "import", "builtins.id", "os.chdir") or get_ident() in busy:
            return
        busy.add(get_ident())
        try:
            verdict = check(event, args)
        finally:
            busy.discard(get_ident())
        if verdict:
            code, message = verdict
            with contextlib.suppress(Exception):  # stderr may be full (RLIMIT_FSIZE): report anyway
                print(f"sandbox: {message}", file=sys.stderr)
            reporter.send("violation", code=code, message=message)
            finish(VIOLATION_EXIT)

    return hook


def run(code: CodeType, script: str, reporter: Reporter) -> None:
    namespace = {"__name__": "__main__", "__file__": script, "__builtins__": builtins}
    try:
        exec(code, namespace)
    except SystemExit as exc:
        finish(exit_status(exc, reporter))
    except ForbiddenImportError as exc:
        print_script_error(exc)
        reporter.send("violation", code="forbidden_import", message=str(exc))
        finish(VIOLATION_EXIT)
    except MemoryError:
        report_memory(reporter)
    except OSError as exc:
        if exc.errno != errno.EFBIG:
            fail(exc, reporter)
        reporter.send("violation", code="output_size", message="file too large")
        finish(VIOLATION_EXIT)
    except BaseException as exc:  # noqa: BLE001 - every failure of the script becomes a report
        fail(exc, reporter)
    finish(0)


def report_memory(reporter: Reporter) -> None:
    print("MemoryError", file=sys.stderr)
    reporter.send("violation", code="memory", message="out of memory")
    finish(VIOLATION_EXIT)


def exit_status(exc: SystemExit, reporter: Reporter) -> int:
    if exc.code is None or exc.code == 0:
        return 0
    if isinstance(exc.code, int):
        reporter.send("error", code="error", message=f"the script exited with status {exc.code}")
        return exc.code
    print(exc.code, file=sys.stderr)
    reporter.send("error", code="error", message=str(exc.code)[:500])
    return 1


def fail(exc: BaseException, reporter: Reporter) -> None:
    print_script_error(exc)
    reporter.send("error", code="error", message=one_line(exc))
    finish(1)


def print_script_error(exc: BaseException) -> None:
    try:
        report = traceback.TracebackException(type(exc), exc, exc.__traceback__)
        hide_bootstrap(report, set())
        sys.stderr.write("".join(report.format()))
    except Exception:  # noqa: BLE001 - a traceback that cannot print must not hide the report
        print(one_line(exc), file=sys.stderr)


def hide_bootstrap(report: traceback.TracebackException | None, seen: set[int]) -> None:
    """The bootstrap's frames (exec, the import guard) say nothing useful to the script's author."""
    if report is None or id(report) in seen:
        return
    seen.add(id(report))
    report.stack = traceback.StackSummary.from_list([f for f in report.stack if f.filename != __file__])
    hide_bootstrap(report.__cause__, seen)
    hide_bootstrap(report.__context__, seen)


def one_line(exc: BaseException) -> str:
    try:
        text = traceback.format_exception_only(type(exc), exc)[-1].strip()
    except Exception:  # noqa: BLE001
        text = type(exc).__name__
    return text[:500]


def finish(status: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a full disk must not keep the status from the parent
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()

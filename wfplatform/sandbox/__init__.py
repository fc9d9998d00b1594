"""Run untrusted (LLM-written) Python scripts in a separate, locked-down process.

    result = run_script(source, files={"input.csv": path}, outputs=["output.csv"])
    if result.ok:
        converted = result.files["output.csv"]
    else:
        log(result.violation, result.reason)   # e.g. "timeout", "time limit of 300 s exceeded"

Threat model: the script is written by a language model from user-supplied examples, so it
may be wrong, wasteful or, through prompt injection, hostile. It must not read the server's
secrets, reach the network, start processes, touch files outside its working directory, or
exhaust the machine. A script that breaks a rule fails with a `Violation` code and a reason.

What enforces what:

- The boundary is the separate process. Scripts never run in the server or worker process:
  `sys.executable -I -B` runs `_child.py` in a new session (killed as a whole process group),
  with an environment built from nothing (no SECRET_KEY, API keys or DATABASE_URL), no inherited
  descriptors but its own report pipe, and an empty temporary working directory.
- Resources, by the kernel: RLIMIT_CPU, RLIMIT_AS (memory), RLIMIT_FSIZE (largest file written,
  stdout and stderr included), RLIMIT_NOFILE, no core dumps; soft = hard, so the script cannot
  raise them. The parent enforces the wall clock (WFP_SANDBOX_TIMEOUT, default 300 s) and the
  total size written to the working directory, and reads back stdout/stderr capped.
- The kernel, where the OS allows it (what was applied is in `SandboxResult.isolation`):
  no_new_privs; a new network namespace (only a loopback that is down: no connection can be
  made); a new user namespace (no capabilities over the host even when the worker runs as
  root); and a seccomp filter (x86_64, aarch64) refusing execve, fork/clone of processes (threads
  stay allowed), socket creation of any family (Unix-domain sockets too, which a network
  namespace does not cover), ptrace, kill, unshare/mount and io_uring.
- Inside the child, as defence in depth and for clear messages: an import guard refusing
  modules outside `policy.DEFAULT_ALLOWED_IMPORTS` to the script's own code, and an audit hook
  (PEP 578, cannot be removed) ending the run on sockets, urllib, subprocess/os.system/exec/
  fork/kill, ctypes, gc and frame introspection, rlimit changes, and on opening files outside
  the working directory (reads are also allowed from the Python installation and time zones).

What is not enforced: the audit hook and import guard are not a hard security boundary. The
script runs in the same interpreter as the bootstrap and can reach modules that libraries have
already loaded (`pandas.io.common.os`), so the import guard is there for clear messages, and a
determined attacker may find a way around the audit hook (for example a memory-corruption bug
in a C extension). File reads are the weakest point: the child runs as the worker's own user,
so a file that user may read is kept from the script only by the audit hook. Run workers as a
dedicated user that cannot read secrets files, and keep secrets in the environment (the child
gets none). Without namespaces and seccomp (other kernels, containers that forbid them) the
network and process rules rest on the audit hook alone. RLIMIT_AS limits address space, not
resident memory. Only names matter to the import guard: `import pandas` allows all of pandas.
"""

from wfplatform.sandbox.limits import Limits
from wfplatform.sandbox.policy import DEFAULT_ALLOWED_IMPORTS
from wfplatform.sandbox.result import SandboxResult, Violation
from wfplatform.sandbox.runner import SandboxError, run_script

__all__ = ["DEFAULT_ALLOWED_IMPORTS", "Limits", "SandboxError", "SandboxResult", "Violation", "run_script"]

"""Serve the ASGI app and run one django-q2 cluster, in the foreground, until Ctrl-C."""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the web server (daphne, HTTP + WebSockets) and a job worker cluster; Ctrl-C stops both."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-worker", action="store_true", help="Serve only; run workers elsewhere.")
        parser.add_argument(
            "--no-bridge", action="store_true", help="Do not serve agent:jobs on Redis (started when Redis is set)."
        )

    def handle(self, host: str, port: int, no_worker: bool, no_bridge: bool, **options) -> None:
        # daphne, through wfplatform.serve: its access log blanks the secrets some paths carry.
        server = [sys.executable, "-m", "wfplatform.serve", "-b", host, "-p", str(port), "wfplatform.asgi:application"]
        commands = [server]
        if not no_worker:
            commands.append([sys.executable, "manage.py", "qcluster"])
        if settings.WFP_AGENT_REDIS_URL and not no_bridge:
            # The seed's Redis protocol for orchestrators that push agent jobs there.
            commands.append([sys.executable, "manage.py", "agentrunner_bridge"])
        # Own sessions: a Ctrl-C reaches only this command, which stops the children in order
        # (a cluster whose workers got the SIGINT directly waits out its stop timeout).
        children = [subprocess.Popen(command, start_new_session=True) for command in commands]
        self.stdout.write(f"wfplatform on http://{host}:{port}/  (docs: /docs, admin: /admin/). Ctrl-C stops.")
        stopping = False

        def stop(signum, frame) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while not stopping and all(child.poll() is None for child in children):
            time.sleep(0.3)
        exit_code = self._stop_all(children)
        if not stopping:
            self.stderr.write("A process exited on its own; stopped the others.")
            sys.exit(exit_code or 1)

    def _stop_all(self, children: list[subprocess.Popen]) -> int:
        for child in children:
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        return max((child.returncode or 0) for child in children)

from __future__ import annotations

import signal
import socket

from django.core.management.base import BaseCommand, CommandError

from agentrunner.services.bridge import DEFAULT_USER, Bridge
from agentrunner.services.jobs import redis_client


class Command(BaseCommand):
    help = (
        "Serve the seed's Redis protocol: pop agent jobs from the list agent:jobs, run them (on the workers, or "
        "here with --inline) and publish each result on agent:results:{job_id}."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--name", default=socket.gethostname(), help="This bridge's name (its processing list).")
        parser.add_argument("--user", default=DEFAULT_USER, help="Owner of jobs whose workflow_owner is no user.")
        parser.add_argument("--inline", action="store_true", help="Run jobs in this process, not on the workers.")
        parser.add_argument("--once", action="store_true", help="Handle the jobs waiting now, then stop.")
        parser.add_argument("--poll", type=float, default=2.0, help="Seconds to wait for a job before looking again.")

    def handle(self, name: str, user: str, inline: bool, once: bool, poll: float, **options) -> None:
        try:
            client = redis_client()
            client.ping()
        except Exception as exc:
            raise CommandError(f"cannot reach Redis: {type(exc).__name__}: {exc}") from None
        bridge = Bridge(client=client, name=name, username=user, inline=inline)
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        recovered = bridge.recover()
        if recovered:
            self.stdout.write(f"Recovered {recovered} job(s) left by an earlier run")
        self.stdout.write(f"Bridge {name!r} waiting on agent:jobs ({'inline' if inline else 'workers'})")
        handled = 0
        try:
            while not stopping:
                if bridge.poll(timeout=0.1 if once else poll):
                    handled += 1
                elif once:
                    break
        except KeyboardInterrupt:
            pass
        self.stdout.write(f"Bridge stopped after {handled} job(s)")

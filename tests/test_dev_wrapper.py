"""scripts/dev.py starts the embedded PostgreSQL and Redis when no URLs are given, and leaves
nothing running afterwards; with URLs given it starts nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _embedded_processes(data_dir: Path) -> list[str]:
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = " ".join(proc.info["cmdline"] or [])
        if str(data_dir) in cmdline and ("postgres" in cmdline or "redis" in cmdline):
            found.append(cmdline)
    return found


@pytest.mark.integration
def test_embedded_servers_start_serve_and_stop(tmp_path):
    data_dir = tmp_path / "d"
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["FAMILIESCHOOL_DATA_DIR"] = str(data_dir)
    probe = (
        "import os, psycopg, redis, dj_database_url as d;"
        "c = d.parse(os.environ['DATABASE_URL']);"
        "print(psycopg.connect(host=c['HOST'], user=c['USER'], dbname=c['NAME']).execute('select 1').fetchone()[0]);"
        "p = os.environ['REDIS_URL'].removeprefix('redis+socket://');"
        "print(redis.Redis(unix_socket_path=p).ping())"
    )

    result = subprocess.run(  # noqa: S603
        [sys.executable, "scripts/dev.py", "services", "--", sys.executable, "-c", probe],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "True"]
    assert _embedded_processes(data_dir) == []


def test_given_urls_start_no_embedded_server(tmp_path):
    data_dir = tmp_path / "leeg"
    env = {
        **os.environ,
        "FAMILIESCHOOL_DATA_DIR": str(data_dir),
        "DATABASE_URL": "postgres://x@127.0.0.1:1/x",
        "REDIS_URL": "redis://127.0.0.1:1/0",
    }

    result = subprocess.run(
        [
            sys.executable,
            "scripts/dev.py",
            "services",
            "--",
            sys.executable,
            "-c",
            "import os; print(os.environ['DATABASE_URL'], os.environ['REDIS_URL'])",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["postgres://x@127.0.0.1:1/x", "redis://127.0.0.1:1/0"]
    assert not data_dir.exists()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.integration
def test_make_run_serves_the_login_page_and_ctrl_c_stops_everything(tmp_path):
    """What `make run` does, on a fresh data directory: migrate, seed the demo, serve web +
    worker + beat, print the logins; SIGINT (Ctrl-C) stops all of it and the embedded servers."""
    import signal
    import time
    import urllib.request

    data_dir = tmp_path / "run"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update({"FAMILIESCHOOL_DATA_DIR": str(data_dir), "PORT": str(port)})
    process = subprocess.Popen(
        [sys.executable, "scripts/dev.py", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        body = ""
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2) as response:
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert "Inloggen" in body
    finally:
        os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        output, _ = process.communicate(timeout=90)

    assert "coordinator@demo.familieschool.test" in output
    assert "Familieschool draait op" in output
    assert _embedded_processes(data_dir) == []
    leftovers = [
        " ".join(p.info["cmdline"] or [])
        for p in psutil.process_iter(["cmdline"])
        if f"127.0.0.1:{port}" in " ".join(p.info["cmdline"] or [])
    ]
    assert leftovers == []

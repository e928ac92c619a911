"""`make load`: locust, headless, against gunicorn with production settings on loopback.

Starts the server (bench.server), logs in once per role (allauth accepts a TOTP code only once,
and login is rate limited per address, so the simulated people of one role share that role's
session, as colleagues on one school's accounts would), hands the cookies and ids to the
locustfile in a JSON file, and runs locust: ``LOAD_USERS`` (50) users for ``LOAD_TIME`` (2m).
Locust prints throughput, percentiles and failures; this prints a short summary of its CSV.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import requests

from bench import client, server
from bench.run import targets_for

ROOT = Path(__file__).resolve().parent.parent
ROLES = ("coordinator", "brugfunctionaris", "leerkracht", "begeleider", "schoolleider", "bestuur")


def main() -> int:
    users = os.environ.get("LOAD_USERS", "50")
    duration = os.environ.get("LOAD_TIME", "2m")
    # The largest data set there is: the 36-school board when the generator exists, else the demo.
    label, env = server.datasets(36)[-1]
    targets = targets_for(env)
    workers = int(os.environ.get("BENCH_WORKERS", "2"))
    with server.serve(env, workers=workers) as base_url, tempfile.TemporaryDirectory() as tmp:
        cookies = {}
        for rol in ROLES:
            session = requests.Session()
            client.prepare_session(session, base_url)
            client.login_with_retry(
                session, base_url, email=targets["users"][rol], secret=targets["secrets"][rol], timeout=60
            )
            cookies[rol] = session.cookies.get_dict()
        state = Path(tmp) / "state.json"
        state.write_text(json.dumps({"base_url": base_url, "cookies": cookies, "targets": targets}))
        prefix = Path(tmp) / "locust"
        print(f"[load] locust: {users} gebruikers, {duration}, {base_url}; {label}, {targets['school']}", flush=True)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--users",
                users,
                "--spawn-rate",
                os.environ.get("LOAD_SPAWN_RATE", "10"),
                "--run-time",
                duration,
                "--host",
                base_url,
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--stop-timeout",
                "10",
            ],
            env={**os.environ, "BENCH_LOAD_STATE": str(state)},
            cwd=ROOT,
            check=False,
        )
        summary(Path(f"{prefix}_stats.csv"), Path(f"{prefix}_failures.csv"))
    return done.returncode


def summary(stats: Path, failures: Path) -> None:
    if not stats.exists():
        print("[load] geen statistiek van locust")
        return
    rows = list(csv.DictReader(stats.open()))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    print(
        f"\n[load] totaal: {total['Request Count']} verzoeken, {float(total['Requests/s']):.1f} req/s, "
        f"p50 {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms, fouten {total['Failure Count']}"
    )
    if failures.exists():
        for row in csv.DictReader(failures.open()):
            print(f"[load] fout: {row['Method']} {row['Name']}: {row['Error']} ×{row['Occurrences']}")


if __name__ == "__main__":
    sys.exit(main())

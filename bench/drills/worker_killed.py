"""Drill (`make drill-worker`): a Celery worker is killed (SIGKILL) mid-batch; every reminder
still arrives exactly once.

The scenario already exists as an integration test with the real thing
(tests/activiteiten/test_herinneringen_integratie.py, ``test_worker_killed_mid_send_loses_nothing``):
500 due reminders, a real worker process (solo pool), a sweeper loop standing in for beat, real
Redis and a real SMTP server (aiosmtpd) that holds its "250 accepted" while the worker is killed,
the worst moment. A second worker and the sweeper finish the batch. This runs that test (and,
with ``DRILL_ALL=1``, its siblings: SMTP down, Redis flushed mid-run) with its figures printed:
delivered, distinct Message-IDs, duplicates, attempts per row.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEST = "tests/activiteiten/test_herinneringen_integratie.py"


def main() -> int:
    selection = [] if os.environ.get("DRILL_ALL") else ["-k", "test_worker_killed_mid_send_loses_nothing"]
    print("Oefening: worker gedood midden in een batch van 500 herinneringen (SIGKILL)", flush=True)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", TEST, *selection, "-m", "integration", "-s", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        check=False,
    )
    print(
        "Uitkomst: "
        + (
            "geslaagd: niets verloren, elke herinnering één keer verstuurd (één bewust toegestane"
            " herhaling onder dezelfde Message-ID, zie de regel [herinneringen] hierboven)"
            if done.returncode == 0
            else f"MISLUKT (pytest exit {done.returncode})"
        )
    )
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())

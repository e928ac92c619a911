"""Celery tasks of the message outbox (activiteiten.ouders.herinneringen).

``task_sweep_herinneringen`` runs from beat once a minute (and is kicked after a commit that
queued something due now); ``task_verstuur_herinnering`` sends one claimed row. Both are cheap to
run twice: the sweeper holds an advisory lock, the sender re-reads and locks its row.

The send task acknowledges late and is rejected (requeued) when its worker dies, and its hard time
limit stays far under both the lease (a live claim is never taken over) and the Redis visibility
timeout (a running task is never redelivered while it runs, REL-07).
"""

from __future__ import annotations

from celery import shared_task

from activiteiten.ouders import herinneringen

VERSTUUR_TIME_LIMIT = 120  # seconds; the SMTP timeout is 20 s
VERSTUUR_SOFT_TIME_LIMIT = 100


@shared_task(ignore_result=True)
def task_sweep_herinneringen() -> int:
    """Claim the due rows and queue their send tasks. Returns the number claimed."""
    return herinneringen.sweep()


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=VERSTUUR_TIME_LIMIT,
    soft_time_limit=VERSTUUR_SOFT_TIME_LIMIT,
    ignore_result=True,
)
def task_verstuur_herinnering(*, herinnering_id: int, poging: int | None = None) -> str:
    """Send one outbox row if it is still claimed by this attempt (``poging``). Owns no retries:
    a failure puts the row back with a backoff and the sweeper takes it again."""
    return herinneringen.verstuur(herinnering_id=herinnering_id, poging=poging)

"""Background jobs of the pupil import. Each fetches the batch by id, returns early when it is
gone, and calls one service; progress goes to the cache (gezinnen.imports.voortgang)."""

from __future__ import annotations

from celery import shared_task

from gezinnen import imports
from gezinnen.models import Importbatch


def _batch(batch_id: int) -> Importbatch | None:
    return Importbatch.objects.select_related("school", "schooljaar").filter(pk=batch_id).first()


@shared_task
def task_compute_verschillen(*, batch_id: int) -> str | None:
    """Compare an uploaded batch with the database for the preview."""
    batch = _batch(batch_id)
    if batch is None:
        return None
    return imports.store_verschillen(batch=batch).status


# No automatic retries: the apply is one transaction, so a failure saved nothing, and the batch
# says MISLUKT so the user can upload again. acks_late (settings) re-runs it if a worker dies.
@shared_task
def task_apply_import(*, batch_id: int) -> str | None:
    """Apply an approved batch, all or nothing."""
    batch = _batch(batch_id)
    if batch is None:
        return None
    return imports.process_import(batch=batch).status

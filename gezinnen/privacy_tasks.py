"""The daily retention purge (gezinnen.privacy.retention). Imported by GezinnenConfig.ready(), because
Celery's autodiscovery only looks in tasks.py."""

from __future__ import annotations

import logging

from celery import shared_task

from familieschool.models import School
from gezinnen.privacy import retention

logger = logging.getLogger(__name__)


@shared_task
def task_anonimiseer_vertrokken() -> dict[str, int]:
    """Anonymise, school by school, who left longer ago than the retention period. Each school
    gets its own transaction and its own Anonimiseringsronde, so one school's failure leaves the
    others done and the page of each school shows its own record. Logs counts, never names."""
    totaal = {"scholen": 0, "leerlingen": 0, "gezinnen": 0, "verzorgers": 0}
    for school in School.objects.order_by("pk"):
        ronde = retention.anonimiseer_vertrokken(proefdraai=False, school=school)
        totaal["scholen"] += 1
        totaal["leerlingen"] += ronde.aantal_leerlingen
        totaal["gezinnen"] += ronde.aantal_gezinnen
        totaal["verzorgers"] += ronde.aantal_verzorgers
        if ronde.aantal_leerlingen or ronde.aantal_gezinnen or ronde.aantal_verzorgers:
            logger.info(
                "Bewaartermijn school %s: %s leerlingen, %s gezinnen, %s verzorgers geanonimiseerd",
                school.pk,
                ronde.aantal_leerlingen,
                ronde.aantal_gezinnen,
                ronde.aantal_verzorgers,
            )
    return totaal

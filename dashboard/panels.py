"""The start page's "Familieschool in cijfers": a few key figures of the active school in the
current school year, with a link to the dashboard; suppressed as on the dashboards.

The figures cost 12 queries (the year, the 11 indicators); the start page is opened many times
a day, so they are kept in the cache for ten minutes per school (the panel says when they were
computed) and a visit within that time costs none."""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from redis.exceptions import RedisError

from dashboard import selectors, weergave
from familieschool.models import School, Schooljaar
from familieschool.panels import Panel
from familieschool.permissions import can, request_school
from familieschool.selectors import schooljaar_for_date

CACHE_SECONDEN = 600
logger = logging.getLogger(__name__)


def kerncijfers(school: School) -> dict[str, Any]:
    """{"schooljaar", "cijfers", "om"}: this year's key figures of ``school``, from the cache
    when they are younger than ten minutes."""
    nu = timezone.localtime()
    startjaar = Schooljaar.startjaar_voor(nu.date())
    sleutel = f"dashboard:kerncijfers:{school.pk}:{startjaar}"
    bewaard: dict[str, Any] | None = None
    try:
        bewaard = cache.get(sleutel)
    except RedisError:
        logger.warning("Cache niet bereikbaar; kerncijfers worden opnieuw berekend.")
    if bewaard is None:
        schooljaar = schooljaar_for_date(nu.date())
        cijfers = selectors.jaarcijfers(scholen=[school], schooljaren=[schooljaar], peildatum=nu.date())
        bewaard = {
            "schooljaar": str(schooljaar),
            "cijfers": weergave.kerncijfers(cijfers[(school.pk, startjaar)]),
            "om": nu,
        }
        # A start page without Redis still shows the figures (make drill-redis).
        with contextlib.suppress(RedisError):
            cache.set(sleutel, bewaard, CACHE_SECONDEN)
    return bewaard


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    if not can(request, "dashboard.school"):
        return None
    return Panel(
        "dashboard/_start.html",
        {**kerncijfers(request_school(request)), "mag_bestuur": can(request, "dashboard.bestuur")},
    )

"""The start page's "Familieschool in cijfers": a few key figures of the active school in the
current school year, with a link to the dashboard; suppressed as on the dashboards.

The figures cost 12 queries (the year, the 11 indicators); the start page is opened many times
a day, so they are kept in the cache for ten minutes per school (the panel says when they were
computed) and a visit within that time costs none."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from dashboard import selectors, weergave
from familieschool.models import School, Schooljaar
from familieschool.panels import Panel
from familieschool.permissions import can, request_school
from familieschool.selectors import schooljaar_for_date

CACHE_SECONDEN = 600


def kerncijfers(school: School) -> dict[str, Any]:
    """{"schooljaar", "cijfers", "om"}: this year's key figures of ``school``, from the cache
    when they are younger than ten minutes (selectors.bewaard)."""
    vandaag = timezone.localdate()
    startjaar = Schooljaar.startjaar_voor(vandaag)

    def bereken() -> tuple[str, list[Any]]:
        schooljaar = schooljaar_for_date(vandaag)
        cijfers = selectors.jaarcijfers(scholen=[school], schooljaren=[schooljaar], peildatum=vandaag)
        return str(schooljaar), weergave.kerncijfers(cijfers[(school.pk, startjaar)])

    (schooljaar, cijfers), om = selectors.bewaard(f"dashboard:start:{school.pk}:{startjaar}", CACHE_SECONDEN, bereken)
    return {"schooljaar": schooljaar, "cijfers": cijfers, "om": timezone.localtime(om)}


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    if not can(request, "dashboard.school"):
        return None
    return Panel(
        "dashboard/_start.html",
        {**kerncijfers(request_school(request)), "mag_bestuur": can(request, "dashboard.bestuur")},
    )

"""What signals add to pages they do not own: the start page and the family file's timeline."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from familieschool.panels import Panel
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_user as _user
from familieschool.roles import Rol, heeft_recht
from familieschool.services import record_inzagen
from gezinnen.models import Melding, SignaalStatus
from gezinnen.signalen import selectors


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    """Overdue signals (a handler's own; the coordinator's: the whole school), open signals
    for me, and unread notifications. Counts and links only; no names on the start page."""
    rol = getattr(request, "rol", None)
    if not heeft_recht(rol, "signalen.lezen"):
        return None
    school = _school(request)
    vandaag = timezone.localdate()
    lid = getattr(request, "lidmaatschap", None)
    aandachtsfunctionaris = bool(lid and lid.is_aandachtsfunctionaris)
    if rol == Rol.COORDINATOR:
        # The coordinator keeps the overview: open at school and, of those, overdue (one query).
        tellingen = selectors.signalen_for_user(
            user=_user(request), rol=rol, school=school, aandachtsfunctionaris=aandachtsfunctionaris
        ).aggregate(
            open=Count("pk", filter=~Q(status=SignaalStatus.AFGEROND)),
            te_laat=Count("pk", filter=selectors.is_te_laat_q(vandaag)),
        )
    else:
        te_laat = selectors.te_late_signalen(
            user=_user(request), rol=rol, school=school, vandaag=vandaag, aandachtsfunctionaris=aandachtsfunctionaris
        )
        tellingen = {"open": None, "te_laat": te_laat.count()}
    return Panel(
        "gezinnen/_start_signalen.html",
        {
            "open_op_school": tellingen["open"],
            "te_laat": tellingen["te_laat"],
            "voor_mij": selectors.open_signalen_voor_behandelaar(user=_user(request), school=school).count(),
            "meldingen": list(Melding.objects.filter(user=_user(request), school=school, gelezen_op__isnull=True)[:5]),
        },
    )


def gezin_panel(request: HttpRequest, gezin: Any) -> Panel | None:
    """The family's signals this user may read; each one shown is logged."""
    rol = getattr(request, "rol", None)
    if not heeft_recht(rol, "signalen.lezen"):
        return None
    lid = getattr(request, "lidmaatschap", None)
    af = bool(lid and lid.is_aandachtsfunctionaris)
    with transaction.atomic():
        signalen = list(
            selectors.signaal_lijst(
                selectors.signalen_for_user(
                    user=_user(request), rol=rol, school=_school(request), aandachtsfunctionaris=af
                ).filter(gezin=gezin)
            )[:20]
        )
        record_inzagen(
            request=request, record_type="gezinnen.signaal", record_ids=[s.pk for s in signalen], doel="gezinsdossier"
        )
    return Panel("gezinnen/_gezin_signalen.html", {"signalen": signalen, "afgerond": SignaalStatus.AFGEROND})

"""What signals add to pages they do not own: the start page and the family file's timeline."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from familieschool.links import url_per_pk
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
    user = _user(request)
    # One query for the counts: the signals routed to me are always within what I may read.
    voor_mij = Q(behandelaar=user) & ~Q(status=SignaalStatus.AFGEROND)
    te_laat = selectors.is_te_laat_q(vandaag)
    if rol == Rol.COORDINATOR:
        # The coordinator keeps the overview: open at school and, of those, overdue.
        tellingen = {
            "open": Count("pk", filter=~Q(status=SignaalStatus.AFGEROND)),
            "te_laat": Count("pk", filter=te_laat),
        }
    else:
        # Anyone else: their own overdue signals.
        tellingen = {"te_laat": Count("pk", filter=te_laat & Q(behandelaar=user))}
    aantallen = selectors.signalen_for_user(
        user=user, rol=rol, school=school, aandachtsfunctionaris=aandachtsfunctionaris
    ).aggregate(**tellingen, voor_mij=Count("pk", filter=voor_mij))
    return Panel(
        "gezinnen/_start_signalen.html",
        {
            "open_op_school": aantallen.get("open"),
            "te_laat": aantallen["te_laat"],
            "voor_mij": aantallen["voor_mij"],
            "meldingen": list(Melding.objects.filter(user=user, school=school, gelezen_op__isnull=True)[:5]),
        },
    )


def gezin_panel(request: HttpRequest, gezin: Any) -> Panel | None:
    """The family's signals this user may read; each one shown is logged."""
    rol = getattr(request, "rol", None)
    if not heeft_recht(rol, "signalen.lezen"):
        return None
    lid = getattr(request, "lidmaatschap", None)
    af = bool(lid and lid.is_aandachtsfunctionaris)
    # Inside the family file's transaction when there is one (no savepoint needed: a failed
    # log write fails the whole page), else its own.
    with transaction.atomic(savepoint=False):
        signalen = selectors.signalen_van_gezin(
            selectors.signalen_for_user(
                user=_user(request), rol=rol, school=_school(request), aandachtsfunctionaris=af
            ),
            gezin=gezin,
        )
        record_inzagen(
            request=request, record_type="gezinnen.signaal", record_ids=[s.pk for s in signalen], doel="gezinsdossier"
        )
    signaal_url = url_per_pk("gezinnen:signaal_detail")
    return Panel(
        "gezinnen/_gezin_signalen.html",
        {"signalen": [(s, signaal_url(s.pk)) for s in signalen], "afgerond": SignaalStatus.AFGEROND},
    )

"""What the Familieservicepunt adds to pages it does not own: the start page, the family file's
timeline and the partner page (counts only)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from familieschool.panels import Panel
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_user as _user
from familieschool.roles import heeft_recht
from familieschool.services import record_inzagen
from gezinnen.fsp import selectors
from gezinnen.models import DoorverwijzingStatus

AFGESLOTEN = [DoorverwijzingStatus.AFGEROND, DoorverwijzingStatus.AFGEWEZEN]


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    """Open intakes of mine, overdue referrals and today's walk-in hours: counts and links."""
    rol = _rol(request)
    if not heeft_recht(rol, "fsp.status"):
        return None
    school = _school(request)
    vandaag = timezone.localdate()
    return Panel(
        "gezinnen/_fsp_start.html",
        {
            "mijn_intakes": selectors.open_hulpvragen_van(user=_user(request), school=school).count(),
            # Referrals still open (as on the referral list) and, of those, overdue: one query.
            **selectors.doorverwijzingen_for_user(user=_user(request), rol=rol, school=school).aggregate(
                lopend=Count(
                    "pk", filter=~Q(status__in=[DoorverwijzingStatus.AFGEROND, DoorverwijzingStatus.AFGEWEZEN])
                ),
                te_laat=Count("pk", filter=selectors.is_te_laat_q(vandaag)),
            ),
            "spreekuren": list(selectors.spreekuren_vandaag(school=school, vandaag=vandaag)),
            "mag_behandelen": heeft_recht(rol, "fsp.behandelen"),
        },
    )


def gezin_panel(request: HttpRequest, gezin: Any) -> Panel | None:
    """The family's intakes and referrals (the coordinator: status only) and, for the FSP roles,
    its walk-in questions. Each intake and referral shown is logged."""
    rol = _rol(request)
    if not heeft_recht(rol, "fsp.status"):
        return None
    scope: dict[str, Any] = {"user": _user(request), "rol": rol, "school": _school(request)}
    # Inside the family file's transaction when there is one (no savepoint needed: a failed
    # log write fails the whole page), else its own.
    with transaction.atomic(savepoint=False):
        # Only the columns the timeline shows (not the content, nor the partner's search vector).
        hulpvragen = selectors.hulpvragen_van_gezin(
            selectors.hulpvragen_for_user(**scope).only("status", "categorieen", "created_at", "eigenaar__naam"),
            gezin=gezin,
        )
        doorverwijzingen = selectors.doorverwijzingen_van_gezin(
            selectors.doorverwijzingen_for_user(**scope).only(
                "datum", "status", "terugkoppeling_voor", "partner__naam"
            ),
            gezin=gezin,
        )
        vragen = list(
            selectors.vragen_for_user(**scope)
            .filter(gezin=gezin)
            .only("gesteld_op", "categorie", "ter_plekke_beantwoord")
            .order_by("-gesteld_op")[:20]
        )
        record_inzagen(
            request=request,
            record_type="gezinnen.hulpvraag",
            record_ids=[h.pk for h in hulpvragen],
            doel="gezinsdossier",
        )
        record_inzagen(
            request=request,
            record_type="gezinnen.doorverwijzing",
            record_ids=[d.pk for d in doorverwijzingen],
            doel="gezinsdossier",
        )
        record_inzagen(
            request=request, record_type="gezinnen.vraag", record_ids=[v.pk for v in vragen], doel="gezinsdossier"
        )
    return Panel(
        "gezinnen/_fsp_gezin.html",
        {
            "hulpvragen": hulpvragen,
            "doorverwijzingen": doorverwijzingen,
            "vragen": vragen,
            "inhoud": selectors.mag_inhoud_zien(rol),
            "vandaag": timezone.localdate(),
        },
    )


def partner_panel(request: HttpRequest, partner: Any) -> Panel | None:
    """How many referrals the partner received and accepted: counts only, small numbers hidden."""
    if not (heeft_recht(_rol(request), "fsp.status") or heeft_recht(_rol(request), "fsp.tellen")):
        return None
    return Panel(
        "gezinnen/_fsp_partner.html",
        {"tellingen": selectors.partner_tellingen(partner=partner, school=_school(request))},
    )

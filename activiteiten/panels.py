"""What the Rijke schooldag adds to pages it does not own: the start page (the block at a
glance), the family file (each child's activities this school year) and the partner page (the
activities the partner provides at this school, and doorstroom to it)."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F, OuterRef, Q
from django.http import HttpRequest
from django.utils import timezone

from activiteiten import selectors
from activiteiten.models import Doorstroom, Inschrijving, InschrijvingStatus, Presentie, PresentieStatus
from familieschool.links import url_per_pk
from familieschool.models import Schooljaar
from familieschool.panels import Panel
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_scope as _scope
from familieschool.roles import heeft_recht
from familieschool.selectors import schooljaar_for_date
from gezinnen.selectors import leerlingen_for_user
from gezinnen.signalen.selectors import onderdruk


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    """The current block: activities, places taken, waitlist; for the coordinator also how many
    pupils were reached this school year."""
    if not heeft_recht(_rol(request), "activiteiten.lezen"):
        return None
    scope = _scope(request)
    vandaag = timezone.localdate()
    blok = selectors.huidig_blok(school=_school(request), vandaag=vandaag)
    cijfers: dict[str, int] = {}
    if blok is not None:
        # Only the numbers per activity: no rows of activities, blocks and providers to build.
        lijst = selectors.activiteit_lijst(selectors.activiteiten_for_user(**scope).filter(blok=blok))
        rijen = list(lijst.values_list("capaciteit", "aantal_geplaatst", "aantal_wachtlijst"))  # type: ignore[misc]
        cijfers = {
            "activiteiten": len(rijen),
            "plaatsen": sum(capaciteit for capaciteit, _, _ in rijen),
            "geplaatst": sum(geplaatst for _, geplaatst, _ in rijen),
            "wachtlijst": sum(wachtlijst for _, _, wachtlijst in rijen),
        }
    bereik = None
    if heeft_recht(_rol(request), "activiteiten.beheren"):
        startjaar = Schooljaar.startjaar_voor(vandaag)
        # Reached: placed in an activity of the school year. The placed pupils are selected once
        # (a hashed set) instead of joining every enrolment to every pupil and counting distinct;
        # an activity only takes pupils of its own school (services.enrol), hence the school.
        geplaatst = Inschrijving.objects.filter(
            status=InschrijvingStatus.GEPLAATST,
            activiteit__school=_school(request),
            activiteit__blok__schooljaar__startjaar=startjaar,
        ).values("leerling_id")
        bereik = (
            leerlingen_for_user(**scope)
            .filter(groep__schooljaar__startjaar=startjaar)
            .aggregate(totaal=Count("pk"), bereikt=Count("pk", filter=Q(pk__in=geplaatst)))
        )
    return Panel("activiteiten/_start.html", {"blok": blok, "cijfers": cijfers, "bereik": bereik})


def gezin_panel(request: HttpRequest, gezin: Any) -> Panel | None:
    """Per child of the family: the activities of this school year with status and attendance,
    and clubs joined. Rows of only the columns shown (no models to build); the attendance of
    each enrolment comes along as one array of statuses, counted here."""
    if not heeft_recht(_rol(request), "activiteiten.lezen"):
        return None
    # The school year by its start year, joined in the query (no query of its own); the panel
    # only names it.
    startjaar = Schooljaar.startjaar_voor(timezone.localdate())
    schooljaar = Schooljaar(startjaar=startjaar)
    kinderen = leerlingen_for_user(**_scope(request), met_uitgestroomd=True).filter(gezin=gezin).values("pk")
    presenties = Presentie.objects.filter(
        leerling=OuterRef("leerling_id"), bijeenkomst__activiteit=OuterRef("activiteit_id")
    ).values("status")
    rijen = (
        Inschrijving.objects.filter(leerling__in=kinderen, activiteit__blok__schooljaar__startjaar=startjaar)
        .exclude(status=InschrijvingStatus.AFGEMELD)
        .values(
            "activiteit_id",
            "status",
            "toestemming_ouder",
            roepnaam=F("leerling__roepnaam"),
            titel=F("activiteit__titel"),
            bloknaam=F("activiteit__blok__naam"),
            presenties=ArraySubquery(presenties),
        )
        .order_by("leerling__roepnaam", "activiteit__blok__begindatum", "activiteit__titel")
    )
    activiteit_url = url_per_pk("activiteiten:activiteit_detail")
    inschrijvingen = [
        {
            **rij,
            "url": activiteit_url(rij["activiteit_id"]),
            "geregistreerd": len(rij["presenties"]),
            "aanwezig": rij["presenties"].count(PresentieStatus.AANWEZIG),
        }
        for rij in rijen
    ]
    doorstromen = list(
        Doorstroom.objects.filter(leerling__in=kinderen).values(
            "datum", roepnaam=F("leerling__roepnaam"), partnernaam=F("partner__naam")
        )
    )
    return Panel(
        "activiteiten/_gezin.html",
        {"inschrijvingen": inschrijvingen, "doorstromen": doorstromen, "schooljaar": schooljaar},
    )


def partner_panel(request: HttpRequest, partner: Any) -> Panel | None:
    """The partner's activities at the active school this school year, and how many pupils
    became members after an activity (counts; 1 to 4 shown as "<5")."""
    if not heeft_recht(_rol(request), "activiteiten.lezen"):
        return None
    schooljaar = schooljaar_for_date(timezone.localdate())
    activiteiten = list(
        selectors.activiteit_lijst(
            selectors.activiteiten_for_user(**_scope(request)).filter(aanbieder=partner, blok__schooljaar=schooljaar)
        ).order_by("blok__begindatum", "titel")
    )
    doorstroom = Doorstroom.objects.filter(partner=partner, leerling__school=_school(request)).aggregate(
        totaal=Count("pk"), dit_jaar=Count("pk", filter=Q(datum__gte=schooljaar.begindatum))
    )
    return Panel(
        "activiteiten/_partner.html",
        {
            "activiteiten": activiteiten,
            "schooljaar": schooljaar,
            "doorstroom_totaal": onderdruk(doorstroom["totaal"]),
            "doorstroom_dit_jaar": onderdruk(doorstroom["dit_jaar"]),
        },
    )

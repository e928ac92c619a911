"""Reads of the Familieservicepunt, scoped per DESIGN.md §4: the FSP roles (brugfunctionaris, OKA,
Buurtteam) see the intakes and referrals of their school with their content; the coordinator sees
their status only (family, owner, status, dates: never the aanleiding, notes or feedback); the
school leader and the board see counts only; everybody else nothing."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.models import School, User
from familieschool.roles import Rol, heeft_recht
from gezinnen.models import (
    Doorverwijzing,
    DoorverwijzingStatus,
    Gezin,
    Hulpvraag,
    HulpvraagStatus,
    Signaal,
    Spreekuur,
    Vraag,
)
from gezinnen.signalen.selectors import onderdruk, signalen_for_user
from partners.models import Partner


def mag_inhoud_zien(rol: str | None) -> bool:
    """Content (aanleiding, confidential notes, contacts, feedback) is for the FSP roles only."""
    return heeft_recht(rol, "fsp.behandelen")


def hulpvragen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Hulpvraag]:
    """The intakes this user may see at the active school (status or content: see mag_inhoud_zien)."""
    if not heeft_recht(rol, "fsp.status"):
        return Hulpvraag.objects.none()
    return Hulpvraag.objects.filter(school=school)


HULPVRAAG_VOLGORDE = ("status", "-created_at")
DOORVERWIJZING_VOLGORDE = ("-datum", "-pk")


def hulpvraag_lijst(qs: QuerySet[Hulpvraag]) -> QuerySet[Hulpvraag]:
    return qs.select_related("gezin", "eigenaar").order_by(*HULPVRAAG_VOLGORDE)


def doorverwijzingen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Doorverwijzing]:
    if not heeft_recht(rol, "fsp.status"):
        return Doorverwijzing.objects.none()
    return Doorverwijzing.objects.filter(school=school)


def doorverwijzing_lijst(qs: QuerySet[Doorverwijzing]) -> QuerySet[Doorverwijzing]:
    return qs.select_related("gezin", "partner", "door").order_by(*DOORVERWIJZING_VOLGORDE)


# The family file's timeline shows a family's intakes and referrals as one line each (date,
# status, owner or partner): in the lists' order, with only the join that line needs.


def hulpvragen_van_gezin(qs: QuerySet[Hulpvraag], *, gezin: Gezin, aantal: int = 20) -> list[Hulpvraag]:
    return met_categorie_labels(
        list(qs.filter(gezin=gezin).select_related("eigenaar").order_by(*HULPVRAAG_VOLGORDE)[:aantal])
    )


def doorverwijzingen_van_gezin(qs: QuerySet[Doorverwijzing], *, gezin: Gezin, aantal: int = 20) -> list[Doorverwijzing]:
    return list(qs.filter(gezin=gezin).select_related("partner").order_by(*DOORVERWIJZING_VOLGORDE)[:aantal])


def vragen_for_user(*, user: User, rol: str | None, school: School) -> QuerySet[Vraag]:
    if not heeft_recht(rol, "fsp.behandelen"):
        return Vraag.objects.none()
    return Vraag.objects.filter(school=school)


def signalen_voor_intake(*, user: User, rol: str | None, school: School) -> QuerySet[Signaal]:
    """Signals a user may start an intake or a referral from: the ones they can read."""
    return signalen_for_user(user=user, rol=rol, school=school)


def is_te_laat_q(vandaag: dt.date | None = None) -> Q:
    """A referral is overdue when the partner has not reacted by the agreed date."""
    return Q(status=DoorverwijzingStatus.VERSTUURD, terugkoppeling_voor__lt=vandaag or timezone.localdate())


def te_late_doorverwijzingen(
    *, user: User, rol: str | None, school: School, vandaag: dt.date | None = None
) -> QuerySet[Doorverwijzing]:
    return doorverwijzingen_for_user(user=user, rol=rol, school=school).filter(is_te_laat_q(vandaag))


def open_hulpvragen_van(*, user: User, school: School) -> QuerySet[Hulpvraag]:
    return Hulpvraag.objects.filter(school=school, eigenaar=user).exclude(status=HulpvraagStatus.AFGEROND)


def spreekuren(*, school: School) -> QuerySet[Spreekuur]:
    return Spreekuur.objects.filter(school=school).prefetch_related("medewerkers").order_by("weekdag", "begintijd")


def spreekuren_vandaag(*, school: School, vandaag: dt.date | None = None) -> QuerySet[Spreekuur]:
    """Today's walk-in hours (times and place; the start page does not name the staff)."""
    vandaag = vandaag or timezone.localdate()
    return Spreekuur.objects.filter(school=school, actief=True, weekdag=vandaag.weekday()).order_by(
        "weekdag", "begintijd"
    )


def fsp_medewerkers(*, school: School) -> QuerySet[User]:
    return (
        User.objects.filter(
            lidmaatschappen__school=school,
            lidmaatschappen__actief=True,
            lidmaatschappen__rol__in=[Rol.BRUGFUNCTIONARIS, Rol.OKA, Rol.BUURTTEAM],
            is_active=True,
        )
        .distinct()
        .order_by("naam")
    )


def mogelijke_eigenaren(*, school: School) -> QuerySet[User]:
    return (
        User.objects.filter(
            lidmaatschappen__school=school,
            lidmaatschappen__actief=True,
            lidmaatschappen__rol__in=[Rol.OKA, Rol.BUURTTEAM],
            is_active=True,
        )
        .distinct()
        .order_by("naam")
    )


def partner_tellingen(*, partner: Partner, school: School) -> dict[str, str]:
    """How many referrals the partner received and accepted, from this school and from the whole
    board: counts only, 1–4 shown as "<5"."""
    geaccepteerd = Q(status__in=[DoorverwijzingStatus.GEACCEPTEERD, DoorverwijzingStatus.AFGEROND]) & Q(
        ontvangen_op__isnull=False
    )
    rij = Doorverwijzing.objects.filter(partner=partner, school__bestuur_id=school.bestuur_id).aggregate(
        school_ontvangen=Count("pk", filter=Q(school=school)),
        school_geaccepteerd=Count("pk", filter=Q(school=school) & geaccepteerd),
        bestuur_ontvangen=Count("pk"),
        bestuur_geaccepteerd=Count("pk", filter=geaccepteerd),
    )
    return {sleutel: onderdruk(aantal or 0) for sleutel, aantal in rij.items()}


def met_categorie_labels(hulpvragen: list[Hulpvraag]) -> list[Hulpvraag]:
    """Give each intake ``categorie_labels`` (the Dutch labels of its categories) for templates."""
    for hulpvraag in hulpvragen:
        setattr(hulpvraag, "categorie_labels", [Hulpdomein(c).label for c in hulpvraag.categorieen])  # noqa: B010
    return hulpvragen


def fsp_tellingen(
    *, school: School, van: dt.date | None = None, tot: dt.date | None = None
) -> dict[str, dict[str, str]]:
    """Counts for the school leader and the board ("counts only", DESIGN.md §4): walk-in
    questions per category, intakes per status, referrals per status; 1–4 shown as "<5" and
    never a name. ``van``/``tot`` limit the period (by date asked, started or referred)."""
    vragen = Vraag.objects.filter(school=school)
    hulpvragen = Hulpvraag.objects.filter(school=school)
    doorverwijzingen = Doorverwijzing.objects.filter(school=school)
    if van is not None:
        vragen = vragen.filter(gesteld_op__date__gte=van)
        hulpvragen = hulpvragen.filter(created_at__date__gte=van)
        doorverwijzingen = doorverwijzingen.filter(datum__gte=van)
    if tot is not None:
        vragen = vragen.filter(gesteld_op__date__lte=tot)
        hulpvragen = hulpvragen.filter(created_at__date__lte=tot)
        doorverwijzingen = doorverwijzingen.filter(datum__lte=tot)
    return {
        "vragen": {
            rij["categorie"]: onderdruk(rij["n"])
            for rij in vragen.values("categorie").annotate(n=Count("pk")).order_by()
        },
        "intakes": {
            rij["status"]: onderdruk(rij["n"]) for rij in hulpvragen.values("status").annotate(n=Count("pk")).order_by()
        },
        "doorverwijzingen": {
            rij["status"]: onderdruk(rij["n"])
            for rij in doorverwijzingen.values("status").annotate(n=Count("pk")).order_by()
        },
    }

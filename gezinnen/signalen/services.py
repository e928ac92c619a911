"""Writes of signals: create (routed, handler notified after commit), transitions, notes, routing
rules. Side effects (mail, in-app notification) run after the transaction commits."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.models import Lidmaatschap, School, User
from familieschool.roles import Rol
from familieschool.validatie import valideer
from gezinnen.models import (
    OVERGANGEN,
    BehandelaarSoort,
    Gezin,
    Leerling,
    Melding,
    Routeringsregel,
    Signaal,
    SignaalGebeurtenis,
    SignaalStatus,
    Zorgniveau,
)

# What a school starts with (reference/domain.md §4.3, "typical partner"); editable per school.
STANDAARD_ROUTERING: dict[str, tuple[str, int]] = {
    Hulpdomein.GELD: (BehandelaarSoort.BUURTTEAM, 10),
    Hulpdomein.SCHULDEN: (BehandelaarSoort.BUURTTEAM, 10),
    Hulpdomein.ADMINISTRATIE: (BehandelaarSoort.BRUGFUNCTIONARIS, 10),
    Hulpdomein.WONEN: (BehandelaarSoort.BUURTTEAM, 10),
    Hulpdomein.OPVOEDING: (BehandelaarSoort.OKA, 10),
    Hulpdomein.GEZONDHEID: (BehandelaarSoort.OKA, 10),
    Hulpdomein.TAAL: (BehandelaarSoort.BRUGFUNCTIONARIS, 14),
    Hulpdomein.VRIJE_TIJD: (BehandelaarSoort.BRUGFUNCTIONARIS, 14),
    Hulpdomein.WERK: (BehandelaarSoort.BUURTTEAM, 14),
    Hulpdomein.VEILIGHEID: (BehandelaarSoort.AANDACHTSFUNCTIONARIS, 2),
    Hulpdomein.SCHOOL: (BehandelaarSoort.COORDINATOR, 10),
}
# An acute worry is followed up the same day or the next, whatever the category's term.
ACUUT_TERMIJN_DAGEN = 1

logger = logging.getLogger(__name__)


def routeringsregels(*, school: School) -> dict[str, Routeringsregel]:
    """The school's rules per category; categories without a stored rule get the default."""
    bestaand = {r.categorie: r for r in Routeringsregel.objects.filter(school=school).select_related("behandelaar")}
    return {
        categorie: bestaand.get(categorie)
        or Routeringsregel(school=school, categorie=categorie, behandelaar_soort=soort, termijn_dagen=termijn)
        for categorie, (soort, termijn) in STANDAARD_ROUTERING.items()
    }


def _actief(school: School) -> list[Lidmaatschap]:
    return list(
        Lidmaatschap.objects.filter(school=school, actief=True, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )


def handler_for(*, school: School, categorie: str) -> tuple[User | None, int]:
    """Who handles a new signal of ``categorie`` at ``school``, and the follow-up term in days.
    A named handler must still be active at the school; otherwise the first active colleague in
    the rule's role; nobody there: the coordinator (the fallback)."""
    regel = routeringsregels(school=school)[categorie]
    leden = _actief(school)
    if regel.behandelaar_id is not None and any(lid.user_id == regel.behandelaar_id for lid in leden):
        return regel.behandelaar, regel.termijn_dagen
    if regel.behandelaar_soort == BehandelaarSoort.AANDACHTSFUNCTIONARIS:
        kandidaten = [lid for lid in leden if lid.is_aandachtsfunctionaris]
    else:
        kandidaten = [lid for lid in leden if lid.rol == regel.behandelaar_soort]
    if not kandidaten:
        kandidaten = [lid for lid in leden if lid.rol == Rol.COORDINATOR]
    return (kandidaten[0].user if kandidaten else None), regel.termijn_dagen


@transaction.atomic
def save_routeringsregel(
    *, school: School, categorie: str, behandelaar_soort: str, behandelaar: User | None, termijn_dagen: int
) -> Routeringsregel:
    if (
        behandelaar is not None
        and not Lidmaatschap.objects.filter(school=school, user=behandelaar, actief=True).exists()
    ):
        raise ValidationError({"behandelaar": "Deze persoon werkt niet (meer) op deze school."})
    regel, _ = Routeringsregel.objects.update_or_create(
        school=school,
        categorie=categorie,
        defaults={"behandelaar_soort": behandelaar_soort, "behandelaar": behandelaar, "termijn_dagen": termijn_dagen},
    )
    valideer(regel)
    return regel


def _notify(signaal: Signaal, tekst: str, *, nieuw: bool = False) -> None:
    """In-app notification now (same transaction), e-mail after commit."""
    if signaal.behandelaar_id is None:
        return
    Melding.objects.create(
        user_id=signaal.behandelaar_id, school=signaal.school, tekst=tekst, url=signaal.get_absolute_url()
    )

    signaal_id = signaal.pk
    # The e-mail is owed from now on: an outbox mark in the same transaction as the signal (a new
    # signal starts without one).
    if not nieuw:
        signaal.behandelaar_gemaild_op = None
        Signaal.objects.filter(pk=signaal_id).update(behandelaar_gemaild_op=None)
    # robust: the signal and the in-app notification are committed; a broker that is down
    # (Redis stopped, `make drill-redis`) must not turn that into an error page. The sweeper
    # sends the e-mail once the broker is back (tasks.task_mail_behandelaars_inhalen).
    transaction.on_commit(lambda: _mail_in_wachtrij(signaal_id), robust=True)


def _mail_in_wachtrij(signaal_id: int) -> None:
    """Queue the handler's e-mail; with the broker down, one warning instead of an error with a
    traceback per signal: the outbox mark stays and the sweeper sends it once the broker is back."""
    from kombu.exceptions import OperationalError

    from gezinnen.signalen import tasks

    try:
        tasks.task_mail_behandelaar.delay(signaal_id=signaal_id)
    except OperationalError as error:
        logger.warning("Wachtrij niet bereikbaar (%s); de mail voor signaal %s gaat later uit.", error, signaal_id)


@transaction.atomic
def create_signaal(
    *,
    school: School,
    gemeld_door: User,
    categorie: str,
    zorgniveau: str = Zorgniveau.ZORG,
    omschrijving: str = "",
    leerling: Leerling | None = None,
    gezin: Gezin | None = None,
    vandaag: dt.date | None = None,
) -> Signaal:
    """Record a worry and route it. Side effects: an in-app notification for the handler, and
    (after commit) an e-mail that says only that there is a new signal, never its content."""
    if leerling is not None and leerling.school_id != school.pk:
        raise ValidationError({"leerling": "Deze leerling zit niet op deze school."})
    if gezin is None and leerling is not None:
        gezin = leerling.gezin
    behandelaar, termijn = handler_for(school=school, categorie=categorie)
    if zorgniveau == Zorgniveau.ACUUT:
        termijn = min(termijn, ACUUT_TERMIJN_DAGEN)
    signaal = Signaal(
        school=school,
        leerling=leerling,
        gezin=gezin,
        categorie=categorie,
        zorgniveau=zorgniveau,
        omschrijving=omschrijving.strip(),
        gemeld_door=gemeld_door,
        behandelaar=behandelaar,
        opvolgen_voor=(vandaag or timezone.localdate()) + dt.timedelta(days=termijn),
    )
    valideer(signaal)
    signaal.save()
    SignaalGebeurtenis.objects.create(
        signaal=signaal, soort=SignaalGebeurtenis.Soort.GEMELD, naar_status=signaal.status, door=gemeld_door
    )
    _notify(signaal, f"Nieuw signaal ({signaal.get_categorie_display().lower()}) voor jou", nieuw=True)
    return signaal


@transaction.atomic
def change_status(*, signaal: Signaal, naar: str, door: User, toelichting: str = "", uitkomst: str = "") -> Signaal:
    """Move a signal along nieuw → in_behandeling → doorverwezen → afgerond. An illegal step is
    refused; closing needs an outcome. The first step away from nieuw is the 'first action'."""
    signaal = Signaal.objects.select_for_update().get(pk=signaal.pk)
    if naar not in OVERGANGEN.get(signaal.status, frozenset()):
        raise ValidationError(
            f"Van “{signaal.get_status_display()}” kan een signaal niet naar “{SignaalStatus(naar).label}”."
            if naar in SignaalStatus.values
            else "Onbekende status."
        )
    if naar == SignaalStatus.AFGEROND:
        if not uitkomst.strip():
            raise ValidationError({"uitkomst": "Beschrijf de uitkomst: wat is er gedaan en hoe is het afgesloten?"})
        signaal.uitkomst = uitkomst.strip()
        signaal.afgerond_op = timezone.now()
    van = signaal.status
    signaal.status = naar
    if signaal.eerste_actie_op is None:
        signaal.eerste_actie_op = timezone.now()
    valideer(signaal)
    signaal.save()
    SignaalGebeurtenis.objects.create(
        signaal=signaal,
        soort=SignaalGebeurtenis.Soort.STATUS,
        van_status=van,
        naar_status=naar,
        door=door,
        toelichting=toelichting.strip(),
    )
    return signaal


@transaction.atomic
def reassign_signaal(*, signaal: Signaal, behandelaar: User, door: User) -> Signaal:
    if not Lidmaatschap.objects.filter(school=signaal.school, user=behandelaar, actief=True).exists():
        raise ValidationError({"behandelaar": "Deze persoon werkt niet op deze school."})
    signaal.behandelaar = behandelaar
    signaal.save(update_fields=["behandelaar", "updated_at"])
    SignaalGebeurtenis.objects.create(
        signaal=signaal, soort=SignaalGebeurtenis.Soort.TOEGEWEZEN, door=door, toelichting=f"Naar {behandelaar.naam}"
    )
    _notify(signaal, "Een signaal is aan jou toegewezen")
    return signaal


@transaction.atomic
def add_notitie(*, signaal: Signaal, door: User, tekst: str, vertrouwelijk: bool = False) -> Signaal:
    """A note on the signal's history; a confidential one goes to the restricted note, which only
    the handler and the aandachtsfunctionaris read."""
    tekst = tekst.strip()
    if not tekst:
        raise ValidationError({"tekst": "Schrijf een notitie."})
    if vertrouwelijk:
        stempel = f"[{timezone.localtime():%d-%m-%Y %H:%M} {door.naam}] {tekst}"
        signaal.beperkte_notitie = f"{signaal.beperkte_notitie}\n{stempel}".strip()
        valideer(signaal)
        signaal.save(update_fields=["beperkte_notitie", "updated_at"])
        tekst = "Vertrouwelijke notitie toegevoegd."
    if signaal.eerste_actie_op is None:
        signaal.eerste_actie_op = timezone.now()
        signaal.save(update_fields=["eerste_actie_op", "updated_at"])
    SignaalGebeurtenis.objects.create(
        signaal=signaal, soort=SignaalGebeurtenis.Soort.NOTITIE, door=door, toelichting=tekst
    )
    return signaal


def mark_meldingen_gelezen(*, user: User, school: School, url: str | None = None) -> int:
    qs = Melding.objects.filter(user=user, school=school, gelezen_op__isnull=True)
    if url is not None:
        qs = qs.filter(url=url)
    return qs.update(gelezen_op=timezone.now())

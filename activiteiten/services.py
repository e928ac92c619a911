"""Writes of the Rijke schooldag: sessions from the weekly rhythm, enrolment with capacity and a
waitlist, cancelling and moving a session.

Capacity holds under concurrency: enrolling locks the activity row (SELECT … FOR UPDATE), counts
the placed pupils and only then places or waitlists, so two coordinators placing the last seat at
the same moment get one placement and one waitlist entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from activiteiten import kalender
from activiteiten.models import Activiteit, Bijeenkomst, Inschrijving, InschrijvingStatus
from familieschool.models import User
from gezinnen.models import Doel, Leerling
from gezinnen.services import vereis_toestemming


@transaction.atomic
def generate_bijeenkomsten(*, activiteit: Activiteit) -> list[Bijeenkomst]:
    """Sessions for every open ``weekdag`` of the activity's block; existing ones stay as they
    are (a moved or cancelled session is not undone). Returns the new ones."""
    blok = activiteit.blok
    gesloten = kalender.sluitingen(school=activiteit.school, van=blok.begindatum, tot=blok.einddatum)
    bestaand = set(activiteit.bijeenkomsten.values_list("datum", flat=True)) | set(
        activiteit.bijeenkomsten.exclude(oorspronkelijke_datum=None).values_list("oorspronkelijke_datum", flat=True)
    )
    nieuw = [
        Bijeenkomst(activiteit=activiteit, datum=datum, begintijd=activiteit.begintijd, eindtijd=activiteit.eindtijd)
        for datum in kalender.lesdagen(
            weekdag=activiteit.weekdag, van=blok.begindatum, tot=blok.einddatum, gesloten=gesloten
        )
        if datum not in bestaand
    ]
    return Bijeenkomst.objects.bulk_create(nieuw)


@transaction.atomic
def cancel_bijeenkomst(*, bijeenkomst: Bijeenkomst, reden: str) -> Bijeenkomst:
    if not reden.strip():
        raise ValidationError({"reden": "Geef een reden, zodat ouders en begeleiders weten waarom."})
    bijeenkomst.geannuleerd = True
    bijeenkomst.reden = reden.strip()
    bijeenkomst.save(update_fields=["geannuleerd", "reden"])
    return bijeenkomst


@transaction.atomic
def move_bijeenkomst(
    *, bijeenkomst: Bijeenkomst, datum: dt.date, begintijd: dt.time, eindtijd: dt.time, reden: str = ""
) -> Bijeenkomst:
    """Move one session; not onto a closure or a day that already has a session."""
    activiteit = bijeenkomst.activiteit
    gesloten = kalender.sluitingen(school=activiteit.school, van=datum, tot=datum)
    if (sluiting := kalender.is_gesloten(datum, gesloten)) is not None:
        raise ValidationError({"datum": f"Op die dag is de school dicht ({sluiting.naam})."})
    if activiteit.bijeenkomsten.filter(datum=datum).exclude(pk=bijeenkomst.pk).exists():
        raise ValidationError({"datum": "Op die dag is er al een bijeenkomst."})
    if bijeenkomst.oorspronkelijke_datum is None and datum != bijeenkomst.datum:
        bijeenkomst.oorspronkelijke_datum = bijeenkomst.datum
    bijeenkomst.datum, bijeenkomst.begintijd, bijeenkomst.eindtijd = datum, begintijd, eindtijd
    bijeenkomst.reden = reden.strip()
    bijeenkomst.full_clean()
    bijeenkomst.save()
    return bijeenkomst


def is_bereikt(*, leerling: Leerling, schooljaar_id: int) -> bool:
    """Reached this school year: placed in any activity of the school year."""
    return Inschrijving.objects.filter(
        leerling=leerling, status=InschrijvingStatus.GEPLAATST, activiteit__blok__schooljaar_id=schooljaar_id
    ).exists()


@transaction.atomic
def enrol(*, activiteit: Activiteit, leerling: Leerling, door: User, toestemming_ouder: bool = False) -> Inschrijving:
    """Place a pupil, or put them on the waitlist when the activity is full. Pupils not yet
    reached this school year get priority on the waitlist. The family's consent for activities
    is required (a paper form with the parent's signature records it)."""
    if leerling.school_id != activiteit.school_id:
        raise ValidationError({"leerling": "Deze leerling zit niet op deze school."})
    if not toestemming_ouder:
        vereis_toestemming(gezin=leerling.gezin, doel=Doel.ACTIVITEITEN)
    activiteit = Activiteit.objects.select_for_update().select_related("blok").get(pk=activiteit.pk)
    bestaand = Inschrijving.objects.filter(activiteit=activiteit, leerling=leerling).first()
    if bestaand is not None and bestaand.status != InschrijvingStatus.AFGEMELD:
        return bestaand
    geplaatst = activiteit.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST).count()
    status = InschrijvingStatus.GEPLAATST if geplaatst < activiteit.capaciteit else InschrijvingStatus.WACHTLIJST
    prioriteit = not is_bereikt(leerling=leerling, schooljaar_id=activiteit.blok.schooljaar_id)
    inschrijving = bestaand or Inschrijving(activiteit=activiteit, leerling=leerling, ingeschreven_door=door)
    inschrijving.status = status
    inschrijving.prioriteit = prioriteit
    inschrijving.toestemming_ouder = toestemming_ouder or inschrijving.toestemming_ouder
    inschrijving.save()
    return inschrijving


def enrol_many(*, activiteit: Activiteit, leerlingen: Iterable[Leerling], door: User) -> list[Inschrijving]:
    """Enrol a list of pupils (or a whole group) in order; each one on its own terms (consent,
    capacity). Pupils without consent are skipped and reported by the caller."""
    resultaat = []
    for leerling in leerlingen:
        try:
            resultaat.append(enrol(activiteit=activiteit, leerling=leerling, door=door))
        except ValidationError:
            continue
    return resultaat


@transaction.atomic
def unenrol(*, inschrijving: Inschrijving) -> Inschrijving | None:
    """Take a pupil off the activity; when that frees a place, the first on the waitlist (those
    not yet reached first, then in order of enrolment) is placed. Returns who was promoted."""
    activiteit = Activiteit.objects.select_for_update().get(pk=inschrijving.activiteit_id)
    was_geplaatst = inschrijving.status == InschrijvingStatus.GEPLAATST
    inschrijving.status = InschrijvingStatus.AFGEMELD
    inschrijving.save(update_fields=["status"])
    if not was_geplaatst:
        return None
    geplaatst = activiteit.inschrijvingen.filter(status=InschrijvingStatus.GEPLAATST).count()
    if geplaatst >= activiteit.capaciteit:
        return None
    volgende = (
        activiteit.inschrijvingen.filter(status=InschrijvingStatus.WACHTLIJST)
        .order_by("-prioriteit", "ingeschreven_op", "pk")
        .first()
    )
    if volgende is not None:
        volgende.status = InschrijvingStatus.GEPLAATST
        volgende.save(update_fields=["status"])
    return volgende

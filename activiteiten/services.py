"""Writes of the Rijke schooldag: sessions from the weekly rhythm, enrolment with capacity and a
waitlist, cancelling and moving a session.

Capacity holds under concurrency: enrolling locks the activity row (SELECT … FOR UPDATE), counts
the placed pupils and only then places or waitlists, so two coordinators placing the last seat at
the same moment get one placement and one waitlist entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from activiteiten import kalender
from activiteiten.models import (
    Activiteit,
    ActiviteitUitnodiging,
    Bijeenkomst,
    Blok,
    Doorstroom,
    Inschrijving,
    InschrijvingStatus,
    Sluiting,
)
from familieschool.models import School, User
from familieschool.selectors import schooljaar_for_date
from familieschool.validatie import valideer
from gezinnen.models import Doel, Leerling, Toestemming
from gezinnen.services import ToestemmingOntbreekt, record_toestemming, vereis_toestemming
from partners.models import Partner


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
    valideer(bijeenkomst)
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
    is required; a paper form with the parent's signature (``toestemming_ouder``) is consent for
    this enrolment, and becomes the family's consent for activities when none was recorded yet."""
    if leerling.school_id != activiteit.school_id:
        raise ValidationError({"leerling": "Deze leerling zit niet op deze school."})
    if toestemming_ouder:
        _leg_papieren_toestemming_vast(leerling=leerling, activiteit=activiteit, door=door)
    else:
        vereis_toestemming(gezin=leerling.gezin, doel=Doel.ACTIVITEITEN)
    activiteit = Activiteit.objects.select_for_update().select_related("blok").get(pk=activiteit.pk)
    bestaand = Inschrijving.objects.filter(activiteit=activiteit, leerling=leerling).first()
    if bestaand is not None and bestaand.status != InschrijvingStatus.AFGEMELD:
        if toestemming_ouder and not bestaand.toestemming_ouder:
            bestaand.toestemming_ouder = True
            bestaand.save(update_fields=["toestemming_ouder"])
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


def _leg_papieren_toestemming_vast(*, leerling: Leerling, activiteit: Activiteit, door: User) -> None:
    if leerling.gezin is None or Toestemming.objects.filter(gezin=leerling.gezin, doel=Doel.ACTIVITEITEN).exists():
        return
    record_toestemming(
        gezin=leerling.gezin,
        doel=Doel.ACTIVITEITEN,
        gegeven=True,
        datum=timezone.localdate(),
        vastgelegd_door=door,
        toelichting=f"Papieren aanmeldformulier ({activiteit.titel})",
    )


@dataclass
class Inschrijfresultaat:
    geplaatst: list[Inschrijving] = field(default_factory=list)
    wachtlijst: list[Inschrijving] = field(default_factory=list)
    al_ingeschreven: list[Inschrijving] = field(default_factory=list)
    zonder_toestemming: list[Leerling] = field(default_factory=list)

    @property
    def samenvatting(self) -> str:
        delen = []
        if self.geplaatst:
            delen.append(f"{len(self.geplaatst)} geplaatst")
        if self.wachtlijst:
            delen.append(f"{len(self.wachtlijst)} op de wachtlijst")
        if self.al_ingeschreven:
            delen.append(f"{len(self.al_ingeschreven)} stond(en) er al op")
        if self.zonder_toestemming:
            namen = ", ".join(leerling.volledige_naam for leerling in self.zonder_toestemming)
            delen.append(f"{len(self.zonder_toestemming)} niet ingeschreven, want geen toestemming van ouders: {namen}")
        return "; ".join(delen) or "Niemand ingeschreven."


def enrol_many(
    *, activiteit: Activiteit, leerlingen: Iterable[Leerling], door: User, toestemming_ouder: bool = False
) -> Inschrijfresultaat:
    """Enrol a list of pupils (or a whole group) in order; each one on its own terms (consent,
    capacity). Pupils without consent are skipped and reported."""
    resultaat = Inschrijfresultaat()
    al = set(
        activiteit.inschrijvingen.exclude(status=InschrijvingStatus.AFGEMELD).values_list("leerling_id", flat=True)
    )
    for leerling in leerlingen:
        try:
            inschrijving = enrol(
                activiteit=activiteit, leerling=leerling, door=door, toestemming_ouder=toestemming_ouder
            )
        except ToestemmingOntbreekt:
            resultaat.zonder_toestemming.append(leerling)
            continue
        if leerling.pk in al:
            resultaat.al_ingeschreven.append(inschrijving)
        elif inschrijving.status == InschrijvingStatus.GEPLAATST:
            resultaat.geplaatst.append(inschrijving)
        else:
            resultaat.wachtlijst.append(inschrijving)
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


RITME_VELDEN = ("blok_id", "weekdag", "begintijd", "eindtijd")


@transaction.atomic
def save_activiteit(
    *, activiteit: Activiteit, begeleiders: Iterable[User] | None = None, vandaag: dt.date | None = None
) -> tuple[Activiteit, int]:
    """Create or change an activity. New activities get their sessions at once; when the block
    or the weekly rhythm changes, the sessions from today on that have no attendance and were
    not moved by hand are planned again. Returns the activity and how many sessions were made."""
    vandaag = vandaag or timezone.localdate()
    nieuw = activiteit.pk is None
    ritme_gewijzigd = False
    if not nieuw:
        oud = Activiteit.objects.select_for_update().get(pk=activiteit.pk)
        ritme_gewijzigd = any(getattr(oud, veld) != getattr(activiteit, veld) for veld in RITME_VELDEN)
    if activiteit.blok.school_id != activiteit.school_id:
        raise ValidationError({"blok": "Dit blok hoort niet bij deze school."})
    valideer(activiteit)
    activiteit.save()
    if begeleiders is not None:
        activiteit.begeleiders.set(begeleiders)
    if ritme_gewijzigd:
        activiteit.bijeenkomsten.filter(
            datum__gte=vandaag, oorspronkelijke_datum__isnull=True, presenties__isnull=True
        ).delete()
    gemaakt = generate_bijeenkomsten(activiteit=activiteit) if nieuw or ritme_gewijzigd else []
    return activiteit, len(gemaakt)


@transaction.atomic
def restore_bijeenkomst(*, bijeenkomst: Bijeenkomst) -> Bijeenkomst:
    """Undo a cancellation."""
    bijeenkomst.geannuleerd = False
    bijeenkomst.reden = ""
    bijeenkomst.save(update_fields=["geannuleerd", "reden"])
    return bijeenkomst


@transaction.atomic
def save_blok(*, blok: Blok) -> Blok:
    """A block lies within one school year (the one its first day is in)."""
    if blok.begindatum and blok.einddatum and blok.einddatum < blok.begindatum:
        raise ValidationError({"einddatum": "De laatste dag ligt vóór de eerste dag."})
    schooljaar = schooljaar_for_date(blok.begindatum)
    if blok.einddatum > schooljaar.einddatum:
        raise ValidationError(
            {"einddatum": f"Een blok valt binnen één schooljaar (tot en met {schooljaar.einddatum:%d-%m-%Y})."}
        )
    if blok.pk and blok.activiteiten.exists() and blok.schooljaar_id != schooljaar.pk:
        raise ValidationError({"begindatum": "Dit blok heeft activiteiten; het kan niet naar een ander schooljaar."})
    blok.schooljaar = schooljaar
    if Blok.objects.filter(school=blok.school, schooljaar=schooljaar, naam=blok.naam).exclude(pk=blok.pk).exists():
        raise ValidationError({"naam": "Er is in dit schooljaar al een blok met deze naam."})
    valideer(blok)
    blok.save()
    return blok


def _studiedag_reden(sluiting: Sluiting) -> str:
    return f"School dicht: {sluiting.naam}"


@transaction.atomic
def add_studiedag(
    *, school: School, naam: str, van: dt.date, tot_en_met: dt.date | None = None
) -> tuple[Sluiting, int]:
    """A day (or days) the school is closed. Sessions already planned then, without attendance,
    are cancelled with the reason; returns the closure and how many sessions were cancelled."""
    sluiting = Sluiting(
        school=school, soort=Sluiting.Soort.STUDIEDAG, naam=naam.strip(), van=van, tot_en_met=tot_en_met or van
    )
    if sluiting.tot_en_met < sluiting.van:
        raise ValidationError({"tot_en_met": "De laatste dag ligt vóór de eerste dag."})
    valideer(sluiting)
    sluiting.save()
    geraakt = Bijeenkomst.objects.filter(
        activiteit__school=school,
        datum__range=(sluiting.van, sluiting.tot_en_met),
        geannuleerd=False,
        presenties__isnull=True,
    ).update(geannuleerd=True, reden=_studiedag_reden(sluiting))
    return sluiting, geraakt


@transaction.atomic
def remove_studiedag(*, sluiting: Sluiting) -> int:
    """Remove a studiedag of the school; the sessions it cancelled come back."""
    if sluiting.school_id is None or sluiting.soort != Sluiting.Soort.STUDIEDAG:
        raise ValidationError("Alleen studiedagen van de school zelf kunnen worden verwijderd.")
    terug = Bijeenkomst.objects.filter(
        activiteit__school_id=sluiting.school_id,
        datum__range=(sluiting.van, sluiting.tot_en_met),
        geannuleerd=True,
        reden=_studiedag_reden(sluiting),
    ).update(geannuleerd=False, reden="")
    sluiting.delete()
    return terug


@transaction.atomic
def record_doorstroom(
    *, leerling: Leerling, partner: Partner, datum: dt.date, door: User, activiteit: Activiteit | None = None
) -> Doorstroom:
    """A pupil became a member of a club after an activity."""
    if activiteit is not None and leerling.school_id != activiteit.school_id:
        raise ValidationError({"leerling": "Deze leerling zit niet op deze school."})
    if datum > timezone.localdate():
        raise ValidationError({"datum": "Deze datum ligt in de toekomst."})
    if Doorstroom.objects.filter(leerling=leerling, partner=partner).exists():
        raise ValidationError({"partner": f"{leerling.roepnaam} staat al als lid van {partner.naam} geregistreerd."})
    doorstroom = Doorstroom(
        leerling=leerling, partner=partner, datum=datum, activiteit=activiteit, vastgelegd_door=door
    )
    valideer(doorstroom)
    doorstroom.save()
    return doorstroom


@transaction.atomic
def nodig_uit(*, leerlingen: Iterable[Leerling], blok: Blok, door: User) -> list[ActiviteitUitnodiging]:
    """Invite pupils not yet reached for the activities of ``blok``: one invitation per pupil
    and block; the e-mails to the guardians go out after the commit (a worker sends them in
    each guardian's language); guardians without an e-mail address get the printed booklet."""
    al = set(ActiviteitUitnodiging.objects.filter(blok=blok).values_list("leerling_id", flat=True))
    kandidaten = [k for k in leerlingen if k.pk not in al and k.school_id == blok.school_id]
    met_email = dict(
        Leerling.objects.filter(pk__in=[k.pk for k in kandidaten])
        .annotate(n=Count("verzorgers", filter=~Q(verzorgers__email="")))
        .values_list("pk", "n")
    )
    nieuw = [
        ActiviteitUitnodiging(
            leerling=leerling,
            blok=blok,
            uitgenodigd_door=door,
            per_email=met_email.get(leerling.pk, 0),
            op_papier=not met_email.get(leerling.pk, 0),
        )
        for leerling in kandidaten
    ]
    gemaakt = ActiviteitUitnodiging.objects.bulk_create(nieuw)
    ids = [u.pk for u in gemaakt if u.per_email]
    if ids:
        from activiteiten import tasks

        transaction.on_commit(lambda: tasks.task_mail_uitnodigingen.delay(uitnodiging_ids=ids))
    return gemaakt

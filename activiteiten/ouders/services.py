"""Writes of the parent activities: create and change an activity (a new date or time raises
``versie`` and queues an update), cancel it, plan a series through the school year, invite the
guardians of a selection, and check families in at the door.

Messages to parents are the outbox's business (``activiteiten.ouders.herinneringen``): these
services only call it inside their transaction; the outbox sends after commit."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from activiteiten import kalender
from activiteiten.models import (
    Aanmelding,
    AanmeldingStatus,
    Binnenkomst,
    Ouderactiviteit,
    OuderactiviteitSoort,
    Ouderreeks,
    Uitnodiging,
    UitnodigingStatus,
)
from familieschool.models import School, Schooljaar, User
from familieschool.selectors import schooljaar_for_date
from familieschool.validatie import valideer
from gezinnen.models import Gezin, Groep, Kanaal, Leerling, Taal, Verzorger

# A change of one of these sends an update to everyone invited.
TIJDVELDEN = ("datum", "inloop", "diner", "begintijd", "eindtijd")


def _herinneringen() -> ModuleType | None:
    """The outbox module, when it is installed (it is built alongside these pages)."""
    try:
        from activiteiten.ouders import herinneringen
    except ImportError:  # pragma: no cover - only while the outbox is not there yet
        return None
    return herinneringen


def _outbox(naam: str, *args: Any) -> Any:
    module = _herinneringen()
    functie = getattr(module, naam, None) if module is not None else None
    return functie(*args) if functie is not None else None


# --- the activity -------------------------------------------------------------------------------


def valideer_ouderactiviteit(activiteit: Ouderactiviteit, *, nieuw: bool, vandaag: dt.date | None = None) -> None:
    """The rules, with a Dutch message at the field they are about."""
    fouten: dict[str, list[str]] = {}
    vandaag = vandaag or timezone.localdate()
    if activiteit.datum and nieuw and activiteit.datum < vandaag:
        fouten.setdefault("datum", []).append("Kies een datum vanaf vandaag; deze datum is al voorbij.")
    begin, einde = activiteit.begintijd, activiteit.eindtijd
    if begin and einde and einde <= begin:
        fouten.setdefault("eindtijd", []).append("De eindtijd moet na de begintijd liggen.")
    if activiteit.inloop and begin and activiteit.inloop > begin:
        fouten.setdefault("inloop", []).append("De inloop begint vóór of op de begintijd.")
    if activiteit.diner and einde and activiteit.diner >= einde:
        fouten.setdefault("diner", []).append("Het eten begint vóór de eindtijd.")
    if activiteit.capaciteit is not None and activiteit.capaciteit < 1:
        fouten.setdefault("capaciteit", []).append("Er moet minstens 1 plaats zijn; laat het leeg voor geen maximum.")
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def save_ouderactiviteit(*, activiteit: Ouderactiviteit, door: User) -> Ouderactiviteit:
    """Create or change a parent activity. Side effects: when the date or a time of an existing
    activity changes, ``versie`` goes up and the outbox queues an update message for everyone
    invited (and moves the reminders)."""
    nieuw = activiteit.pk is None
    valideer_ouderactiviteit(activiteit, nieuw=nieuw)
    gewijzigd = False
    if nieuw:
        activiteit.aangemaakt_door = door
    else:
        oud = Ouderactiviteit.objects.select_for_update().get(pk=activiteit.pk)
        if oud.is_geannuleerd:
            raise ValidationError("Een geannuleerde activiteit kun je niet meer wijzigen.")
        gewijzigd = any(getattr(oud, veld) != getattr(activiteit, veld) for veld in TIJDVELDEN)
        if gewijzigd:
            activiteit.versie = oud.versie + 1
    valideer(activiteit)
    activiteit.save()
    if gewijzigd:
        _outbox("wijziging", activiteit)
    if not nieuw and _meer_plaatsen(oud, activiteit):
        # More places (or no maximum any more): the waitlist moves up, in order, under the row lock.
        from activiteiten.ouders import rsvp

        rsvp.promote_wachtlijst(ouderactiviteit=activiteit)
    return activiteit


def _meer_plaatsen(oud: Ouderactiviteit, nieuw: Ouderactiviteit) -> bool:
    if oud.capaciteit is None:
        return False
    return nieuw.capaciteit is None or nieuw.capaciteit > oud.capaciteit


@transaction.atomic
def cancel_ouderactiviteit(*, activiteit: Ouderactiviteit, reden: str) -> int:
    """Cancel with a reason. Side effects: pending reminders are cancelled and everyone invited
    is told (the outbox); returns how many cancellation messages were queued."""
    activiteit = Ouderactiviteit.objects.select_for_update().get(pk=activiteit.pk)
    if activiteit.is_geannuleerd:
        raise ValidationError("Deze activiteit was al geannuleerd.")
    reden = reden.strip()
    if not reden:
        raise ValidationError({"reden": ["Geef een reden, die krijgen de ouders te lezen."]})
    activiteit.geannuleerd_op = timezone.now()
    activiteit.annuleringsreden = reden[:200]
    activiteit.save(update_fields=["geannuleerd_op", "annuleringsreden", "updated_at"])
    return int(_outbox("annuleer", activiteit) or 0)


# --- a series ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reeksplan:
    naam: str
    soort: str
    weekdag: int  # 0 = Monday
    interval_weken: int
    eerste_datum: dt.date
    aantal: int
    begintijd: dt.time
    eindtijd: dt.time
    inloop: dt.time | None = None
    diner: dt.time | None = None
    locatie: str = "Ouderkamer"
    thema: str = ""
    omschrijving: str = ""
    gespreksleider: str = ""
    kinderopvang: bool = False
    tolktalen: list[str] = field(default_factory=list)
    capaciteit: int | None = None
    slotavond: bool = False


def reeks_datums(*, school: School, plan: Reeksplan) -> list[dt.date]:
    """The dates of a series: from the first ``weekdag`` on or after ``eerste_datum``, every
    ``interval_weken`` weeks; a date on which the school is closed moves to the same weekday a
    week later. Never past the end of the school year."""
    schooljaar = schooljaar_for_date(plan.eerste_datum)
    gesloten = kalender.sluitingen(school=school, van=plan.eerste_datum, tot=schooljaar.einddatum)
    datum = plan.eerste_datum + dt.timedelta(days=(plan.weekdag - plan.eerste_datum.weekday()) % 7)
    datums: list[dt.date] = []
    while len(datums) < plan.aantal and datum <= schooljaar.einddatum:
        if kalender.is_gesloten(datum, gesloten) is not None:
            datum += dt.timedelta(days=7)
            continue
        datums.append(datum)
        datum += dt.timedelta(days=7 * plan.interval_weken)
    return datums


@transaction.atomic
def plan_reeks(*, school: School, plan: Reeksplan, door: User) -> Ouderreeks:
    """A series with ``plan.aantal`` activities (the last one a closing evening when asked)."""
    fouten: dict[str, list[str]] = {}
    if plan.aantal < 1 or plan.aantal > 20:
        fouten["aantal"] = ["Plan 1 tot 20 bijeenkomsten."]
    if plan.interval_weken < 1 or plan.interval_weken > 12:
        fouten["interval_weken"] = ["Kies elke 1 tot 12 weken."]
    if plan.eerste_datum < timezone.localdate():
        fouten["eerste_datum"] = ["Kies een datum vanaf vandaag."]
    if fouten:
        raise ValidationError(fouten)
    schooljaar = schooljaar_for_date(plan.eerste_datum)
    if Ouderreeks.objects.filter(school=school, schooljaar=schooljaar, naam=plan.naam).exists():
        raise ValidationError({"naam": [f"Er is dit schooljaar al een reeks “{plan.naam}”."]})
    datums = reeks_datums(school=school, plan=plan)
    if len(datums) < plan.aantal:
        raise ValidationError(
            {"aantal": [f"Er passen maar {len(datums)} data in dit schooljaar; kies een eerdere start of minder."]}
        )
    reeks = Ouderreeks.objects.create(
        school=school, schooljaar=schooljaar, naam=plan.naam, omschrijving=plan.omschrijving
    )
    for nummer, datum in enumerate(datums, start=1):
        slot = plan.slotavond and nummer == len(datums)
        activiteit = Ouderactiviteit(
            school=school,
            reeks=reeks,
            soort=OuderactiviteitSoort.SLOTAVOND if slot else plan.soort,
            titel=f"{plan.naam}: slotavond" if slot else f"{plan.naam} ({nummer})",
            thema=plan.thema,
            omschrijving=plan.omschrijving,
            datum=datum,
            inloop=plan.inloop,
            diner=plan.diner,
            begintijd=plan.begintijd,
            eindtijd=plan.eindtijd,
            locatie=plan.locatie,
            gespreksleider=plan.gespreksleider,
            kinderopvang=plan.kinderopvang,
            tolktalen=list(plan.tolktalen),
            capaciteit=plan.capaciteit,
        )
        save_ouderactiviteit(activiteit=activiteit, door=door)
    return reeks


# --- invitations -------------------------------------------------------------------------------


class Doelgroep:
    IEDEREEN = "iedereen"
    GROEP = "groep"
    NIET_BEREIKT = "niet_bereikt"

    CHOICES = (
        (IEDEREEN, "Alle gezinnen van de school"),
        (GROEP, "De gezinnen van één groep"),
        (NIET_BEREIKT, "Gezinnen die dit schooljaar nog niet bij een ouderactiviteit waren"),
    )


def kanaal_voor(verzorger: Verzorger) -> str:
    """The guardian's preferred channel, or the next one that has an address; paper when there is
    none (it goes home with the child)."""
    heeft = {Kanaal.EMAIL: bool(verzorger.email), Kanaal.SMS: bool(verzorger.telefoon)}
    voorkeur = verzorger.voorkeurskanaal
    if voorkeur == Kanaal.PAPIER:
        return Kanaal.PAPIER
    if voorkeur == Kanaal.TELEFOON:
        return Kanaal.TELEFOON if verzorger.telefoon else (Kanaal.EMAIL if heeft[Kanaal.EMAIL] else Kanaal.PAPIER)
    volgorde = [Kanaal.EMAIL, Kanaal.SMS] if voorkeur == Kanaal.EMAIL else [Kanaal.SMS, Kanaal.EMAIL]
    return next((k for k in volgorde if heeft[k]), Kanaal.PAPIER)


def bereikte_gezinnen(*, school: School, schooljaar: Schooljaar) -> QuerySet[Binnenkomst]:
    """Check-ins at the school's parent activities of the school year (cancelled ones excluded)."""
    return Binnenkomst.objects.filter(
        ouderactiviteit__school=school,
        ouderactiviteit__geannuleerd_op__isnull=True,
        ouderactiviteit__datum__range=(schooljaar.begindatum, schooljaar.einddatum),
    )


def leerlingen_voor_doelgroep(
    *, ouderactiviteit: Ouderactiviteit, doelgroep: str, groep: Groep | None = None
) -> QuerySet[Leerling]:
    school = ouderactiviteit.school
    vandaag = timezone.localdate()
    qs = Leerling.objects.filter(school=school, geanonimiseerd_op__isnull=True).exclude(
        uitstroomdatum__isnull=False, uitstroomdatum__lte=vandaag
    )
    if doelgroep == Doelgroep.GROEP:
        if groep is None or groep.school_id != school.pk:
            raise ValidationError({"groep": ["Kies een groep."]})
        qs = qs.filter(Q(groep=groep) | Q(pk__in=groep.deelnemers.values("pk")))
    elif doelgroep == Doelgroep.NIET_BEREIKT:
        schooljaar = schooljaar_for_date(ouderactiviteit.datum)
        bereikt = bereikte_gezinnen(school=school, schooljaar=schooljaar).filter(gezin_id__isnull=False)
        qs = qs.exclude(gezin_id__in=bereikt.values("gezin_id"))
    elif doelgroep != Doelgroep.IEDEREEN:
        raise ValidationError({"doelgroep": ["Kies wie je wilt uitnodigen."]})
    return qs


@dataclass
class Uitnodigingsresultaat:
    nieuw: list[Uitnodiging]
    al_uitgenodigd: int

    @property
    def per_kanaal(self) -> dict[str, int]:
        return dict(Counter(u.kanaal for u in self.nieuw))

    @property
    def samenvatting(self) -> str:
        if not self.nieuw:
            return "Iedereen in deze selectie was al uitgenodigd."
        delen = [f"{n}× {Kanaal(k).label.lower()}" for k, n in sorted(self.per_kanaal.items())]
        tekst = f"{len(self.nieuw)} ouder(s) uitgenodigd: {', '.join(delen)}."
        if self.al_uitgenodigd:
            tekst += f" {self.al_uitgenodigd} waren al uitgenodigd."
        return tekst


@transaction.atomic
def nodig_uit(
    *, ouderactiviteit: Ouderactiviteit, doelgroep: str, door: User, groep: Groep | None = None
) -> Uitnodigingsresultaat:
    """One invitation per guardian of the selected pupils (a guardian of two children once), in
    their preferred language through their channel with a fallback (``kanaal_voor``). Guardians
    invited before are skipped. Side effect: the outbox plans the invitation and the reminders
    for e-mail and SMS (sent after commit)."""
    if ouderactiviteit.is_geannuleerd:
        raise ValidationError("Voor een geannuleerde activiteit nodig je niemand meer uit.")
    if ouderactiviteit.datum < timezone.localdate():
        raise ValidationError("Deze activiteit is al voorbij.")
    leerlingen = leerlingen_voor_doelgroep(ouderactiviteit=ouderactiviteit, doelgroep=doelgroep, groep=groep)
    eerste_gezin = (
        Leerling.objects.filter(verzorgerschappen__verzorger=OuterRef("pk"), gezin__isnull=False)
        .order_by("gezin_id")
        .values("gezin_id")[:1]
    )
    al = Uitnodiging.objects.filter(ouderactiviteit=ouderactiviteit, verzorger=OuterRef("pk"))
    verzorgers = list(
        Verzorger.objects.filter(
            school=ouderactiviteit.school,
            geanonimiseerd_op__isnull=True,
            pk__in=leerlingen.values("verzorgerschappen__verzorger"),
        )
        .annotate(gezin_ref=Subquery(eerste_gezin), al_uitgenodigd=Exists(al))
        .order_by("achternaam", "roepnaam", "pk")
    )
    nieuw = [
        Uitnodiging(
            ouderactiviteit=ouderactiviteit,
            verzorger=v,
            gezin_id=v.gezin_ref,  # type: ignore[attr-defined]
            taal=v.voorkeurstaal if v.voorkeurstaal in Taal.values else Taal.NL,
            kanaal=kanaal_voor(v),
            uitgenodigd_door=door,
        )
        for v in verzorgers
        if not v.al_uitgenodigd  # type: ignore[attr-defined]
    ]
    # Two people inviting at once: the unique constraint decides, the second skips. (With
    # ignore_conflicts PostgreSQL returns no ids, hence the read-back.)
    Uitnodiging.objects.bulk_create(nieuw, ignore_conflicts=True)
    aangemaakt = (
        list(
            Uitnodiging.objects.filter(
                ouderactiviteit=ouderactiviteit, verzorger_id__in=[u.verzorger_id for u in nieuw]
            ).select_related("verzorger", "ouderactiviteit")
        )
        if nieuw
        else []
    )
    if aangemaakt:
        _outbox("plan_uitnodigingen", aangemaakt)
    return Uitnodigingsresultaat(nieuw=aangemaakt, al_uitgenodigd=len(verzorgers) - len(nieuw))


@transaction.atomic
def markeer_afgedrukt(*, uitnodigingen: list[Uitnodiging]) -> int:
    """The paper invitations were printed: they count as sent."""
    ids = [u.pk for u in uitnodigingen if u.kanaal == Kanaal.PAPIER and u.status == UitnodigingStatus.NIEUW]
    return Uitnodiging.objects.filter(pk__in=ids).update(
        status=UitnodigingStatus.AFGEDRUKT, verstuurd_op=timezone.now()
    )


# --- at the door -------------------------------------------------------------------------------

_UUID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", re.IGNORECASE)


def _token_uit_link(stuk: str) -> uuid.UUID | None:
    """The token of a signed answer link (the RSVP pages verify the signature)."""
    try:
        from activiteiten.ouders import rsvp
    except ImportError:  # pragma: no cover - only while the RSVP pages are not there yet
        return None
    lees_link = getattr(rsvp, "lees_link", None)
    if lees_link is None:
        return None
    try:
        return lees_link(stuk).token
    except getattr(rsvp, "LinkVerlopen", ()) as verlopen:  # at the door a link of today is fine
        return verlopen.uitnodiging.token
    except Exception:
        return None


def token_uit_tekst(tekst: str) -> uuid.UUID | None:
    """The invitation token in what a scanner typed: the bare token (with or without dashes), or
    the answer link from the QR code of a paper invitation (its signed value, verified by the
    RSVP module). The token is then looked up within the activity only."""
    tekst = (tekst or "").strip()[:2000]
    if gevonden := _UUID.search(tekst):
        return uuid.UUID(gevonden.group(0).replace("-", ""))
    for stuk in re.split(r"[/?&=#\s]+", tekst):
        if ":" in stuk and len(stuk) >= 20 and (token := _token_uit_link(stuk)) is not None:
            return token
    return None


@dataclass(frozen=True)
class Incheckresultaat:
    binnenkomst: Binnenkomst
    nieuw: bool


@transaction.atomic
def check_in(
    *,
    ouderactiviteit: Ouderactiviteit,
    door: User,
    uitnodiging: Uitnodiging | None = None,
    token: str | None = None,
    volwassenen: int | None = None,
    kinderen: int | None = None,
) -> Incheckresultaat:
    """Check in an invited guardian (tapped in the list, or the token from the QR code). Checking
    in twice changes nothing: the second call returns the first check-in. Numbers default to the
    answer (who said they would come) or 1 adult."""
    if ouderactiviteit.is_geannuleerd:
        raise ValidationError("Deze activiteit is geannuleerd.")
    if uitnodiging is None:
        gevonden = token_uit_tekst(token or "")
        uitnodiging = (
            Uitnodiging.objects.filter(ouderactiviteit=ouderactiviteit, token=gevonden).first() if gevonden else None
        )
        if uitnodiging is None:
            raise ValidationError("Deze code hoort niet bij een uitnodiging voor deze activiteit.")
    elif uitnodiging.ouderactiviteit_id != ouderactiviteit.pk:
        raise ValidationError("Deze uitnodiging is voor een andere activiteit.")
    bestaand = Binnenkomst.objects.filter(uitnodiging=uitnodiging).first()
    if bestaand is not None:
        return Incheckresultaat(bestaand, False)
    antwoord = Aanmelding.objects.filter(uitnodiging=uitnodiging, status=AanmeldingStatus.KOMT).first()
    binnenkomst = Binnenkomst(
        ouderactiviteit=ouderactiviteit,
        uitnodiging=uitnodiging,
        gezin_id=uitnodiging.gezin_id,
        taal=uitnodiging.taal,
        volwassenen=volwassenen if volwassenen is not None else (antwoord.volwassenen if antwoord else 1),
        kinderen=kinderen if kinderen is not None else (antwoord.kinderen if antwoord else 0),
        ingecheckt_door=door,
    )
    valideer(binnenkomst, exclude=["ingecheckt_door", "uitnodiging"])
    try:
        with transaction.atomic():
            binnenkomst.save()
    except IntegrityError:
        # Two tablets tapped the same name at the same moment: the first one counts.
        return Incheckresultaat(Binnenkomst.objects.get(uitnodiging=uitnodiging), False)
    return Incheckresultaat(binnenkomst, True)


@transaction.atomic
def check_in_inloop(
    *,
    ouderactiviteit: Ouderactiviteit,
    door: User,
    naam: str,
    taal: str = "",
    volwassenen: int = 1,
    kinderen: int = 0,
    gezin: Gezin | None = None,
) -> Binnenkomst:
    """A walk-in without an invitation: a name (or a family of the school), language and how many
    came."""
    if ouderactiviteit.is_geannuleerd:
        raise ValidationError("Deze activiteit is geannuleerd.")
    naam = naam.strip()
    fouten: dict[str, list[str]] = {}
    if not naam and gezin is None:
        fouten["naam"] = ["Vul een naam in."]
    if not 1 <= volwassenen <= 10:
        fouten["volwassenen"] = ["Vul 1 tot 10 volwassenen in."]
    if not 0 <= kinderen <= 15:
        fouten["kinderen"] = ["Vul 0 tot 15 kinderen in."]
    if taal and taal not in Taal.values:
        fouten["taal"] = ["Kies een taal uit de lijst."]
    if gezin is not None and gezin.school_id != ouderactiviteit.school_id:
        fouten["gezin"] = ["Dit gezin hoort niet bij deze school."]
    if fouten:
        raise ValidationError(fouten)
    return Binnenkomst.objects.create(
        ouderactiviteit=ouderactiviteit,
        gezin=gezin,
        naam=naam[:150],
        taal=taal,
        volwassenen=volwassenen,
        kinderen=kinderen,
        ingecheckt_door=door,
    )


@transaction.atomic
def undo_check_in(*, binnenkomst: Binnenkomst) -> None:
    """Tapped the wrong name: take the check-in back."""
    binnenkomst.delete()

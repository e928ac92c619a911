"""Writes of the Familieservicepunt: walk-in hours, walk-in questions, intakes with their contact
moments, actions and appointments, and referrals to partners (consent checked)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from familieschool.models import Lidmaatschap, School, User
from familieschool.roles import Rol
from familieschool.validatie import valideer
from gezinnen.models import (
    Actiepunt,
    Afspraak,
    Contactmoment,
    Doel,
    Doorverwijzing,
    DoorverwijzingStatus,
    Gezin,
    Hulpvraag,
    HulpvraagStatus,
    Signaal,
    Spreekuur,
    Vraag,
)
from gezinnen.services import vereis_toestemming
from partners.models import Partner
from partners.selectors import partners_for_school

FSP_ROLLEN = frozenset({Rol.BRUGFUNCTIONARIS, Rol.OKA, Rol.BUURTTEAM})
EIGENAAR_ROLLEN = frozenset({Rol.OKA, Rol.BUURTTEAM})
TERUGKOPPELING_DAGEN = 14

# open → lopend → afgerond; a question settled in one conversation may close straight from open.
HULPVRAAG_OVERGANGEN: dict[str, frozenset[str]] = {
    HulpvraagStatus.OPEN: frozenset({HulpvraagStatus.LOPEND, HulpvraagStatus.AFGEROND}),
    HulpvraagStatus.LOPEND: frozenset({HulpvraagStatus.AFGEROND}),
    HulpvraagStatus.AFGEROND: frozenset(),
}


def _heeft_rol(*, user: User, school: School, rollen: frozenset[Rol]) -> bool:
    return Lidmaatschap.objects.filter(
        user=user, school=school, actief=True, user__is_active=True, rol__in=list(rollen)
    ).exists()


# --- walk-in hours -----------------------------------------------------------------------------------


@transaction.atomic
def save_spreekuur(
    *,
    school: School,
    weekdag: int,
    begintijd: dt.time,
    eindtijd: dt.time,
    locatie: str,
    medewerkers: list[User],
    actief: bool = True,
    spreekuur: Spreekuur | None = None,
) -> Spreekuur:
    """Create or change a walk-in hour; who staffs it must work at the FSP of this school."""
    for medewerker in medewerkers:
        if not _heeft_rol(user=medewerker, school=school, rollen=FSP_ROLLEN):
            raise ValidationError({"medewerkers": f"{medewerker.naam} werkt niet bij het Familieservicepunt."})
    if spreekuur is None:
        spreekuur = Spreekuur(school=school)
    spreekuur.weekdag = weekdag
    spreekuur.begintijd = begintijd
    spreekuur.eindtijd = eindtijd
    spreekuur.locatie = locatie.strip() or "Ouderkamer"
    spreekuur.actief = actief
    if eindtijd <= begintijd:
        raise ValidationError({"eindtijd": "Het spreekuur moet eindigen na het begin."})
    valideer(spreekuur)
    spreekuur.save()
    spreekuur.medewerkers.set(medewerkers)
    return spreekuur


def spreekuur_op(*, school: School, moment: dt.datetime) -> Spreekuur | None:
    """The active walk-in hour of ``school`` during ``moment`` (local time), if any."""
    lokaal = timezone.localtime(moment)
    return (
        Spreekuur.objects.filter(
            school=school,
            actief=True,
            weekdag=lokaal.weekday(),
            begintijd__lte=lokaal.time(),
            eindtijd__gte=lokaal.time(),
        )
        .order_by("begintijd")
        .first()
    )


# --- walk-in questions ------------------------------------------------------------------------------


@transaction.atomic
def create_vraag(
    *,
    school: School,
    geregistreerd_door: User,
    categorie: str,
    gezin: Gezin | None = None,
    omschrijving: str = "",
    ter_plekke_beantwoord: bool = True,
    tolk_gebruikt: bool = False,
    gesteld_op: dt.datetime | None = None,
) -> Vraag:
    """Register a walk-in question; it is linked to the walk-in hour it was asked in."""
    if gezin is not None and gezin.school_id != school.pk:
        raise ValidationError({"gezin": "Dit gezin hoort niet bij deze school."})
    gesteld_op = gesteld_op or timezone.now()
    vraag = Vraag(
        school=school,
        spreekuur=spreekuur_op(school=school, moment=gesteld_op),
        gesteld_op=gesteld_op,
        categorie=categorie,
        gezin=gezin,
        omschrijving=omschrijving.strip(),
        ter_plekke_beantwoord=ter_plekke_beantwoord,
        tolk_gebruikt=tolk_gebruikt,
        geregistreerd_door=geregistreerd_door,
    )
    valideer(vraag)
    vraag.save()
    return vraag


# --- intakes ------------------------------------------------------------------------------------------


@transaction.atomic
def create_hulpvraag(
    *,
    school: School,
    gezin: Gezin,
    eigenaar: User,
    categorieen: list[str],
    aanleiding: str = "",
    vertrouwelijke_notities: str = "",
    vraag: Vraag | None = None,
    signaal: Signaal | None = None,
) -> Hulpvraag:
    """Open an intake for a family, owned by the OKA or the Buurtteam. Started from a walk-in
    question, that question points to it; from a signal, the intake remembers the signal."""
    if gezin.school_id != school.pk:
        raise ValidationError({"gezin": "Dit gezin hoort niet bij deze school."})
    if not _heeft_rol(user=eigenaar, school=school, rollen=EIGENAAR_ROLLEN):
        raise ValidationError(
            {"eigenaar": "De eigenaar moet de ouder- en kindadviseur of het Buurtteam van deze school zijn."}
        )
    if vraag is not None and (vraag.school_id != school.pk or vraag.hulpvraag_id is not None):
        raise ValidationError("Van deze vraag is al een intake gemaakt.")
    if vraag is not None and vraag.gezin_id not in (None, gezin.pk):
        raise ValidationError({"gezin": "De vraag hoort bij een ander gezin."})
    if signaal is not None and (signaal.school_id != school.pk or signaal.gezin_id not in (None, gezin.pk)):
        raise ValidationError({"gezin": "Het signaal hoort bij een ander gezin."})
    hulpvraag = Hulpvraag(
        school=school,
        gezin=gezin,
        eigenaar=eigenaar,
        categorieen=sorted(set(categorieen)),
        aanleiding=aanleiding.strip(),
        vertrouwelijke_notities=vertrouwelijke_notities.strip(),
        signaal=signaal,
    )
    if not hulpvraag.categorieen:
        raise ValidationError({"categorieen": "Kies minstens één categorie."})
    valideer(hulpvraag)
    hulpvraag.save()
    if vraag is not None:
        vraag.gezin = gezin
        vraag.hulpvraag = hulpvraag
        vraag.ter_plekke_beantwoord = False
        vraag.save(update_fields=["gezin", "hulpvraag", "ter_plekke_beantwoord"])
    return hulpvraag


@transaction.atomic
def update_hulpvraag(
    *, hulpvraag: Hulpvraag, eigenaar: User, categorieen: list[str], aanleiding: str, vertrouwelijke_notities: str
) -> Hulpvraag:
    if not _heeft_rol(user=eigenaar, school=hulpvraag.school, rollen=EIGENAAR_ROLLEN):
        raise ValidationError(
            {"eigenaar": "De eigenaar moet de ouder- en kindadviseur of het Buurtteam van deze school zijn."}
        )
    if not categorieen:
        raise ValidationError({"categorieen": "Kies minstens één categorie."})
    hulpvraag.eigenaar = eigenaar
    hulpvraag.categorieen = sorted(set(categorieen))
    hulpvraag.aanleiding = aanleiding.strip()
    hulpvraag.vertrouwelijke_notities = vertrouwelijke_notities.strip()
    valideer(hulpvraag)
    hulpvraag.save()
    return hulpvraag


@transaction.atomic
def change_hulpvraag_status(*, hulpvraag: Hulpvraag, naar: str, uitkomst: str = "") -> Hulpvraag:
    """open → lopend → afgerond (or open → afgerond). Closing needs an outcome."""
    hulpvraag = Hulpvraag.objects.select_for_update().get(pk=hulpvraag.pk)
    if naar not in HULPVRAAG_OVERGANGEN.get(hulpvraag.status, frozenset()):
        raise ValidationError(
            f"Van “{hulpvraag.get_status_display()}” kan een intake niet naar “{HulpvraagStatus(naar).label}”."
            if naar in HulpvraagStatus.values
            else "Onbekende status."
        )
    if naar == HulpvraagStatus.AFGEROND:
        if not uitkomst.strip():
            raise ValidationError({"uitkomst": "Beschrijf de uitkomst: wat is er bereikt of afgesproken?"})
        hulpvraag.uitkomst = uitkomst.strip()
        hulpvraag.afgerond_op = timezone.now()
    hulpvraag.status = naar
    valideer(hulpvraag)
    hulpvraag.save()
    return hulpvraag


def _niet_afgerond(hulpvraag: Hulpvraag) -> None:
    if hulpvraag.status == HulpvraagStatus.AFGEROND:
        raise ValidationError("Deze intake is afgerond.")


def _start_lopend(hulpvraag: Hulpvraag) -> None:
    # The first contact after the intake means the help is under way.
    if hulpvraag.status == HulpvraagStatus.OPEN:
        hulpvraag.status = HulpvraagStatus.LOPEND
        hulpvraag.save(update_fields=["status", "updated_at"])


@transaction.atomic
def add_contactmoment(
    *,
    hulpvraag: Hulpvraag,
    door: User,
    soort: str,
    op: dt.datetime,
    duur_minuten: int,
    tolk_gebruikt: bool = False,
    notitie: str = "",
) -> Contactmoment:
    """Record a contact (walk-in, appointment, phone, home visit); an open intake becomes lopend."""
    _niet_afgerond(hulpvraag)
    if op > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"op": "Een contactmoment ligt niet in de toekomst."})
    moment = Contactmoment(
        hulpvraag=hulpvraag,
        soort=soort,
        op=op,
        duur_minuten=duur_minuten,
        tolk_gebruikt=tolk_gebruikt,
        notitie=notitie.strip(),
        door=door,
    )
    valideer(moment)
    moment.save()
    _start_lopend(hulpvraag)
    return moment


@transaction.atomic
def add_actiepunt(*, hulpvraag: Hulpvraag, omschrijving: str, wie: str, uiterlijk: dt.date | None = None) -> Actiepunt:
    _niet_afgerond(hulpvraag)
    actiepunt = Actiepunt(hulpvraag=hulpvraag, omschrijving=omschrijving.strip(), wie=wie.strip(), uiterlijk=uiterlijk)
    valideer(actiepunt)
    actiepunt.save()
    return actiepunt


@transaction.atomic
def mark_actiepunt_gedaan(*, actiepunt: Actiepunt, op: dt.date | None = None) -> Actiepunt:
    if actiepunt.gedaan_op is None:
        actiepunt.gedaan_op = op or timezone.localdate()
        actiepunt.save(update_fields=["gedaan_op"])
    return actiepunt


@transaction.atomic
def create_afspraak(
    *,
    hulpvraag: Hulpvraag,
    met: User,
    datum: dt.date,
    begintijd: dt.time,
    duur_minuten: int = 30,
    spreekuur: Spreekuur | None = None,
    tolk_nodig: bool = False,
    notitie: str = "",
    nu: dt.datetime | None = None,
) -> Afspraak:
    """Plan an appointment, in a walk-in slot or at a free time, never in the past."""
    _niet_afgerond(hulpvraag)
    nu = timezone.localtime(nu or timezone.now())
    if (datum, begintijd) < (nu.date(), nu.time().replace(second=0, microsecond=0)):
        raise ValidationError({"datum": "Een afspraak kan niet in het verleden liggen."})
    if not _heeft_rol(user=met, school=hulpvraag.school, rollen=FSP_ROLLEN):
        raise ValidationError({"met": "Kies iemand van het Familieservicepunt van deze school."})
    if spreekuur is not None:
        if spreekuur.school_id != hulpvraag.school_id:
            raise ValidationError({"spreekuur": "Dit spreekuur is van een andere school."})
        eind = (dt.datetime.combine(datum, begintijd) + dt.timedelta(minutes=duur_minuten)).time()
        if datum.weekday() != spreekuur.weekdag or begintijd < spreekuur.begintijd or eind > spreekuur.eindtijd:
            raise ValidationError(
                {"begintijd": f"Dit valt buiten het spreekuur ({spreekuur}). Kies een tijd binnen het spreekuur."}
            )
    afspraak = Afspraak(
        hulpvraag=hulpvraag,
        spreekuur=spreekuur,
        datum=datum,
        begintijd=begintijd,
        duur_minuten=duur_minuten,
        met=met,
        tolk_nodig=tolk_nodig,
        notitie=notitie.strip(),
    )
    valideer(afspraak)
    afspraak.save()
    return afspraak


# --- referrals -------------------------------------------------------------------------------------------


@transaction.atomic
def create_doorverwijzing(
    *,
    school: School,
    gezin: Gezin,
    partner: Partner,
    categorie: str,
    door: User,
    warme_overdracht: bool = False,
    hulpvraag: Hulpvraag | None = None,
    signaal: Signaal | None = None,
    datum: dt.date | None = None,
    terugkoppeling_voor: dt.date | None = None,
) -> Doorverwijzing:
    """Refer a family to a partner of the board. Refused (ToestemmingOntbreekt) unless the family
    has consented to sharing with the FSP; archived partners are not offered."""
    if gezin.school_id != school.pk:
        raise ValidationError({"gezin": "Dit gezin hoort niet bij deze school."})
    if not partners_for_school(school=school).filter(pk=partner.pk).exists():
        raise ValidationError({"partner": "Kies een (niet gearchiveerde) partner uit de sociale kaart."})
    if hulpvraag is not None and (hulpvraag.school_id != school.pk or hulpvraag.gezin_id != gezin.pk):
        raise ValidationError("De intake hoort bij een ander gezin.")
    if signaal is not None and (signaal.school_id != school.pk or signaal.gezin_id not in (None, gezin.pk)):
        raise ValidationError("Het signaal hoort bij een ander gezin.")
    vereis_toestemming(gezin=gezin, doel=Doel.DELEN_FSP)
    datum = datum or timezone.localdate()
    terugkoppeling_voor = terugkoppeling_voor or datum + dt.timedelta(days=TERUGKOPPELING_DAGEN)
    if terugkoppeling_voor < datum:
        raise ValidationError({"terugkoppeling_voor": "De terugkoppeling kan niet vóór de verwijzing liggen."})
    doorverwijzing = Doorverwijzing(
        school=school,
        gezin=gezin,
        partner=partner,
        hulpvraag=hulpvraag,
        signaal=signaal,
        categorie=categorie,
        datum=datum,
        warme_overdracht=warme_overdracht,
        terugkoppeling_voor=terugkoppeling_voor,
        door=door,
    )
    valideer(doorverwijzing)
    doorverwijzing.save()
    return doorverwijzing


@transaction.atomic
def record_reactie(
    *, doorverwijzing: Doorverwijzing, ontvangen_op: dt.date, geaccepteerd: bool, terugkoppeling: str = ""
) -> Doorverwijzing:
    """The partner answered: accepted or not, on which date, and what they said."""
    doorverwijzing = Doorverwijzing.objects.select_for_update().get(pk=doorverwijzing.pk)
    if doorverwijzing.status != DoorverwijzingStatus.VERSTUURD:
        raise ValidationError("De reactie van de partner is al vastgelegd.")
    if ontvangen_op < doorverwijzing.datum:
        raise ValidationError({"ontvangen_op": "De reactie kan niet vóór de verwijzing liggen."})
    if ontvangen_op > timezone.localdate():
        raise ValidationError({"ontvangen_op": "De reactie kan niet in de toekomst liggen."})
    doorverwijzing.ontvangen_op = ontvangen_op
    doorverwijzing.status = DoorverwijzingStatus.GEACCEPTEERD if geaccepteerd else DoorverwijzingStatus.AFGEWEZEN
    doorverwijzing.terugkoppeling = terugkoppeling.strip()
    valideer(doorverwijzing)
    doorverwijzing.save()
    return doorverwijzing


@transaction.atomic
def close_doorverwijzing(*, doorverwijzing: Doorverwijzing, uitkomst: str, terugkoppeling: str = "") -> Doorverwijzing:
    """Close a referral with its outcome (after the partner's reaction, or when it came to nothing)."""
    doorverwijzing = Doorverwijzing.objects.select_for_update().get(pk=doorverwijzing.pk)
    if doorverwijzing.status == DoorverwijzingStatus.AFGEROND:
        raise ValidationError("Deze doorverwijzing is al afgerond.")
    # Not accepted is an end in itself (refer again if needed); so "afgerond with a reaction"
    # always means accepted, which the partner counts rely on.
    if doorverwijzing.status == DoorverwijzingStatus.AFGEWEZEN:
        raise ValidationError("De partner heeft deze verwijzing niet geaccepteerd; verwijs zo nodig opnieuw.")
    if not uitkomst.strip():
        raise ValidationError({"uitkomst": "Beschrijf de uitkomst van de doorverwijzing."})
    doorverwijzing.uitkomst = uitkomst.strip()
    if terugkoppeling.strip():
        doorverwijzing.terugkoppeling = terugkoppeling.strip()
    doorverwijzing.status = DoorverwijzingStatus.AFGEROND
    valideer(doorverwijzing)
    doorverwijzing.save()
    return doorverwijzing

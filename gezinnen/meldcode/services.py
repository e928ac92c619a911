"""Writes of Meldcode cases: open a case from a veiligheid signal, add a step entry, answer a
question of the afwegingskader, decide (which closes the case). Entries are append-only (a DB
trigger refuses UPDATE); a closed case takes no more entries. No side effects beyond the rows
written: no notification, no mail, no event on the signal (which would reveal the case)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.models import Lidmaatschap, User
from familieschool.validatie import valideer
from gezinnen.meldcode import selectors
from gezinnen.meldcode.teksten import MINSTENS_EEN
from gezinnen.models import Signaal
from gezinnen.models.meldcode import Afweging, Afwegingsvraag, Besluit, MeldcodeStap, Meldcodezaak

# Afwegingskader (reference/domain.md §4.1): these last answers make a report to Veilig Thuis
# the professional norm, so the decision must then be a melding.
MELDEN_VERPLICHT: dict[int, tuple[bool, str]] = {
    Afwegingsvraag.ONVEILIG: (True, "er is acute en/of structurele onveiligheid (vraag 2)"),
    Afwegingsvraag.HULP_MOGELIJK: (False, "effectieve hulp is niet mogelijk (vraag 3)"),
    Afwegingsvraag.HULP_AANVAARD: (False, "de betrokkenen aanvaarden de hulp niet (vraag 4)"),
    Afwegingsvraag.RESULTAAT: (False, "de hulp leidt niet tot de nodige resultaten (vraag 5)"),
}


def redenen_om_te_melden(antwoorden: dict[int, bool]) -> list[str]:
    """Why the afwegingskader says to report, from the last answer to each question."""
    return [reden for vraag, (waarde, reden) in MELDEN_VERPLICHT.items() if antwoorden.get(vraag) is waarde]


def _open_zaak_voor_schrijven(zaak: Meldcodezaak) -> Meldcodezaak:
    """Lock the case row, so an entry and the decision cannot cross; refuse a closed case."""
    zaak = Meldcodezaak.objects.select_for_update().get(pk=zaak.pk)
    if zaak.afgesloten_op is not None:
        raise ValidationError("Deze meldcode-zaak is afgesloten: er kan niets meer worden toegevoegd.")
    return zaak


def _niet_in_de_toekomst(datum: dt.date, veld: str) -> None:
    if datum > timezone.localdate():
        raise ValidationError({veld: "Deze datum ligt in de toekomst."})


@transaction.atomic
def open_zaak(*, signaal: Signaal, door: User, lidmaatschap: Lidmaatschap) -> Meldcodezaak:
    """Open the Meldcode case for a veiligheid signal. Only the aandachtsfunctionaris of the
    signal's school may; one case per signal; family and pupil come from the signal."""
    if not selectors.is_aandachtsfunctionaris(rol=lidmaatschap.rol, lidmaatschap=lidmaatschap, school=signaal.school):
        raise ValidationError("Alleen de aandachtsfunctionaris van deze school kan een meldcode-zaak openen.")
    if lidmaatschap.user_id != door.pk:
        raise ValidationError("Dit lidmaatschap hoort niet bij deze gebruiker.")
    signaal = Signaal.objects.select_for_update(of=("self",)).select_related("leerling").get(pk=signaal.pk)
    if signaal.categorie != Hulpdomein.VEILIGHEID:
        raise ValidationError("Een meldcode-zaak wordt geopend vanuit een signaal over veiligheid.")
    if Meldcodezaak.objects.filter(signaal=signaal).exists():
        raise ValidationError("Voor dit signaal is al een meldcode-zaak geopend.")
    gezin_id = signaal.gezin_id or (signaal.leerling.gezin_id if signaal.leerling else None)
    if gezin_id is None:
        raise ValidationError("Dit signaal hoort niet bij een gezin. Koppel de leerling eerst aan een gezin.")
    zaak = Meldcodezaak(
        school=signaal.school, signaal=signaal, gezin_id=gezin_id, leerling=signaal.leerling, geopend_door=door
    )
    valideer(zaak)
    zaak.save()
    return zaak


@transaction.atomic
def add_stap(
    *,
    zaak: Meldcodezaak,
    stap: int,
    auteur: User,
    datum: dt.date,
    feiten: str = "",
    observaties: str = "",
    informatie_derden: str = "",
    notitie: str = "",
) -> MeldcodeStap:
    """Add an entry to one of the five steps (a correction is a new entry, never an edit)."""
    zaak = _open_zaak_voor_schrijven(zaak)
    _niet_in_de_toekomst(datum, "datum")
    teksten = {
        "feiten": feiten.strip(),
        "observaties": observaties.strip(),
        "informatie_derden": informatie_derden.strip(),
        "notitie": notitie.strip(),
    }
    if not any(teksten.values()):
        raise ValidationError(MINSTENS_EEN)
    regel = MeldcodeStap(zaak=zaak, stap=stap, datum=datum, auteur=auteur, **teksten)
    valideer(regel)
    regel.save()
    return regel


@transaction.atomic
def add_afweging(
    *, zaak: Meldcodezaak, vraag: int, antwoord: bool, toelichting: str, auteur: User, datum: dt.date
) -> Afweging:
    """Answer a question of the afwegingskader; a later answer is a new row (the last counts)."""
    zaak = _open_zaak_voor_schrijven(zaak)
    _niet_in_de_toekomst(datum, "datum")
    if not toelichting.strip():
        raise ValidationError({"toelichting": "Licht het antwoord toe."})
    afweging = Afweging(
        zaak=zaak, vraag=vraag, antwoord=antwoord, toelichting=toelichting.strip(), auteur=auteur, datum=datum
    )
    valideer(afweging)
    afweging.save()
    return afweging


@transaction.atomic
def close_zaak(
    *,
    zaak: Meldcodezaak,
    besluit: str,
    besluit_toelichting: str,
    door: User,
    melddatum: dt.date | None = None,
    meldreferentie: str = "",
) -> Meldcodezaak:
    """Record the decision, which closes the case. The decision needs its reasoning; a report to
    Veilig Thuis needs its date and reference; where the afwegingskader says to report, only a
    report is accepted."""
    zaak = _open_zaak_voor_schrijven(zaak)
    fouten: dict[str, str] = {}
    if besluit not in Besluit.values:
        fouten["besluit"] = "Kies een besluit."
    if not besluit_toelichting.strip():
        fouten["besluit_toelichting"] = "Onderbouw het besluit."
    if besluit == Besluit.MELDING:
        if melddatum is None:
            fouten["melddatum"] = "Vul de datum van de melding bij Veilig Thuis in."
        elif melddatum > timezone.localdate():
            fouten["melddatum"] = "Deze datum ligt in de toekomst."
        if not meldreferentie.strip():
            fouten["meldreferentie"] = "Vul de referentie van Veilig Thuis in."
    elif besluit in Besluit.values:
        redenen = redenen_om_te_melden(selectors.laatste_antwoorden(zaak))
        if redenen:
            fouten["besluit"] = (
                "Volgens het afwegingskader is melden bij Veilig Thuis nodig: " + "; ".join(redenen) + "."
            )
        melddatum, meldreferentie = None, ""
    if fouten:
        raise ValidationError(fouten)
    zaak.besluit = besluit
    zaak.besluit_toelichting = besluit_toelichting.strip()
    zaak.besluit_door = door
    zaak.melddatum = melddatum
    zaak.meldreferentie = meldreferentie.strip()
    zaak.afgesloten_op = timezone.now()
    valideer(zaak)
    zaak.save()
    return zaak

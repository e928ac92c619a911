"""Writes of the grant pages: grants, budget lines, expenses with their attachment, the
activities a grant pays for, and the rules of a funding stream.

Every command is keyword-only and atomic, validates the whole object (``full_clean``) before
it saves, and raises a ValidationError with Dutch messages per field — nothing is saved half.
Files are removed from storage only after the transaction commits.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.formats import date_format

from activiteiten.models import Activiteit, Ouderactiviteit
from familieschool.models import School, User
from familieschool.validatie import valideer
from subsidies.bijlagen import Bijlage
from subsidies.models import (
    Begrotingspost,
    Begrotingssoort,
    Financiering,
    Regeling,
    RegelingSoort,
    Toekenning,
    Uitgave,
)

NUL = Decimal("0.00")


def _datum(datum: dt.date) -> str:
    return date_format(datum, "j F Y")


def _controleer_bedrag(fouten: dict[str, str], veld: str, bedrag: Decimal | None, *, positief: bool) -> None:
    if bedrag is None:
        return
    if int(bedrag.as_tuple().exponent) < -2:
        fouten[veld] = "Een bedrag heeft hoogstens twee cijfers achter de komma."
    elif positief and bedrag <= 0:
        fouten[veld] = "Een bedrag moet groter zijn dan € 0,00."
    elif bedrag < 0:
        fouten[veld] = "Een bedrag kan niet negatief zijn."


# --- grants --------------------------------------------------------------------------------------------


def _controleer_toekenning(toekenning: Toekenning) -> None:
    fouten: dict[str, str] = {}
    if toekenning.regeling.bestuur_id != toekenning.school.bestuur_id:
        fouten["regeling"] = "Kies een regeling van het eigen bestuur."
    elif toekenning.regeling.soort != RegelingSoort.SUBSIDIE:
        fouten["regeling"] = "Een fonds per kind krijgt geen toekenning; maak daarvoor een fondsaanvraag."
    _controleer_bedrag(fouten, "bedrag", toekenning.bedrag, positief=False)
    if toekenning.begindatum and toekenning.einddatum and toekenning.einddatum < toekenning.begindatum:
        fouten["einddatum"] = "De einddatum ligt vóór de begindatum; een periode eindigt na de start."
    if (
        toekenning.referentie
        and Toekenning.objects.filter(
            school_id=toekenning.school_id, regeling_id=toekenning.regeling_id, referentie=toekenning.referentie
        )
        .exclude(pk=toekenning.pk)
        .exists()
    ):
        fouten["referentie"] = "Deze school heeft al een toekenning van deze regeling met dit kenmerk."
    if toekenning.pk and not fouten:
        # Expenses must stay inside the period: shortening it past one of them is refused.
        buiten = (
            toekenning.uitgaven.exclude(datum__range=(toekenning.begindatum, toekenning.einddatum))
            .order_by("datum")
            .first()
        )
        if buiten is not None:
            fouten["einddatum" if buiten.datum > toekenning.einddatum else "begindatum"] = (
                f"De uitgave “{buiten.omschrijving}” van {_datum(buiten.datum)} valt dan buiten de looptijd. "
                "Pas eerst die uitgave aan."
            )
    if fouten:
        raise ValidationError(fouten)
    valideer(toekenning)


@transaction.atomic
def create_toekenning(
    *,
    school: School,
    aangemaakt_door: User,
    regeling: Regeling,
    naam: str,
    begindatum: dt.date,
    einddatum: dt.date,
    bedrag: Decimal,
    referentie: str = "",
    voorwaarden: str = "",
    status: str = Toekenning.Status.TOEGEKEND,
) -> Toekenning:
    """Record a grant with the four budget lines at € 0,00, so expenses can be booked at once."""
    toekenning = Toekenning(
        school=school,
        aangemaakt_door=aangemaakt_door,
        regeling=regeling,
        naam=naam,
        referentie=referentie,
        begindatum=begindatum,
        einddatum=einddatum,
        bedrag=bedrag,
        voorwaarden=voorwaarden,
        status=status,
    )
    _controleer_toekenning(toekenning)
    toekenning.save()
    Begrotingspost.objects.bulk_create(
        [Begrotingspost(toekenning=toekenning, soort=soort, bedrag=NUL) for soort in Begrotingssoort.values]
    )
    return toekenning


@transaction.atomic
def update_toekenning(*, toekenning: Toekenning, **velden: Any) -> Toekenning:
    """Change a grant's fields (regeling, naam, referentie, period, bedrag, voorwaarden, status)."""
    toegestaan = {"regeling", "naam", "referentie", "begindatum", "einddatum", "bedrag", "voorwaarden", "status"}
    for veld, waarde in velden.items():
        if veld not in toegestaan:
            raise TypeError(f"update_toekenning kent geen veld {veld}")
        setattr(toekenning, veld, waarde)
    _controleer_toekenning(toekenning)
    toekenning.save()
    return toekenning


@transaction.atomic
def save_begroting(*, toekenning: Toekenning, posten: dict[str, tuple[Decimal, str]]) -> bool:
    """Set the budget per kind (creating missing lines). Returns True when the lines add up to more
    than the grant — allowed, the view warns about it."""
    fouten: dict[str, str] = {}
    for soort, (bedrag, _) in posten.items():
        if soort not in Begrotingssoort.values:
            raise ValidationError({"__all__": f"Onbekende begrotingspost: {soort}."})
        _controleer_bedrag(fouten, f"{soort}_bedrag", bedrag, positief=False)
    if fouten:
        raise ValidationError(fouten)
    bestaand = {post.soort: post for post in toekenning.posten.select_for_update()}
    for soort, (bedrag, toelichting) in posten.items():
        post = bestaand.get(soort) or Begrotingspost(toekenning=toekenning, soort=soort)
        post.bedrag = bedrag
        post.toelichting = toelichting
        valideer(post)
        post.save()
    totaal = sum((post.bedrag for post in toekenning.posten.all()), NUL)
    return totaal > toekenning.bedrag


# --- expenses ------------------------------------------------------------------------------------------


def datum_buiten_looptijd(toekenning: Toekenning) -> str:
    return (
        f"De datum valt buiten de looptijd van de toekenning "
        f"({_datum(toekenning.begindatum)} tot en met {_datum(toekenning.einddatum)})."
    )


def _controleer_uitgave(uitgave: Uitgave) -> None:
    toekenning = uitgave.toekenning
    fouten: dict[str, str] = {}
    _controleer_bedrag(fouten, "bedrag", uitgave.bedrag, positief=True)
    if uitgave.datum and not (toekenning.begindatum <= uitgave.datum <= toekenning.einddatum):
        fouten["datum"] = datum_buiten_looptijd(toekenning)
    if uitgave.post_id and uitgave.post.toekenning_id != toekenning.pk:
        fouten["post"] = "Deze begrotingspost hoort bij een andere toekenning."
    if uitgave.activiteit is not None and uitgave.activiteit.school_id != toekenning.school_id:
        fouten["activiteit"] = "Kies een activiteit van deze school."
    if uitgave.ouderactiviteit is not None and uitgave.ouderactiviteit.school_id != toekenning.school_id:
        fouten["ouderactiviteit"] = "Kies een ouderactiviteit van deze school."
    if uitgave.activiteit_id and uitgave.ouderactiviteit_id:
        fouten["ouderactiviteit"] = "Koppel de uitgave aan een activiteit óf aan een ouderactiviteit, niet aan allebei."
    if fouten:
        raise ValidationError(fouten)
    valideer(uitgave)


def _verwijder_na_commit(uitgave: Uitgave, naam: str) -> None:
    if naam:
        transaction.on_commit(partial(uitgave.bijlage.storage.delete, naam))


def _bewaar(uitgave: Uitgave, bijlage: Bijlage | None) -> None:
    """Store the attachment (under a random name with the extension of its real type), then the
    row; when the row cannot be saved the new file is removed again."""
    nieuw = ""
    if bijlage is not None:
        uitgave.bijlage.save(f"bijlage.{bijlage.extensie}", bijlage.bestand, save=False)
        nieuw = uitgave.bijlage.name or ""
        uitgave.bijlage_naam = bijlage.naam
        uitgave.bijlage_type = bijlage.content_type
    try:
        uitgave.save()
    except Exception:
        if nieuw:
            uitgave.bijlage.storage.delete(nieuw)
        raise


@transaction.atomic
def create_uitgave(
    *,
    toekenning: Toekenning,
    aangemaakt_door: User,
    datum: dt.date,
    bedrag: Decimal,
    omschrijving: str,
    post: Begrotingspost,
    activiteit: Activiteit | None = None,
    ouderactiviteit: Ouderactiviteit | None = None,
    factuurnummer: str = "",
    bijlage: Bijlage | None = None,
) -> Uitgave:
    uitgave = Uitgave(
        toekenning=toekenning,
        aangemaakt_door=aangemaakt_door,
        datum=datum,
        bedrag=bedrag,
        omschrijving=omschrijving,
        post=post,
        activiteit=activiteit,
        ouderactiviteit=ouderactiviteit,
        factuurnummer=factuurnummer,
    )
    _controleer_uitgave(uitgave)
    _bewaar(uitgave, bijlage)
    return uitgave


@transaction.atomic
def update_uitgave(
    *,
    uitgave: Uitgave,
    datum: dt.date,
    bedrag: Decimal,
    omschrijving: str,
    post: Begrotingspost,
    activiteit: Activiteit | None = None,
    ouderactiviteit: Ouderactiviteit | None = None,
    factuurnummer: str = "",
    bijlage: Bijlage | None = None,
    bijlage_verwijderen: bool = False,
) -> Uitgave:
    """Change an expense. A new attachment replaces the old one; the old file is deleted after
    the commit (also when ``bijlage_verwijderen``)."""
    uitgave.datum = datum
    uitgave.bedrag = bedrag
    uitgave.omschrijving = omschrijving
    uitgave.post = post
    uitgave.activiteit = activiteit
    uitgave.ouderactiviteit = ouderactiviteit
    uitgave.factuurnummer = factuurnummer
    _controleer_uitgave(uitgave)
    oud = uitgave.bijlage.name or ""
    if bijlage is None and bijlage_verwijderen:
        uitgave.bijlage = ""  # type: ignore[assignment]
        uitgave.bijlage_naam = ""
        uitgave.bijlage_type = ""
    _bewaar(uitgave, bijlage)
    if oud and (bijlage is not None or bijlage_verwijderen):
        _verwijder_na_commit(uitgave, oud)
    return uitgave


@transaction.atomic
def delete_uitgave(*, uitgave: Uitgave) -> None:
    """Delete an expense; its attachment is removed from storage after the commit."""
    naam = uitgave.bijlage.name or ""
    uitgave.delete()
    _verwijder_na_commit(uitgave, naam)


# --- attribution ---------------------------------------------------------------------------------------


@transaction.atomic
def set_financieringen(*, toekenning: Toekenning, aandelen: dict[Activiteit, int]) -> None:
    """Make ``aandelen`` (activity → share in percent) the activities this grant pays for: others
    are removed. The shares of one activity over all grants add up to at most 100 %."""
    fouten: list[str] = []
    for activiteit, aandeel in aandelen.items():
        if activiteit.school_id != toekenning.school_id:
            fouten.append(f"{activiteit.titel} is geen activiteit van deze school.")
        if not 1 <= aandeel <= 100:
            fouten.append(f"{activiteit.titel}: een aandeel ligt tussen 1 en 100 %.")
    if fouten:
        raise ValidationError({"__all__": fouten})
    ids = sorted(activiteit.pk for activiteit in aandelen)
    # Lock the activities, so two people attaching one activity to two grants cannot both pass.
    list(Activiteit.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk", flat=True))
    elders = dict(
        Financiering.objects.filter(activiteit_id__in=ids)
        .exclude(toekenning=toekenning)
        .order_by()
        .values("activiteit_id")
        .annotate(som=Sum("aandeel"))
        .values_list("activiteit_id", "som")
    )
    for activiteit, aandeel in aandelen.items():
        al = elders.get(activiteit.pk, 0)
        if al + aandeel > 100:
            fouten.append(
                f"{activiteit.titel} wordt al voor {al} % betaald uit andere toekenningen; "
                f"met {aandeel} % erbij komt het op {al + aandeel} %. Hier kan hoogstens {100 - al} %."
            )
    if fouten:
        raise ValidationError({"__all__": fouten})
    toekenning.financieringen.exclude(activiteit_id__in=ids).delete()
    for activiteit, aandeel in aandelen.items():
        financiering, _ = Financiering.objects.get_or_create(
            toekenning=toekenning, activiteit=activiteit, defaults={"aandeel": aandeel}
        )
        if financiering.aandeel != aandeel:
            financiering.aandeel = aandeel
            valideer(financiering)
            financiering.save(update_fields=["aandeel"])


# --- funding streams -----------------------------------------------------------------------------------

REGELING_VELDEN = {
    "naam",
    "financier",
    "omschrijving",
    "voorwaarden",
    "verantwoording",
    "maximum_per_kind_per_jaar",
    "stadspas_als_bewijs",
    "verlengen_na_maanden",
    "minimum_uren_per_week",
    "actief",
}


@transaction.atomic
def update_regeling(*, regeling: Regeling, **velden: Any) -> Regeling:
    """Edit the rules of a funding stream (for all schools of the board)."""
    for veld, waarde in velden.items():
        if veld not in REGELING_VELDEN:
            raise TypeError(f"update_regeling kent geen veld {veld}")
        setattr(regeling, veld, waarde)
    fouten: dict[str, str] = {}
    if regeling.maximum_per_kind_per_jaar is not None:
        _controleer_bedrag(fouten, "maximum_per_kind_per_jaar", regeling.maximum_per_kind_per_jaar, positief=True)
    if regeling.minimum_uren_per_week is not None and regeling.minimum_uren_per_week <= 0:
        fouten["minimum_uren_per_week"] = "Het minimum aantal uren moet groter zijn dan 0."
    if fouten:
        raise ValidationError(fouten)
    valideer(regeling)
    regeling.save()
    return regeling

"""Writes of pupils, families, guardians and consent. Imports live in gezinnen.imports; the
retention purge and the access-request export in gezinnen.privacy."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count

from familieschool.models import School, User
from familieschool.text import fold
from familieschool.validatie import valideer
from gezinnen.models import Doel, Gezin, Groep, Leerling, Toestemming, Verzorger


class ToestemmingOntbreekt(ValidationError):
    """An action needs a consent the family has not given (or has withdrawn)."""


# --- search text and identities -------------------------------------------------------------------


def leerling_zoektekst(*, roepnaam: str, tussenvoegsel: str, achternaam: str, leerlingnummer: str) -> str:
    """Folded text the typeahead matches on: first name, surname with and without tussenvoegsel,
    and the pupil number ("Anaïs van Dijk" → "anais van dijk dijk 20181020")."""
    return " ".join(fold(part) for part in (roepnaam, tussenvoegsel, achternaam, achternaam, leerlingnummer) if part)


def refresh_leerling_zoektekst(leerling: Leerling) -> None:
    leerling.zoektekst = leerling_zoektekst(
        roepnaam=leerling.roepnaam,
        tussenvoegsel=leerling.tussenvoegsel,
        achternaam=leerling.achternaam,
        leerlingnummer=leerling.leerlingnummer,
    )


def verzorger_sleutel(
    *, roepnaam: str, achternaam: str, email: str = "", telefoon: str = "", postcode: str = "", huisnummer: str = ""
) -> str:
    """The same guardian on the rows of several children: folded name plus the first of e-mail,
    phone (digits) or address. Hashed, so the key itself reveals nothing."""
    naam = f"{fold(roepnaam).strip()}|{fold(achternaam).strip()}"
    cijfers = "".join(ch for ch in telefoon if ch.isdigit())
    contact = email.strip().lower() or cijfers or f"{postcode.replace(' ', '').upper()}|{huisnummer.strip()}"
    return hashlib.sha256(f"{naam}|{contact}".encode()).hexdigest()[:40]


def fold_local(text: str) -> str:
    """ASCII letters only, for the local part of a (demo) e-mail address."""
    return "".join(ch for ch in fold(text) if "a" <= ch <= "z")


def gezin_naam(achternamen: Iterable[str]) -> str:
    namen = sorted({naam for naam in achternamen if naam})
    return "Gezin " + " / ".join(namen) if namen else "Gezin"


def refresh_gezin(gezin: Gezin) -> None:
    """Recompute the family's search text from its children (names and numbers)."""
    leerlingen = list(gezin.leerlingen.all())
    gezin.zoektekst = " ".join([fold(gezin.naam), *(leerling.zoektekst for leerling in leerlingen)])
    gezin.save(update_fields=["zoektekst"])


# --- families: merge and split ---------------------------------------------------------------------


@transaction.atomic
def merge_gezinnen(*, doel: Gezin, bronnen: list[Gezin]) -> Gezin:
    """Move the children (and with them their guardians) of ``bronnen`` into ``doel`` and
    delete the emptied families. Consent already recorded for ``doel`` stays; a purpose only a
    source family had recorded moves along. All families must belong to the same school."""
    bronnen = [bron for bron in bronnen if bron.pk != doel.pk]
    if not bronnen:
        raise ValidationError("Kies ten minste één ander gezin om samen te voegen.")
    if any(bron.school_id != doel.school_id for bron in bronnen):
        raise ValidationError("Gezinnen van verschillende scholen kunnen niet worden samengevoegd.")
    bestaande_doelen = set(doel.toestemmingen.values_list("doel", flat=True))
    for bron in bronnen:
        for toestemming in bron.toestemmingen.exclude(doel__in=bestaande_doelen):
            toestemming.gezin = doel
            toestemming.save(update_fields=["gezin"])
            bestaande_doelen.add(toestemming.doel)
        _move_family_records(van=bron, naar=doel)
        bron.delete()
    refresh_gezin(doel)
    return doel


def _move_family_records(*, van: Gezin, naar: Gezin, leerling_ids: set[int] | None = None) -> None:
    """Everything that points at family ``van`` (children, signals, questions, intakes, referrals,
    Meldcode cases, and whatever later modules add) moves to ``naar``; consent is handled by the
    caller. With ``leerling_ids`` only the records about those children move (a split)."""
    for relatie in Gezin._meta.related_objects:
        model = cast(type[models.Model], relatie.related_model)
        if not relatie.one_to_many or model is Toestemming or model._meta.app_label == "pghistory":
            continue
        if model.__name__.endswith("Event"):
            continue  # pghistory's copies keep the family they were made for
        qs = model._default_manager.filter(**{relatie.field.name: van})
        if leerling_ids is not None:
            if model is Leerling:
                qs = qs.filter(pk__in=leerling_ids)
            elif any(f.name == "leerling" for f in model._meta.get_fields()):
                qs = qs.filter(leerling__in=leerling_ids)
            else:
                continue  # about the household as a whole: stays with the original family
        qs.update(**{relatie.field.name: naar})


@transaction.atomic
def split_gezin(*, gezin: Gezin, leerlingen: list[Leerling], naam: str = "") -> Gezin:
    """Move some children of ``gezin`` into a new family (a household that turned out to be
    two). The consent recorded for the old family is copied, because it was given for them too."""
    ids = {leerling.pk for leerling in leerlingen}
    eigen = set(gezin.leerlingen.values_list("pk", flat=True))
    if not ids or not ids <= eigen:
        raise ValidationError("Kies kinderen van dit gezin om af te splitsen.")
    if ids == eigen:
        raise ValidationError("Er moet ten minste één kind in het oorspronkelijke gezin blijven.")
    nieuw = Gezin.objects.create(
        school=gezin.school, naam=naam.strip() or gezin_naam(leerling.achternaam for leerling in leerlingen)
    )
    _move_family_records(van=gezin, naar=nieuw, leerling_ids=ids)
    Toestemming.objects.bulk_create(
        [
            Toestemming(
                gezin=nieuw,
                doel=t.doel,
                gegeven=t.gegeven,
                datum=t.datum,
                gegeven_door=t.gegeven_door,
                vastgelegd_door=t.vastgelegd_door,
                toelichting=t.toelichting,
            )
            for t in gezin.toestemmingen.all()
        ]
    )
    refresh_gezin(gezin)
    refresh_gezin(nieuw)
    return nieuw


def remove_empty_gezinnen(*, school: School) -> int:
    """Families without children left (after an import moved them) are deleted."""
    leeg = Gezin.objects.filter(school=school).annotate(n=Count("leerlingen")).filter(n=0)
    aantal, _ = leeg.delete()
    return aantal


# --- groups ---------------------------------------------------------------------------------------


@transaction.atomic
def set_groep_leerkrachten(*, groep: Groep, leerkrachten: list[User]) -> None:
    """Who teaches the group: a teacher sees only the pupils of their own groups. Only users with
    an active teacher role at the group's school can be chosen."""
    ongeldig = [
        u
        for u in leerkrachten
        if not u.lidmaatschappen.filter(school=groep.school, rol="leerkracht", actief=True).exists()
    ]
    if ongeldig:
        raise ValidationError("Alleen leerkrachten van deze school kunnen aan een groep worden gekoppeld.")
    groep.leerkrachten.set(leerkrachten)


# --- guardians --------------------------------------------------------------------------------------


@transaction.atomic
def update_verzorger_voorkeuren(
    *, verzorger: Verzorger, voorkeurstaal: str, tolk_nodig: bool, voorkeurskanaal: str, telefoon: str, email: str
) -> Verzorger:
    """What the school learns from the parent themselves (not in the LAS): language, whether an
    interpreter is needed, the preferred channel, and corrected contact details."""
    verzorger.voorkeurstaal = voorkeurstaal
    verzorger.tolk_nodig = tolk_nodig
    verzorger.voorkeurskanaal = voorkeurskanaal
    verzorger.telefoon = telefoon
    verzorger.email = email
    valideer(verzorger)
    verzorger.save()
    return verzorger


# --- consent ---------------------------------------------------------------------------------------


@transaction.atomic
def record_toestemming(
    *,
    gezin: Gezin,
    doel: str,
    gegeven: bool,
    datum: dt.date,
    vastgelegd_door: User,
    gegeven_door: Verzorger | None = None,
    toelichting: str = "",
) -> Toestemming:
    """Record that a family gave or withdrew consent for one purpose. The previous state stays
    in the history. The guardian who gave it must be a guardian of this family."""
    if doel not in Doel.values:
        raise ValidationError({"doel": "Onbekend doel."})
    if gegeven_door is not None and not Verzorger.objects.filter(pk=gegeven_door.pk, leerlingen__gezin=gezin).exists():
        raise ValidationError({"gegeven_door": "Deze verzorger hoort niet bij dit gezin."})
    toestemming = Toestemming.objects.select_for_update().filter(gezin=gezin, doel=doel).first()
    if toestemming is None:
        toestemming = Toestemming(gezin=gezin, doel=doel)
    toestemming.gegeven = gegeven
    toestemming.datum = datum
    toestemming.gegeven_door = gegeven_door
    toestemming.vastgelegd_door = vastgelegd_door
    toestemming.toelichting = toelichting
    valideer(toestemming)
    toestemming.save()
    return toestemming


def heeft_toestemming(*, gezin: Gezin | None, doel: str) -> bool:
    if gezin is None:
        return False
    return Toestemming.objects.filter(gezin=gezin, doel=doel, gegeven=True).exists()


def vereis_toestemming(*, gezin: Gezin | None, doel: str) -> None:
    """Raise ToestemmingOntbreekt unless the family has consented to ``doel``. Every action that
    depends on consent (sharing with OKA/Buurtteam, enrolling in activities, photos) calls this."""
    if not heeft_toestemming(gezin=gezin, doel=doel):
        raise ToestemmingOntbreekt(f"Het gezin heeft geen toestemming gegeven voor: {Doel(doel).label.lower()}.")


def refresh_gezinnen(*, gezin_ids: Iterable[int]) -> None:
    """``refresh_gezin`` for many families at once (the pupil import): two queries and a bulk
    update per few hundred families instead of two queries per family."""
    ids = sorted(set(gezin_ids))
    if not ids:
        return
    teksten: dict[int, list[str]] = {pk: [] for pk in ids}
    for gezin_id, zoektekst in (
        Leerling.objects.filter(gezin_id__in=ids)
        .order_by("achternaam", "roepnaam")
        .values_list("gezin_id", "zoektekst")
    ):
        teksten[gezin_id].append(zoektekst)
    gezinnen = list(Gezin.objects.filter(pk__in=ids).only("pk", "naam", "zoektekst"))
    for gezin in gezinnen:
        gezin.zoektekst = " ".join([fold(gezin.naam), *teksten[gezin.pk]])
    Gezin.objects.bulk_update(gezinnen, ["zoektekst"], batch_size=500)

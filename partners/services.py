"""Writes to the partner directory. The search columns are maintained here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Value
from django.utils import timezone

from familieschool.choices import Hulpdomein
from familieschool.models import Bestuur, School
from familieschool.text import fold
from familieschool.validatie import valideer
from partners.models import Contactpersoon, Partner, Samenwerking

PARTNER_VELDEN = [
    "naam",
    "soort",
    "omschrijving",
    "aanbod",
    "domeinen",
    "leeftijd_van",
    "leeftijd_tot",
    "kosten",
    "gratis_met_stadspas",
    "voorwaarden",
    "adres",
    "postcode",
    "plaats",
    "stadsdeel",
    "wijk",
    "website",
    "telefoon",
    "email",
]


def refresh_zoekindex(*, partner_ids: Iterable[int]) -> None:
    """Recompute the folded search text and the Dutch full-text vector of these partners.

    Weights: name (A), what they offer and the domains (B), description, place and contact
    names (C). Everything is folded first, so the vector and the query agree on accents."""
    ids = list(partner_ids)
    partners = Partner.objects.filter(pk__in=ids).prefetch_related("contactpersonen")
    for partner in partners:
        contacten = " ".join(c.naam for c in partner.contactpersonen.all())
        domeinen = " ".join(Hulpdomein(d).label for d in partner.domeinen if d in Hulpdomein.values)
        naam = fold(partner.naam)
        aanbod = fold(f"{partner.aanbod} {domeinen} {partner.get_soort_display()}")
        overig = fold(f"{partner.omschrijving} {partner.wijk} {partner.stadsdeel} {partner.kosten} {contacten}")
        vector = (
            SearchVector(Value(naam), weight="A", config="dutch")
            + SearchVector(Value(aanbod), weight="B", config="dutch")
            + SearchVector(Value(overig), weight="C", config="dutch")
        )
        Partner.objects.filter(pk=partner.pk).update(zoektekst=f"{naam} {aanbod} {overig}", zoekvector=vector)


def _apply(partner: Partner, data: dict[str, Any]) -> None:
    for veld in PARTNER_VELDEN:
        if veld in data:
            setattr(partner, veld, data[veld])
    partner.domeinen = sorted(set(partner.domeinen or []))


@transaction.atomic
def create_partner(*, bestuur: Bestuur, data: dict[str, Any]) -> Partner:
    partner = Partner(bestuur=bestuur)
    _apply(partner, data)
    valideer(partner, exclude=["zoektekst", "zoekvector"])
    partner.save()
    refresh_zoekindex(partner_ids=[partner.pk])
    return partner


@transaction.atomic
def update_partner(*, partner: Partner, data: dict[str, Any]) -> Partner:
    _apply(partner, data)
    valideer(partner, exclude=["zoektekst", "zoekvector"])
    partner.save()
    refresh_zoekindex(partner_ids=[partner.pk])
    return partner


@transaction.atomic
def save_contactpersonen(*, partner: Partner, formset: Any) -> None:
    """Save an inline formset of contact persons and refresh the search index (names count)."""
    formset.instance = partner
    formset.save()
    refresh_zoekindex(partner_ids=[partner.pk])


@transaction.atomic
def archive_partner(*, partner: Partner) -> Partner:
    """Archive instead of delete: referrals and activities keep their partner."""
    if partner.gearchiveerd_op is None:
        partner.gearchiveerd_op = timezone.now()
        partner.save(update_fields=["gearchiveerd_op", "updated_at"])
    return partner


@transaction.atomic
def restore_partner(*, partner: Partner) -> Partner:
    if partner.gearchiveerd_op is not None:
        partner.gearchiveerd_op = None
        partner.save(update_fields=["gearchiveerd_op", "updated_at"])
    return partner


@transaction.atomic
def save_samenwerking(*, partner: Partner, school: School, data: dict[str, Any]) -> Samenwerking:
    """Create or update the collaboration of ``school`` with ``partner``."""
    if partner.bestuur_id != school.bestuur_id:
        raise ValidationError("Deze partner hoort niet bij het bestuur van de school.")
    contact = data.get("contactpersoon")
    if contact is not None and contact.partner_id != partner.pk:
        raise ValidationError({"contactpersoon": "Kies een contactpersoon van deze partner."})
    samenwerking, _ = Samenwerking.objects.get_or_create(partner=partner, school=school)
    for veld in ("contactpersoon", "begindatum", "einddatum", "notities", "laatste_contact"):
        if veld in data:
            setattr(samenwerking, veld, data[veld])
    valideer(samenwerking)
    samenwerking.save()
    return samenwerking


@transaction.atomic
def end_samenwerking(*, partner: Partner, school: School) -> None:
    Samenwerking.objects.filter(partner=partner, school=school).delete()


def contactpersonen_voor(partner: Partner) -> list[Contactpersoon]:
    return list(partner.contactpersonen.order_by("naam"))

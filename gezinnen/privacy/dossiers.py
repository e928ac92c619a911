"""Retention of closed files: signals, FSP intakes (with their contact moments, actions and
appointments), referrals and walk-in questions are deleted once they have been closed for longer
than FAMILIESCHOOL_BEWAARTERMIJN_DOSSIERS_DAGEN (DESIGN.md §6; security-reliability.md §2.7).

- Only closed files go: an open signal or intake is never purged, whatever its age.
- A signal with a Meldcode case stays: the case follows the pupil file's term and points at it.
- Their pghistory events go too (full copies of every version). The access log keeps its rows,
  which hold only the type and id of the record, never content (NEN 7513 practice: ≥ 5 years).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from familieschool.models import School
from gezinnen.models import (
    Actiepunt,
    Afspraak,
    Contactmoment,
    Doorverwijzing,
    DoorverwijzingStatus,
    Hulpvraag,
    HulpvraagStatus,
    Melding,
    Signaal,
    SignaalGebeurtenis,
    SignaalStatus,
    Vraag,
)
from gezinnen.privacy.export import _event_model


@dataclass(frozen=True)
class Dossierrapport:
    grens: dt.date
    signaal_ids: list[int]
    hulpvraag_ids: list[int]
    doorverwijzing_ids: list[int]
    vraag_ids: list[int]


def dossier_grens(peildatum: dt.date | None = None) -> dt.date:
    return (peildatum or timezone.localdate()) - dt.timedelta(days=settings.FAMILIESCHOOL_BEWAARTERMIJN_DOSSIERS_DAGEN)


def te_verwijderen_dossiers(*, peildatum: dt.date | None = None, school: School | None = None) -> Dossierrapport:
    """The closed files past the term (four queries, nothing written)."""
    grens = dossier_grens(peildatum)
    per_school = Q(school=school) if school is not None else Q()
    signalen = Signaal.objects.filter(per_school, status=SignaalStatus.AFGEROND, afgerond_op__date__lt=grens).filter(
        meldcodezaak__isnull=True
    )
    hulpvragen = Hulpvraag.objects.filter(per_school, status=HulpvraagStatus.AFGEROND, afgerond_op__date__lt=grens)
    doorverwijzingen = Doorverwijzing.objects.filter(
        per_school,
        status__in=[DoorverwijzingStatus.AFGEROND, DoorverwijzingStatus.AFGEWEZEN],
        updated_at__date__lt=grens,
    )
    hulpvraag_ids = list(hulpvragen.values_list("pk", flat=True))
    vragen = Vraag.objects.filter(per_school, gesteld_op__date__lt=grens).filter(
        Q(hulpvraag__isnull=True) | Q(hulpvraag__in=hulpvraag_ids)
    )
    return Dossierrapport(
        grens=grens,
        signaal_ids=list(signalen.values_list("pk", flat=True)),
        hulpvraag_ids=hulpvraag_ids,
        doorverwijzing_ids=list(doorverwijzingen.values_list("pk", flat=True)),
        vraag_ids=list(vragen.values_list("pk", flat=True)),
    )


def verwijder_dossiers(rapport: Dossierrapport) -> None:
    """Delete what the report lists, with their history events. Call inside a transaction."""
    contactmoment_ids = list(
        Contactmoment.objects.filter(hulpvraag__in=rapport.hulpvraag_ids).values_list("pk", flat=True)
    )
    actiepunt_ids = list(Actiepunt.objects.filter(hulpvraag__in=rapport.hulpvraag_ids).values_list("pk", flat=True))
    afspraak_ids = list(Afspraak.objects.filter(hulpvraag__in=rapport.hulpvraag_ids).values_list("pk", flat=True))
    urls = [Signaal(pk=pk).get_absolute_url() for pk in rapport.signaal_ids]

    Vraag.objects.filter(pk__in=rapport.vraag_ids).delete()
    Doorverwijzing.objects.filter(pk__in=rapport.doorverwijzing_ids).delete()
    Hulpvraag.objects.filter(pk__in=rapport.hulpvraag_ids).delete()  # cascades to its parts
    SignaalGebeurtenis.objects.filter(signaal__in=rapport.signaal_ids).delete()
    Signaal.objects.filter(pk__in=rapport.signaal_ids).delete()
    Melding.objects.filter(url__in=urls).delete()

    for model, ids in (
        (Vraag, rapport.vraag_ids),
        (Doorverwijzing, rapport.doorverwijzing_ids),
        (Hulpvraag, rapport.hulpvraag_ids),
        (Contactmoment, contactmoment_ids),
        (Actiepunt, actiepunt_ids),
        (Afspraak, afspraak_ids),
        (Signaal, rapport.signaal_ids),
    ):
        if ids:
            _event_model(model).objects.filter(pgh_obj_id__in=ids).delete()

"""The retention purge: pupils, families and guardians who left longer ago than the retention
period are anonymised, by a daily task (gezinnen.privacy_tasks) or by the beheerder.

Decisions about the purge (docs/architecture.md):

- A record is anonymised, not deleted: attendance, enrolments and the counts of past years keep
  pointing at a row, but nothing in it points at a person any more.
- Kept: school, groep, jaargroep, geslacht and the dates of entry and exit (for aggregates).
  Cleared: names, leerlingnummer (a random "anon-…" so it stays unique per school), postcode,
  search text and the date of birth. The date of birth is cleared rather than rounded to 1 January:
  with the groep and the exit date a birth year adds little for statistics (jaargroep does that)
  and narrows a pupil down in a small school.
- The pseudonym (uuid) is renewed, so data shared under the old one cannot be linked back.
- The pghistory events of every anonymised record are deleted, including the one the anonymising
  UPDATE itself writes: the history holds full copies of every version, names included.
- Old import reports (which list names) are emptied once they are older than the boundary.
- In the same run, closed signals, intakes, referrals and walk-in questions past their own term
  are deleted (gezinnen.privacy.dossiers), and counted in the same Anonimiseringsronde.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.functions import RandomUUID
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Prefetch, Q, Value
from django.db.models.functions import Cast, Concat, Replace
from django.utils import timezone

from familieschool.models import School
from familieschool.text import fold
from gezinnen.models import (
    Anonimiseringsronde,
    Gezin,
    Importbatch,
    Kanaal,
    Leerling,
    Taal,
    Toestemming,
    Verzorger,
    Verzorgerschap,
)
from gezinnen.privacy.dossiers import te_verwijderen_dossiers, verwijder_dossiers
from gezinnen.privacy.export import _event_model

ANONIEM = "Geanonimiseerd"
ANONIEM_GEZIN = "Geanonimiseerd gezin"


@dataclass(frozen=True)
class Bewaarrapport:
    """What a purge would anonymise now: the records, not yet changed."""

    grens: dt.date
    leerling_ids: list[int]
    gezin_ids: list[int]
    verzorger_ids: list[int]


def bewaartermijn_grens(peildatum: dt.date | None = None) -> dt.date:
    """Pupils who left before this date are past the retention period."""
    peildatum = peildatum or timezone.localdate()
    return peildatum - dt.timedelta(days=settings.FAMILIESCHOOL_BEWAARTERMIJN_LEERLINGEN_DAGEN)


def te_anonimiseren(*, peildatum: dt.date | None = None, school: School | None = None) -> Bewaarrapport:
    """The pupils who left before the boundary and are not yet anonymised; the families none of
    whose children stay (every child anonymised or about to be); the guardians none of whose
    children stay. Three queries; writes nothing. ``school=None`` means every school."""
    grens = bewaartermijn_grens(peildatum)
    per_school = Q(school=school) if school is not None else Q()
    leerling_ids = list(
        Leerling.objects.filter(per_school, uitstroomdatum__lt=grens, geanonimiseerd_op__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    blijvende_kinderen = Leerling.objects.filter(geanonimiseerd_op__isnull=True).exclude(pk__in=leerling_ids)
    gezin_ids = list(
        Gezin.objects.filter(per_school, geanonimiseerd_op__isnull=True)
        .filter(Exists(Leerling.objects.filter(gezin=OuterRef("pk"))))
        .exclude(Exists(blijvende_kinderen.filter(gezin=OuterRef("pk"))))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    verzorger_ids = list(
        Verzorger.objects.filter(per_school, geanonimiseerd_op__isnull=True)
        .filter(Exists(Verzorgerschap.objects.filter(verzorger=OuterRef("pk"))))
        .exclude(Exists(Verzorgerschap.objects.filter(verzorger=OuterRef("pk"), leerling__in=blijvende_kinderen)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return Bewaarrapport(grens=grens, leerling_ids=leerling_ids, gezin_ids=gezin_ids, verzorger_ids=verzorger_ids)


def _anon_code() -> Concat:
    """'anon-' and 32 random hex digits, computed per row by the database."""
    return Concat(Value("anon-"), Replace(Cast(RandomUUID(), CharField()), Value("-"), Value("")))


@transaction.atomic
def anonimiseer_vertrokken(
    *, peildatum: dt.date | None = None, proefdraai: bool, school: School | None = None
) -> Anonimiseringsronde:
    """Anonymise the pupils who left before the retention boundary, and the families and
    guardians who have no other child left; a dry run only counts. Either way an
    Anonimiseringsronde records the counts. A fixed number of queries, whatever the numbers.

    Side effects (not in a dry run): personal fields of those records emptied, the consents of
    those families stripped of who gave them and why, their pghistory events deleted, and the
    reports of import batches older than the boundary emptied."""
    rapport = te_anonimiseren(peildatum=peildatum, school=school)
    dossiers = te_verwijderen_dossiers(peildatum=peildatum, school=school)
    if not proefdraai:
        # Closed files first: a signal or intake about a pupil who is anonymised now goes with
        # it when its own term is over; the others keep pointing at the anonymised row.
        verwijder_dossiers(dossiers)
        _anonimiseer(rapport, school=school)
    return Anonimiseringsronde.objects.create(
        school=school,
        proefdraai=proefdraai,
        grens=rapport.grens,
        aantal_leerlingen=len(rapport.leerling_ids),
        aantal_gezinnen=len(rapport.gezin_ids),
        aantal_verzorgers=len(rapport.verzorger_ids),
        aantal_signalen=len(dossiers.signaal_ids),
        aantal_hulpvragen=len(dossiers.hulpvraag_ids),
        aantal_doorverwijzingen=len(dossiers.doorverwijzing_ids),
        aantal_vragen=len(dossiers.vraag_ids),
    )


def _refresh_zoektekst_van_gebleven_gezinnen(*, leerlingen: list[int], gezinnen: list[int]) -> None:
    """A family that keeps a child still finds by the names of all its children: recompute its
    search text (as services.refresh_gezin does), so the anonymised child's name leaves it.
    Not tracked by pghistory, so no event to clean up. Three queries at most."""
    gebleven = list(
        Gezin.objects.filter(leerlingen__in=leerlingen)
        .exclude(pk__in=gezinnen)
        .distinct()
        .prefetch_related(Prefetch("leerlingen", queryset=Leerling.objects.only("gezin", "zoektekst")))
    )
    for gezin in gebleven:
        gezin.zoektekst = " ".join([fold(gezin.naam), *(kind.zoektekst for kind in gezin.leerlingen.all())])
    Gezin.objects.bulk_update(gebleven, ["zoektekst"])


# What other apps hold about a pupil or family that goes with the anonymisation: fn(leerling ids,
# gezin ids) clears its personal fields in the same transaction (subsidies: fund applications).
AnonimiseerPart = Callable[[list[int], list[int]], None]
_anonimiseer_parts: dict[str, AnonimiseerPart] = {}


def register_anonimiseer_part(key: str, fn: AnonimiseerPart) -> None:
    _anonimiseer_parts[key] = fn


def _anonimiseer(rapport: Bewaarrapport, *, school: School | None) -> None:
    nu = timezone.now()
    leerlingen, gezinnen, verzorgers = rapport.leerling_ids, rapport.gezin_ids, rapport.verzorger_ids
    Leerling.objects.filter(pk__in=leerlingen).update(
        roepnaam=ANONIEM,
        tussenvoegsel="",
        achternaam=ANONIEM,
        leerlingnummer=_anon_code(),
        uuid=RandomUUID(),
        geboortedatum=None,
        postcode="",
        zoektekst="",
        geanonimiseerd_op=nu,
        updated_at=nu,
    )
    Gezin.objects.filter(pk__in=gezinnen).update(
        naam=ANONIEM_GEZIN, notitie="", zoektekst="", uuid=RandomUUID(), geanonimiseerd_op=nu
    )
    Verzorger.objects.filter(pk__in=verzorgers).update(
        roepnaam="",
        tussenvoegsel="",
        achternaam=ANONIEM,
        sleutel=_anon_code(),
        telefoon="",
        email="",
        straat="",
        huisnummer="",
        postcode="",
        woonplaats="",
        voorkeurstaal=Taal.NL,
        tolk_nodig=False,
        voorkeurskanaal=Kanaal.EMAIL,
        geanonimiseerd_op=nu,
    )
    Toestemming.objects.filter(gezin__in=gezinnen).update(gegeven_door=None, toelichting="", updated_at=nu)
    _refresh_zoektekst_van_gebleven_gezinnen(leerlingen=leerlingen, gezinnen=gezinnen)
    for part in _anonimiseer_parts.values():
        part(leerlingen, gezinnen)

    # The history last, so the events the updates above just wrote go too.
    _event_model(Leerling).objects.filter(pgh_obj_id__in=leerlingen).delete()
    _event_model(Gezin).objects.filter(pgh_obj_id__in=gezinnen).delete()
    _event_model(Verzorger).objects.filter(pgh_obj_id__in=verzorgers).delete()
    _event_model(Verzorgerschap).objects.filter(Q(leerling_id__in=leerlingen) | Q(verzorger_id__in=verzorgers)).delete()
    _event_model(Toestemming).objects.filter(
        Q(gezin_id__in=gezinnen) | Q(pgh_obj_id__in=Toestemming.objects.filter(gezin__in=gezinnen).values("pk"))
    ).delete()

    # Import reports list names and numbers; the ones older than the boundary have done their job.
    oude_batches = Importbatch.objects.filter(
        created_at__date__lt=rapport.grens,
        status__in=[Importbatch.Status.VERWERKT, Importbatch.Status.AFGEWEZEN, Importbatch.Status.MISLUKT],
    )
    if school is not None:
        oude_batches = oude_batches.filter(school=school)
    oude_batches.exclude(gegevens={}, afgewezen_regels=[], verschillen={}).update(
        gegevens={}, afgewezen_regels=[], verschillen={}
    )

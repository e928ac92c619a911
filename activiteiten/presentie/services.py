"""Writes of attendance: the leader marks each placed child of a session and the actual minutes.

Rules (reference/domain.md §5: attendance per session is the evidence for School & Omgeving):
only children placed in the activity, not for a cancelled session, not before the session's day,
minutes between 1 and 600. Everything in one transaction: one bad child and nothing is saved.
The number of queries does not grow with the children: one lock, one check, one upsert, one
update."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from activiteiten.models import Bijeenkomst, Inschrijving, InschrijvingStatus, Opvolging, Presentie, PresentieStatus
from familieschool.models import User

MIN_MINUTEN = 1
MAX_MINUTEN = 600


def geplande_minuten(bijeenkomst: Bijeenkomst) -> int:
    """The planned duration of a session in minutes (start to end on its day)."""
    begin = dt.datetime.combine(bijeenkomst.datum, bijeenkomst.begintijd)
    einde = dt.datetime.combine(bijeenkomst.datum, bijeenkomst.eindtijd)
    return int((einde - begin).total_seconds() // 60)


def _controleer_bijeenkomst(bijeenkomst: Bijeenkomst, vandaag: dt.date) -> None:
    if bijeenkomst.geannuleerd:
        raise ValidationError("Deze bijeenkomst is geannuleerd: er is geen presentie te registreren.")
    if bijeenkomst.datum > vandaag:
        raise ValidationError(
            f"Deze bijeenkomst is pas op {bijeenkomst.datum:%d-%m-%Y}: presentie registreer je op of na de dag zelf."
        )


def _controleer_minuten(minuten: int) -> None:
    if not MIN_MINUTEN <= minuten <= MAX_MINUTEN:
        raise ValidationError({"werkelijke_minuten": f"Vul een duur in tussen {MIN_MINUTEN} en {MAX_MINUTEN} minuten."})


def _controleer_statussen(statussen: Mapping[int, str]) -> None:
    geldig = set(PresentieStatus.values)  # .values builds a new list each time it is read
    onbekend = sorted({status for status in statussen.values() if status not in geldig})
    if onbekend:
        raise ValidationError({"statussen": "Kies aanwezig, afwezig of afwezig met reden."})


def _controleer_geplaatst(bijeenkomst: Bijeenkomst, leerling_ids: set[int]) -> None:
    geplaatst = set(
        Inschrijving.objects.filter(
            activiteit_id=bijeenkomst.activiteit_id, status=InschrijvingStatus.GEPLAATST, leerling_id__in=leerling_ids
        ).values_list("leerling_id", flat=True)
    )
    if leerling_ids - geplaatst:
        aantal = len(leerling_ids - geplaatst)
        raise ValidationError(
            {
                "statussen": (
                    "Eén leerling is niet geplaatst bij deze activiteit."
                    if aantal == 1
                    else f"{aantal} leerlingen zijn niet geplaatst bij deze activiteit."
                )
                + " Presentie geldt alleen voor geplaatste kinderen."
            }
        )


def _upsert(*, bijeenkomst: Bijeenkomst, door: User, statussen: Mapping[int, str]) -> list[Presentie]:
    nu = timezone.now()
    # Ids rather than objects: ``door`` is often request.user, a lazy object, and setting it on
    # 30-50 rows went through the lazy wrapper and the relation's checks for each.
    door_id = door.pk
    return Presentie.objects.bulk_create(
        [
            Presentie(
                bijeenkomst_id=bijeenkomst.pk,
                leerling_id=leerling_id,
                status=status,
                geregistreerd_door_id=door_id,
                geregistreerd_op=nu,
            )
            for leerling_id, status in sorted(statussen.items())
        ],
        update_conflicts=True,
        unique_fields=["bijeenkomst", "leerling"],
        update_fields=["status", "geregistreerd_door", "geregistreerd_op"],
    )


@transaction.atomic
def registreer_presentie(
    *,
    bijeenkomst: Bijeenkomst,
    door: User,
    statussen: Mapping[int, str],
    werkelijke_minuten: int | None = None,
    vandaag: dt.date | None = None,
) -> Bijeenkomst:
    """Record (or correct) the attendance of the children in ``statussen`` (leerling id →
    status) and the session's actual minutes (default: the planned duration). Children not in
    ``statussen`` keep what they had. Raises ValidationError (Dutch, per field) and saves
    nothing when a rule is broken."""
    vandaag = vandaag or timezone.localdate()
    # Lock the session: two leaders saving at once end with one consistent set of rows.
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    _controleer_bijeenkomst(bijeenkomst, vandaag)
    minuten = geplande_minuten(bijeenkomst) if werkelijke_minuten is None else werkelijke_minuten
    _controleer_minuten(minuten)
    _controleer_statussen(statussen)
    _controleer_geplaatst(bijeenkomst, set(statussen))
    if statussen:
        _upsert(bijeenkomst=bijeenkomst, door=door, statussen=statussen)
    if bijeenkomst.werkelijke_minuten != minuten:
        bijeenkomst.werkelijke_minuten = minuten
        bijeenkomst.save(update_fields=["werkelijke_minuten"])
    return bijeenkomst


@transaction.atomic
def registreer_een(
    *, bijeenkomst: Bijeenkomst, door: User, leerling_id: int, status: str, vandaag: dt.date | None = None
) -> Presentie:
    """One child, one tap (for a save per tap): the same rules, the minutes untouched (the
    planned duration is filled in when the session has none yet)."""
    vandaag = vandaag or timezone.localdate()
    bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
    _controleer_bijeenkomst(bijeenkomst, vandaag)
    _controleer_statussen({leerling_id: status})
    _controleer_geplaatst(bijeenkomst, {leerling_id})
    (presentie,) = _upsert(bijeenkomst=bijeenkomst, door=door, statussen={leerling_id: status})
    if bijeenkomst.werkelijke_minuten is None:
        bijeenkomst.werkelijke_minuten = geplande_minuten(bijeenkomst)
        bijeenkomst.save(update_fields=["werkelijke_minuten"])
    return presentie


@transaction.atomic
def markeer_opgevolgd(*, inschrijving: Inschrijving, tot_en_met: dt.date, door: User, notitie: str = "") -> Opvolging:
    """The coordinator dealt with "three absences in a row" up to ``tot_en_met``; a new absence
    after that date brings the suggestion back."""
    opvolging, _ = Opvolging.objects.get_or_create(
        inschrijving=inschrijving,
        tot_en_met=tot_en_met,
        defaults={"afgehandeld_door": door, "notitie": notitie.strip()[:200]},
    )
    return opvolging

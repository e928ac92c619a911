"""Deadlines of a school's grants (accountability reports, application windows, monthly
declarations): writes, the lists the pages show, and the reminder to the owner.

A reminder goes out once: the daily task claims each due deadline with ``SELECT … FOR UPDATE
SKIP LOCKED`` and marks it in the same transaction as the send, with a deterministic
Message-ID. A deadline whose date or lead time changes gets a new reminder; a recurring one
that is completed creates the next one.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import DateField, ExpressionWrapper, F, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from familieschool.models import Lidmaatschap, School, User
from familieschool.validatie import valideer
from subsidies.models import Deadline, Herhaling, Toekenning

BINNENKORT_DAGEN = 30


# --- reads -------------------------------------------------------------------------------------


def herinner_vanaf() -> ExpressionWrapper:
    """The day the reminder is due: datum − dagen_vooraf (PostgreSQL date − integer)."""
    return ExpressionWrapper(F("datum") - F("dagen_vooraf"), output_field=DateField())


def deadline_lijst(qs: QuerySet[Deadline]) -> QuerySet[Deadline]:
    return qs.select_related("toekenning", "eigenaar", "afgerond_door").annotate(herinner_op=herinner_vanaf())


def open_deadlines(qs: QuerySet[Deadline]) -> QuerySet[Deadline]:
    return deadline_lijst(qs.filter(afgerond_op__isnull=True)).order_by("datum", "pk")


def binnenkort(qs: QuerySet[Deadline], *, vandaag: dt.date | None = None) -> QuerySet[Deadline]:
    """Open deadlines that are overdue or fall within the next 30 days."""
    vandaag = vandaag or timezone.localdate()
    return open_deadlines(qs).filter(datum__lte=vandaag + dt.timedelta(days=BINNENKORT_DAGEN))


def mogelijke_eigenaren(*, school: School) -> QuerySet[User]:
    """Active members of the school: the people a deadline can be given to."""
    leden = Lidmaatschap.objects.filter(school=school, actief=True).values("user_id")
    return User.objects.filter(pk__in=leden, is_active=True).order_by("naam", "email")


@dataclass(frozen=True)
class Stand:
    """How a deadline stands today, for the badge on the pages."""

    label: str
    kleur: str


def stand(deadline: Deadline, *, vandaag: dt.date) -> Stand:
    if deadline.afgerond_op:
        return Stand("Afgerond", "success")
    if deadline.datum < vandaag:
        return Stand("Te laat", "danger")
    if deadline.datum <= vandaag + dt.timedelta(days=BINNENKORT_DAGEN):
        return Stand("Binnenkort", "warning")
    return Stand("Gepland", "secondary")


# --- writes ------------------------------------------------------------------------------------


def _check(*, school: School, toekenning: Toekenning | None, eigenaar: User) -> None:
    fouten = {}
    if toekenning is not None and toekenning.school_id != school.pk:
        fouten["toekenning"] = "Deze toekenning hoort niet bij deze school."
    if not mogelijke_eigenaren(school=school).filter(pk=eigenaar.pk).exists():
        fouten["eigenaar"] = "Kies iemand die aan deze school verbonden is."
    if fouten:
        raise ValidationError(fouten)


@transaction.atomic
def save_deadline(
    *,
    school: School,
    titel: str,
    datum: dt.date,
    eigenaar: User,
    soort: str = Deadline.Soort.VERANTWOORDING,
    toekenning: Toekenning | None = None,
    dagen_vooraf: int = 14,
    herhaling: str = Herhaling.GEEN,
    notitie: str = "",
    deadline: Deadline | None = None,
) -> Deadline:
    """Create a deadline, or change one; a new date or lead time means a new reminder."""
    _check(school=school, toekenning=toekenning, eigenaar=eigenaar)
    if deadline is None:
        deadline = Deadline(school=school)
    elif (deadline.datum, deadline.dagen_vooraf, deadline.eigenaar_id) != (datum, dagen_vooraf, eigenaar.pk):
        deadline.herinnerd_op = None
    deadline.titel = titel
    deadline.datum = datum
    deadline.eigenaar = eigenaar
    deadline.soort = soort
    deadline.toekenning = toekenning
    deadline.dagen_vooraf = dagen_vooraf
    deadline.herhaling = herhaling
    deadline.notitie = notitie
    valideer(deadline)
    deadline.save()
    return deadline


def _volgende_datum(datum: dt.date, herhaling: str) -> dt.date | None:
    if herhaling == Herhaling.MAANDELIJKS:
        jaar, maand = (datum.year + 1, 1) if datum.month == 12 else (datum.year, datum.month + 1)
    elif herhaling == Herhaling.JAARLIJKS:
        jaar, maand = datum.year + 1, datum.month
    else:
        return None
    return dt.date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))


@transaction.atomic
def complete_deadline(*, deadline: Deadline, door: User) -> Deadline | None:
    """Mark a deadline done; for a recurring one, create and return the next."""
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    if deadline.afgerond_op is not None:
        raise ValidationError("Deze deadline was al afgerond.")
    deadline.afgerond_op = timezone.now()
    deadline.afgerond_door = door
    deadline.save(update_fields=["afgerond_op", "afgerond_door"])
    volgende_datum = _volgende_datum(deadline.datum, deadline.herhaling)
    if volgende_datum is None:
        return None
    return Deadline.objects.create(
        school_id=deadline.school_id,
        toekenning_id=deadline.toekenning_id,
        soort=deadline.soort,
        titel=deadline.titel,
        datum=volgende_datum,
        eigenaar_id=deadline.eigenaar_id,
        dagen_vooraf=deadline.dagen_vooraf,
        herhaling=deadline.herhaling,
        notitie=deadline.notitie,
    )


# --- the reminder ------------------------------------------------------------------------------


def te_herinneren(*, vandaag: dt.date) -> QuerySet[Deadline]:
    """Open deadlines whose reminder day has come and that were not reminded of yet."""
    return (
        Deadline.objects.filter(afgerond_op__isnull=True, herinnerd_op__isnull=True)
        .annotate(herinner_op=herinner_vanaf())
        .filter(herinner_op__lte=vandaag)
    )


def _url(pad: str) -> str:
    return settings.FAMILIESCHOOL_BASE_URL.rstrip("/") + pad


def _herinner_een(pk: int, vandaag: dt.date) -> bool:
    """Claim one deadline, send its reminder, mark it, all in one transaction: a worker that
    dies before the commit leaves it unmarked (sent again next run with the same Message-ID);
    two workers never both take it (SKIP LOCKED)."""
    with transaction.atomic():
        deadline = (
            te_herinneren(vandaag=vandaag)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("eigenaar", "school", "toekenning")
            .filter(pk=pk)
            .first()
        )
        if deadline is None or not deadline.eigenaar.email:
            return False
        context = {
            "deadline": deadline,
            "dagen": (deadline.datum - vandaag).days,
            "link": _url(reverse("subsidies:deadline_list")),
        }
        EmailMessage(
            subject=render_to_string("emails/deadline_herinnering_subject.txt", context).strip(),
            body=render_to_string("emails/deadline_herinnering_body.txt", context),
            to=[deadline.eigenaar.email],
            headers={"Message-ID": f"<deadline-{deadline.pk}-{deadline.datum:%Y%m%d}@familieschool>"},
        ).send()
        deadline.herinnerd_op = timezone.now()
        deadline.save(update_fields=["herinnerd_op"])
        return True


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def task_deadline_herinneringen() -> int:
    """Every morning: one e-mail per due deadline to its owner. Returns how many were sent."""
    vandaag = timezone.localdate()
    ids = list(te_herinneren(vandaag=vandaag).values_list("pk", flat=True))
    return sum(_herinner_een(pk, vandaag) for pk in ids)

"""Background jobs of the fund applications: the daily renewal reminder to whoever made them."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone

from familieschool.models import User
from subsidies import fondsen
from subsidies.models import Fondsaanvraag


def _url(pad: str) -> str:
    return settings.FAMILIESCHOOL_BASE_URL.rstrip("/") + pad


def _te_herinneren(vandaag: dt.date) -> QuerySet[Fondsaanvraag]:
    return fondsen.verlenging_nodig(
        Fondsaanvraag.objects.filter(verlenging_herinnerd_op__isnull=True, aangemaakt_door__isnull=False),
        vandaag=vandaag,
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_verlengingen_herinneren() -> int:
    """Once a day: whoever made an application that is due for renewal gets one e-mail listing
    them (fund, date, link; no names: the link needs a login), and each is marked reminded.

    Per maker one transaction: the rows are claimed with SELECT … FOR UPDATE SKIP LOCKED, so
    two workers never remind twice; the mail is sent before the mark commits, so a worker that
    dies mid-batch reminds again the next run rather than never (the Message-ID is the same, so
    a mail server drops the double). Returns the number of e-mails sent."""
    vandaag = timezone.localdate()
    makers = list(_te_herinneren(vandaag).order_by().values_list("aangemaakt_door_id", flat=True).distinct())
    verstuurd = 0
    for maker_id in sorted(makers):
        with transaction.atomic():
            aanvragen = list(
                _te_herinneren(vandaag)
                .filter(aangemaakt_door_id=maker_id)
                .select_related("regeling", "school")
                .select_for_update(skip_locked=True, of=("self",))
                .order_by("aangevraagd_op", "pk")
            )
            maker = User.objects.filter(pk=maker_id, is_active=True).first()
            if not aanvragen or maker is None or not maker.email:
                continue
            context = {
                "maker": maker,
                "aanvragen": [(a, _url(a.get_absolute_url())) for a in aanvragen],
                "aantal": len(aanvragen),
            }
            EmailMessage(
                subject=render_to_string("emails/fondsaanvraag_verlengen_subject.txt", context).strip(),
                body=render_to_string("emails/fondsaanvraag_verlengen_body.txt", context),
                to=[maker.email],
                headers={
                    "Message-ID": f"<verlengen-{maker.pk}-{'-'.join(str(a.pk) for a in aanvragen)}@familieschool>"
                },
            ).send()
            Fondsaanvraag.objects.filter(pk__in=[a.pk for a in aanvragen]).update(
                verlenging_herinnerd_op=timezone.now()
            )
            verstuurd += 1
    return verstuurd

"""Background jobs for signals: the e-mail to a new handler, and the daily overdue digest."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from gezinnen.models import Signaal
from gezinnen.signalen import selectors


def _url(pad: str) -> str:
    return settings.FAMILIESCHOOL_BASE_URL.rstrip("/") + pad


def mail_behandelaar(signaal_id: int) -> bool:
    """Send the handler's e-mail if it is still owed: the row is locked (SKIP LOCKED: a task and
    the sweeper never both take it), the mail goes out with a deterministic Message-ID and the
    row is marked in the same transaction, so it is sent once (a crash between the SMTP "250"
    and the commit can repeat it under the same Message-ID, as for the reminders)."""
    with transaction.atomic():
        signaal = (
            Signaal.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("behandelaar", "school")
            .filter(pk=signaal_id, behandelaar__isnull=False, behandelaar_gemaild_op__isnull=True)
            .first()
        )
        if signaal is None or signaal.behandelaar is None:
            return False
        if signaal.behandelaar.email:
            context = {"signaal": signaal, "link": _url(signaal.get_absolute_url())}
            EmailMessage(
                subject=render_to_string("emails/signaal_nieuw_subject.txt", context).strip(),
                body=render_to_string("emails/signaal_nieuw_body.txt", context),
                to=[signaal.behandelaar.email],
                headers={"Message-ID": f"<signaal-{signaal.pk}-{signaal.behandelaar_id}@familieschool>"},
            ).send()
        Signaal.objects.filter(pk=signaal.pk).update(behandelaar_gemaild_op=timezone.now())
        return bool(signaal.behandelaar.email)


# ignore_result: nobody reads it, and publishing then does not wait for the result backend.
@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5, ignore_result=True)
def task_mail_behandelaar(*, signaal_id: int) -> bool:
    """Tell the handler there is a signal for them. The mail holds no name and no content: only
    a link that needs a login (with two-step verification)."""
    return mail_behandelaar(signaal_id)


# A task that never reached the broker (Redis down at the commit) leaves its mark; after this
# long the sweeper sends the e-mail itself.
INHAAL_NA = dt.timedelta(minutes=2)


@shared_task(ignore_result=True)
def task_mail_behandelaars_inhalen() -> int:
    """Every few minutes: send the handler e-mails still owed (make drill-redis). Returns how many."""
    grens = timezone.now() - INHAAL_NA
    open_ = Signaal.objects.filter(
        behandelaar__isnull=False, behandelaar_gemaild_op__isnull=True, updated_at__lt=grens
    ).values_list("pk", flat=True)
    return sum(mail_behandelaar(pk) for pk in list(open_[:500]))


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def task_mail_te_late_signalen() -> int:
    """Once a day: each handler gets one e-mail listing how many of their signals are overdue,
    per school, with a link. Returns the number of e-mails sent."""
    vandaag = timezone.localdate()
    verstuurd = 0
    for _, signalen_iter in groupby(selectors.te_laat_per_behandelaar(vandaag=vandaag), key=lambda s: s.behandelaar_id):
        signalen = list(signalen_iter)
        behandelaar = signalen[0].behandelaar
        if behandelaar is None or not behandelaar.email:
            continue
        per_school = [(school, len(list(items))) for school, items in groupby(signalen, key=lambda s: s.school)]
        context = {
            "behandelaar": behandelaar,
            "per_school": per_school,
            "totaal": len(signalen),
            "link": _url(reverse("gezinnen:signaal_list")),
        }
        EmailMessage(
            subject=render_to_string("emails/signalen_te_laat_subject.txt", context).strip(),
            body=render_to_string("emails/signalen_te_laat_body.txt", context),
            to=[behandelaar.email],
            headers={"Message-ID": f"<te-laat-{behandelaar.pk}-{vandaag:%Y%m%d}@familieschool>"},
        ).send()
        verstuurd += 1
    return verstuurd

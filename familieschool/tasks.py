"""Core background jobs."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from familieschool import services
from familieschool.models import Accountuitnodiging


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def task_send_accountuitnodiging(*, uitnodiging_id: int, token: str) -> bool:
    uitnodiging = (
        Accountuitnodiging.objects.select_related("school", "uitgenodigd_door").filter(pk=uitnodiging_id).first()
    )
    if uitnodiging is None or not uitnodiging.is_open:
        return False
    context = {
        "uitnodiging": uitnodiging,
        "link": settings.FAMILIESCHOOL_BASE_URL.rstrip("/") + reverse("uitnodiging_accept", args=[token]),
    }
    message = EmailMultiAlternatives(
        subject=render_to_string("emails/accountuitnodiging_subject.txt", context).strip(),
        body=render_to_string("emails/accountuitnodiging_body.txt", context),
        to=[uitnodiging.email],
    )
    message.attach_alternative(render_to_string("emails/accountuitnodiging_body.html", context), "text/html")
    message.send()
    return True


@shared_task
def task_clear_expired_sessions() -> int:
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task
def task_expire_accountuitnodigingen() -> int:
    return services.expire_open_uitnodigingen()


@shared_task
def task_ping(*, waarde: str) -> str:
    """Used by the health check and the worker integration test: proves a worker answers."""
    return f"pong:{waarde}"

"""Background jobs of the Rijke schooldag: the invitations to guardians of pupils not yet
reached, each in the guardian's language (Dutch first, then their own)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from activiteiten import selectors
from activiteiten.models import Activiteit, ActiviteitUitnodiging
from activiteiten.talen import tweede_taal
from gezinnen.models import Verzorger

MAANDAG = dt.date(2024, 1, 1)


def _dag(activiteit: Activiteit) -> dt.date:
    """A date on the activity's weekday, so the template prints the day name in the language."""
    return MAANDAG + dt.timedelta(days=activiteit.weekdag)


def _teksten(taal: str, context: dict[str, object]) -> dict[str, str]:
    with translation.override(taal):
        return {
            "onderwerp": render_to_string("activiteiten/emails/uitnodiging_subject.txt", context).strip(),
            "tekst": render_to_string("activiteiten/emails/uitnodiging_body.txt", context),
        }


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def task_mail_uitnodigingen(*, uitnodiging_ids: list[int]) -> int:
    """One e-mail per guardian with an address: the activities of the block with places left for
    the child's jaargroep, in Dutch and the guardian's language. Returns the number sent."""
    verstuurd = 0
    uitnodigingen = ActiviteitUitnodiging.objects.filter(pk__in=uitnodiging_ids).select_related(
        "leerling", "blok", "leerling__school", "uitgenodigd_door"
    )
    for uitnodiging in uitnodigingen:
        leerling = uitnodiging.leerling
        activiteiten = list(selectors.open_activiteiten_voor(leerling=leerling, blok=uitnodiging.blok))
        for verzorger in Verzorger.objects.filter(leerlingen=leerling).exclude(email=""):
            tweede = tweede_taal(verzorger.voorkeurstaal)
            context = {"leerling": leerling, "blok": uitnodiging.blok, "school": leerling.school}
            delen = [_teksten("nl", context | {"activiteiten": [(a, a.titel, _dag(a)) for a in activiteiten]})]
            if tweede:
                vertaald = [(a, selectors.vertaalde_titel(a, tweede), _dag(a)) for a in activiteiten]
                delen.append(_teksten(tweede, context | {"activiteiten": vertaald}))
            EmailMessage(
                subject=" / ".join(dict.fromkeys(d["onderwerp"] for d in delen)),
                body="\n\n— — —\n\n".join(d["tekst"] for d in delen),
                to=[verzorger.email],
                reply_to=[uitnodiging.uitgenodigd_door.email],
                headers={"Message-ID": f"<activiteiten-uitnodiging-{uitnodiging.pk}-{verzorger.pk}@familieschool>"},
            ).send()
            verstuurd += 1
    return verstuurd

"""The family's Meldcode cases for the access-request export by the beheerder (the only place
outside the case page where a case appears). Whether the content is handed to a parent is a
separate, human decision (AVG art. 23: a parent may be the source of danger)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from familieschool.models import Inzage
from gezinnen.models import Gezin
from gezinnen.models.meldcode import Afweging, MeldcodeStap, Meldcodezaak

RECORD = "gezinnen.meldcodezaak"


def _iso(waarde: dt.date | dt.datetime | None) -> str | None:
    if waarde is None:
        return None
    if isinstance(waarde, dt.datetime):
        return timezone.localtime(waarde).isoformat()
    return waarde.isoformat()


def meldcodezaken_export(gezin: Gezin) -> list[dict[str, Any]]:
    """Every case of the family with all its step entries and answers, and who read it when
    (the access-log rows about the case): four queries whatever the number of cases."""
    zaken = list(
        Meldcodezaak.objects.filter(gezin=gezin)
        .select_related("leerling", "geopend_door", "besluit_door")
        .prefetch_related(
            Prefetch("stappen", queryset=MeldcodeStap.objects.select_related("auteur").order_by("stap", "created_at")),
            Prefetch("afwegingen", queryset=Afweging.objects.select_related("auteur").order_by("vraag", "created_at")),
        )
        .order_by("geopend_op", "pk")
    )
    inzagen: dict[str, list[dict[str, Any]]] = {}
    for inzage in (
        Inzage.objects.filter(record_type=RECORD, record_id__in=[str(zaak.pk) for zaak in zaken])
        .select_related("user")
        .order_by("tijdstip", "pk")
    ):
        inzagen.setdefault(inzage.record_id, []).append(
            {"tijdstip": _iso(inzage.tijdstip), "gebruiker": inzage.user.naam, "rol": inzage.rol, "doel": inzage.doel}
        )
    return [
        {
            "id": zaak.pk,
            "signaal_id": zaak.signaal_id,
            "leerling": zaak.leerling.volledige_naam if zaak.leerling else None,
            "geopend_op": _iso(zaak.geopend_op),
            "geopend_door": zaak.geopend_door.naam,
            "stappen": [
                {
                    "stap": stap.stap,
                    "stap_omschrijving": stap.get_stap_display(),
                    "datum": _iso(stap.datum),
                    "auteur": stap.auteur.naam,
                    "feiten": stap.feiten,
                    "eigen_observaties": stap.observaties,
                    "informatie_derden": stap.informatie_derden,
                    "notitie": stap.notitie,
                    "vastgelegd_op": _iso(stap.created_at),
                }
                for stap in zaak.stappen.all()
            ],
            "afwegingen": [
                {
                    "vraag": afweging.vraag,
                    "vraag_omschrijving": afweging.get_vraag_display(),
                    "antwoord": "ja" if afweging.antwoord else "nee",
                    "toelichting": afweging.toelichting,
                    "datum": _iso(afweging.datum),
                    "auteur": afweging.auteur.naam,
                    "vastgelegd_op": _iso(afweging.created_at),
                }
                for afweging in zaak.afwegingen.all()
            ],
            "besluit": zaak.get_besluit_display() if zaak.besluit else None,
            "besluit_onderbouwing": zaak.besluit_toelichting,
            "besluit_door": zaak.besluit_door.naam if zaak.besluit_door else None,
            "gemeld_bij_veilig_thuis_op": _iso(zaak.melddatum),
            "referentie_veilig_thuis": zaak.meldreferentie,
            "afgesloten_op": _iso(zaak.afgesloten_op),
            "inzagen": inzagen.get(str(zaak.pk), []),
        }
        for zaak in zaken
    ]

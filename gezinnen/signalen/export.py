"""The signals part of a family's access-request export (gezinnen.privacy): every signal about
the family or one of its children, with its history."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from gezinnen.models import Gezin, Signaal
from gezinnen.privacy.export import als_json


def signalen_export(gezin: Gezin) -> list[dict[str, Any]]:
    signalen = (
        Signaal.objects.filter(Q(gezin=gezin) | Q(leerling__gezin=gezin))
        .select_related("leerling", "gemeld_door", "behandelaar")
        .prefetch_related("gebeurtenissen__door")
        .order_by("created_at")
    )
    return [
        {
            "id": s.pk,
            "leerling": s.leerling.volledige_naam if s.leerling else None,
            "categorie": s.get_categorie_display(),
            "zorgniveau": s.get_zorgniveau_display(),
            "omschrijving": s.omschrijving,
            "vertrouwelijke_notitie": s.beperkte_notitie,
            "gemeld_door": s.gemeld_door.naam,
            "behandelaar": s.behandelaar.naam if s.behandelaar else None,
            "status": s.get_status_display(),
            "opvolgen_voor": als_json(s.opvolgen_voor),
            "uitkomst": s.uitkomst,
            "gemeld_op": als_json(s.created_at),
            "afgerond_op": als_json(s.afgerond_op),
            "verloop": [
                {
                    "op": als_json(g.op),
                    "soort": g.get_soort_display(),
                    "van": g.van_status,
                    "naar": g.naar_status,
                    "door": g.door.naam,
                    "toelichting": g.toelichting,
                }
                for g in s.gebeurtenissen.all()
            ],
        }
        for s in signalen
    ]

"""The Rijke schooldag's part of a family's access-request export (gezinnen.privacy): per child
the enrolments, attendance, invitations and clubs joined."""

from __future__ import annotations

from typing import Any

from activiteiten.models import ActiviteitUitnodiging, Doorstroom, Inschrijving, Presentie
from gezinnen.models import Gezin
from gezinnen.privacy.export import als_json


def activiteiten_export(gezin: Gezin) -> dict[str, Any]:
    inschrijvingen = (
        Inschrijving.objects.filter(leerling__gezin=gezin)
        .select_related("leerling", "activiteit__blok")
        .order_by("leerling_id", "ingeschreven_op")
    )
    presenties = (
        Presentie.objects.filter(leerling__gezin=gezin)
        .select_related("leerling", "bijeenkomst__activiteit")
        .order_by("leerling_id", "bijeenkomst__datum")
    )
    doorstromen = Doorstroom.objects.filter(leerling__gezin=gezin).select_related("leerling", "partner", "activiteit")
    uitnodigingen = ActiviteitUitnodiging.objects.filter(leerling__gezin=gezin).select_related("leerling", "blok")
    return {
        "inschrijvingen": [
            {
                "kind": i.leerling.volledige_naam,
                "activiteit": i.activiteit.titel,
                "blok": i.activiteit.blok.naam,
                "status": i.get_status_display(),
                "voorrang": i.prioriteit,
                "papieren_formulier": i.toestemming_ouder,
                "ingeschreven_op": als_json(i.ingeschreven_op),
            }
            for i in inschrijvingen
        ],
        "presentie": [
            {
                "kind": p.leerling.volledige_naam,
                "activiteit": p.bijeenkomst.activiteit.titel,
                "datum": als_json(p.bijeenkomst.datum),
                "presentie": p.get_status_display(),
            }
            for p in presenties
        ],
        "doorstroom": [
            {
                "kind": d.leerling.volledige_naam,
                "club": d.partner.naam,
                "na_activiteit": d.activiteit.titel if d.activiteit else "",
                "lid_sinds": als_json(d.datum),
            }
            for d in doorstromen
        ],
        "uitnodigingen": [
            {
                "kind": u.leerling.volledige_naam,
                "blok": u.blok.naam,
                "uitgenodigd_op": als_json(u.uitgenodigd_op),
                "per_email": u.per_email,
                "op_papier": u.op_papier,
            }
            for u in uitnodigingen
        ],
    }

"""The Familieservicepunt's part of a family's access-request export (gezinnen.privacy): the
walk-in questions, intakes (with notes, contact moments, actions and appointments) and referrals."""

from __future__ import annotations

from typing import Any

from gezinnen.models import Doorverwijzing, Gezin, Hulpvraag, Vraag
from gezinnen.privacy.export import als_json


def fsp_export(gezin: Gezin) -> dict[str, Any]:
    vragen = Vraag.objects.filter(gezin=gezin).order_by("gesteld_op")
    intakes = (
        Hulpvraag.objects.filter(gezin=gezin)
        .select_related("eigenaar")
        .prefetch_related("contactmomenten__door", "actiepunten", "afspraken__met")
        .order_by("created_at")
    )
    verwijzingen = Doorverwijzing.objects.filter(gezin=gezin).select_related("partner", "door").order_by("datum")
    return {
        "vragen": [
            {
                "gesteld_op": als_json(v.gesteld_op),
                "categorie": v.get_categorie_display(),
                "omschrijving": v.omschrijving,
                "ter_plekke_beantwoord": v.ter_plekke_beantwoord,
                "tolk_gebruikt": v.tolk_gebruikt,
            }
            for v in vragen
        ],
        "intakes": [
            {
                "id": h.pk,
                "categorieen": h.categorieen,
                "eigenaar": h.eigenaar.naam,
                "status": h.get_status_display(),
                "aanleiding": h.aanleiding,
                "vertrouwelijke_notities": h.vertrouwelijke_notities,
                "uitkomst": h.uitkomst,
                "aangemaakt_op": als_json(h.created_at),
                "afgerond_op": als_json(h.afgerond_op),
                "contactmomenten": [
                    {
                        "soort": c.get_soort_display(),
                        "op": als_json(c.op),
                        "duur_minuten": c.duur_minuten,
                        "tolk_gebruikt": c.tolk_gebruikt,
                        "notitie": c.notitie,
                        "door": c.door.naam,
                    }
                    for c in h.contactmomenten.all()
                ],
                "actiepunten": [
                    {
                        "wat": a.omschrijving,
                        "wie": a.wie,
                        "uiterlijk": als_json(a.uiterlijk),
                        "gedaan_op": als_json(a.gedaan_op),
                    }
                    for a in h.actiepunten.all()
                ],
                "afspraken": [
                    {
                        "datum": als_json(a.datum),
                        "tijd": als_json(a.begintijd),
                        "met": a.met.naam,
                        "geannuleerd": a.geannuleerd,
                    }
                    for a in h.afspraken.all()
                ],
            }
            for h in intakes
        ],
        "doorverwijzingen": [
            {
                "partner": d.partner.naam,
                "categorie": d.get_categorie_display(),
                "datum": als_json(d.datum),
                "warme_overdracht": d.warme_overdracht,
                "terugkoppeling_voor": als_json(d.terugkoppeling_voor),
                "status": d.get_status_display(),
                "ontvangen_op": als_json(d.ontvangen_op),
                "terugkoppeling": d.terugkoppeling,
                "uitkomst": d.uitkomst,
                "door": d.door.naam,
            }
            for d in verwijzingen
        ],
    }

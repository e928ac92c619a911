"""What the retention purge does with fund applications: when a pupil is anonymised, the free
text of their applications (what for, motivation, dossier number, notes) is cleared and their
history deleted; the fund, amounts, status and dates stay, because a board must keep its
subsidy administration for years after a grant is settled (reference/domain.md §3.1)."""

from __future__ import annotations

from typing import Any

from subsidies.models import Fondsaanvraag


def anonimiseer_fondsaanvragen(leerling_ids: list[int], gezin_ids: list[int]) -> None:
    """Two queries whatever the numbers: the update, then the history (the events the update
    itself just wrote included)."""
    aanvragen = Fondsaanvraag.objects.filter(leerling_id__in=leerling_ids)
    aanvragen.update(omschrijving="", motivatie="", dossiernummer="", deelname_notitie="", reden_afwijzing="")
    events: Any = Fondsaanvraag._meta.get_field("events").related_model
    events.objects.filter(pgh_obj_id__in=aanvragen.values("pk")).delete()

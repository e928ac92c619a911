"""What the Meldcode adds to pages it does not own: an action on a veiligheid signal, and a link
on the start page. Both only for the aandachtsfunctionaris; for anyone else no panel at all, so
neither page reveals that a case exists. No counts: a case is never counted anywhere."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from familieschool.choices import Hulpdomein
from familieschool.panels import Panel
from familieschool.permissions import request_rol
from gezinnen.meldcode import selectors
from gezinnen.models import Signaal
from gezinnen.models.meldcode import Meldcodezaak


def _is_af(request: HttpRequest) -> bool:
    return selectors.is_aandachtsfunctionaris(
        rol=request_rol(request),
        lidmaatschap=getattr(request, "lidmaatschap", None),
        school=getattr(request, "school", None),
    )


def signaal_actie_panel(request: HttpRequest, signaal: Any) -> Panel | None:
    """On a veiligheid signal: "Meldcode-zaak openen", or a link to the case opened for it."""
    if not isinstance(signaal, Signaal) or signaal.categorie != Hulpdomein.VEILIGHEID or not _is_af(request):
        return None
    if signaal.school_id != request.school.pk:  # type: ignore[attr-defined]
        return None
    zaak_id = Meldcodezaak.objects.filter(signaal=signaal).values_list("pk", flat=True).first()
    return Panel("gezinnen/_meldcode_signaal_actie.html", {"zaak_id": zaak_id, "signaal_id": signaal.pk})


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    """The way in for the aandachtsfunctionaris (a navigation item can only check a right, not
    the flag on the membership)."""
    if not _is_af(request):
        return None
    return Panel("gezinnen/_meldcode_start.html")

"""What attendance adds to the start page: a leader's sessions of today with a button each;
for the coordinator and the brugfunctionaris the sessions without attendance and the children
absent three times in a row, as counts with a link."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from activiteiten.presentie import selectors
from familieschool.panels import Panel
from familieschool.permissions import request_rol as _rol
from familieschool.permissions import request_school as _school
from familieschool.permissions import request_user as _user
from familieschool.roles import heeft_recht


def start_panel(request: HttpRequest, obj: Any) -> Panel | None:
    rol = _rol(request)
    if not heeft_recht(rol, "presentie.registreren"):
        return None
    user, school = _user(request), _school(request)
    vandaag = timezone.localdate()
    aandacht = selectors.mag_aandacht_zien(rol)
    return Panel(
        "activiteiten/presentie/_start_presentie.html",
        {
            "bijeenkomsten": list(
                selectors.bijeenkomsten_vandaag_kort(user=user, rol=rol, school=school, datum=vandaag)
            ),
            "zonder_presentie": selectors.aantal_zonder_presentie(user=user, rol=rol, school=school, vandaag=vandaag),
            "suggesties": selectors.aantal_drie_keer_afwezig(school=school, vandaag=vandaag) if aandacht else 0,
            "aandacht": aandacht,
        },
    )

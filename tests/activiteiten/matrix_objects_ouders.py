"""Objects of our school for the access-matrix walk over the ouders URLs (parent activities),
and the small builder the parent-activity tests share."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

from activiteiten.models import Binnenkomst, Ouderactiviteit, Uitnodiging
from familieschool.roles import Rol
from tests.gezinnen.factories import gezin_met_kinderen


def maak_ouderactiviteit(school, door, **kwargs) -> Ouderactiviteit:
    """A theme evening a week from now (walk-in 18:00, dinner 18:30, 19:00–20:00, childcare)."""
    waarden = {
        "school": school,
        "soort": "thema_avond",
        "titel": "Thema-avond opvoeden",
        "datum": timezone.localdate() + dt.timedelta(days=7),
        "inloop": dt.time(18, 0),
        "diner": dt.time(18, 30),
        "begintijd": dt.time(19, 0),
        "eindtijd": dt.time(20, 0),
        "kinderopvang": True,
        "aangemaakt_door": door,
    }
    return Ouderactiviteit.objects.create(**(waarden | kwargs))


def build(*, school, personas, objects) -> dict[str, object]:
    coordinator = personas[Rol.COORDINATOR].user
    activiteit = maak_ouderactiviteit(school, coordinator, titel="Matrixavond")
    gezin, _, (ouder,) = gezin_met_kinderen(school=school, aantal=1, achternaam="Ouderavond")
    uitnodiging = Uitnodiging.objects.create(
        ouderactiviteit=activiteit, verzorger=ouder, gezin=gezin, kanaal="papier", uitgenodigd_door=coordinator
    )
    binnen = Binnenkomst.objects.create(ouderactiviteit=activiteit, naam="Inloper", ingecheckt_door=coordinator)
    return {
        "ouderactiviteit": activiteit.pk,
        "ouder_uitnodiging": uitnodiging.pk,
        "binnenkomst": binnen.pk,
    }


@contextmanager
def pagina_registratie() -> Iterator[None]:
    """The navigation item and panels of the parent activities, for as long as a test runs,
    while ActiviteitenConfig.ready() does not register them yet (afterwards: a no-op)."""
    from activiteiten.ouders import setup
    from familieschool import navigation, panels

    al_geregistreerd = "ouders" in navigation._items
    setup.ready()
    try:
        yield
    finally:
        if not al_geregistreerd:
            navigation._items.pop("ouders", None)
            navigation._items.pop("ouders_opkomst", None)
            panels.unregister("start.ouderactiviteiten", "activiteiten.ouders")
            panels.unregister("gezin.ouderactiviteiten", "activiteiten.ouders")

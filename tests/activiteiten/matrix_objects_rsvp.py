"""Objects of our school for the access-matrix walk over the rsvp URLs (parent activities), and
the helpers the RSVP tests share: a parent evening and an invitation to it.

The answer page takes a signed value, so the matrix gets it as an object: "rsvp_sleutel" for a
valid link and "rsvp_sleutel_ongeldig" for the same link with one character changed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from activiteiten.models import Ouderactiviteit, OuderactiviteitSoort, Uitnodiging
from activiteiten.ouders import rsvp
from familieschool.roles import Rol
from gezinnen.models import Kanaal
from tests.gezinnen.factories import GezinFactory, VerzorgerFactory


def maak_ouderactiviteit(school, door, *, over_dagen: int = 14, **kwargs) -> Ouderactiviteit:
    """An "Ouders ontmoeten Ouders" evening (walk-in 18:00, dinner 18:30, 19:00–20:00) in the future."""
    velden = {
        "soort": OuderactiviteitSoort.OUDERS_ONTMOETEN_OUDERS,
        "titel": "Ouders ontmoeten Ouders",
        "thema": "Opvoeden in twee culturen",
        "datum": timezone.localdate() + dt.timedelta(days=over_dagen),
        "inloop": dt.time(18, 0),
        "diner": dt.time(18, 30),
        "begintijd": dt.time(19, 0),
        "eindtijd": dt.time(20, 0),
        "locatie": "Ouderkamer",
        "kinderopvang": True,
        "tolktalen": ["ar", "tr"],
        "aangemaakt_door": door,
        **kwargs,
    }
    return Ouderactiviteit.objects.create(school=school, **velden)


def maak_uitnodiging(activiteit, *, taal: str = "nl", achternaam: str = "Yılmaz", **kwargs) -> Uitnodiging:
    gezin = GezinFactory(school=activiteit.school, naam=f"Gezin {achternaam}")
    verzorger = VerzorgerFactory(school=activiteit.school, achternaam=achternaam, voorkeurstaal=taal)
    return Uitnodiging.objects.create(
        ouderactiviteit=activiteit,
        verzorger=verzorger,
        gezin=gezin,
        taal=taal,
        kanaal=kwargs.pop("kanaal", Kanaal.EMAIL),
        uitgenodigd_door=activiteit.aangemaakt_door,
        **kwargs,
    )


def vervals(sleutel: str) -> str:
    """The same link with one character of the token changed."""
    teken = "B" if sleutel[0] != "B" else "C"
    return teken + sleutel[1:]


def build(*, school, personas, objects) -> dict[str, object]:
    activiteit = maak_ouderactiviteit(school, personas[Rol.COORDINATOR].user)
    sleutel = rsvp.sleutel_voor(maak_uitnodiging(activiteit))
    return {"rsvp_sleutel": sleutel, "rsvp_sleutel_ongeldig": vervals(sleutel)}

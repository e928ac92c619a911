"""Fund applications and the retention purge: when a pupil who left long ago is anonymised, the
free text of their applications goes (with the history), the amounts and status stay."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gezinnen.privacy import retention
from subsidies.models import Fondsaanvraag
from tests.gezinnen.factories import gezin_met_kinderen
from tests.subsidies.factories import maak_fondsaanvraag


def test_anonymising_a_pupil_clears_the_free_text_of_their_fund_applications(school, settings):
    settings.FAMILIESCHOOL_BEWAARTERMIJN_LEERLINGEN_DAGEN = 730
    _, (vertrokken,), _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Weg")
    _, (gebleven,), _ = gezin_met_kinderen(school=school, aantal=1, achternaam="Blijft")
    vertrokken.uitstroomdatum = dt.date(2023, 7, 14)
    vertrokken.save()
    oud = maak_fondsaanvraag(
        school,
        vertrokken,
        omschrijving="Voetbal bij de club om de hoek",
        motivatie="Vader werkloos",
        dossiernummer="JF-23-1",
        deelname_notitie="Gaat elke week",
        aangevraagd_op=dt.date(2023, 3, 1),
    )
    oud.omschrijving = "Voetbal, aangepast"
    oud.save()  # a history event with the text
    nieuw = maak_fondsaanvraag(school, gebleven, motivatie="Blijft staan")

    retention.anonimiseer_vertrokken(peildatum=dt.date(2026, 1, 1), proefdraai=False)

    oud.refresh_from_db()
    assert (oud.omschrijving, oud.motivatie, oud.dossiernummer, oud.deelname_notitie) == ("", "", "", "")
    assert (oud.bedrag, oud.status, oud.regeling.code) == (Decimal("300.00"), "aangevraagd", "jeugdfonds-sport-cultuur")
    events = Fondsaanvraag._meta.get_field("events").related_model.objects
    assert not events.filter(pgh_obj_id=oud.pk).exists()
    assert events.filter(pgh_obj_id=nieuw.pk).exists()
    nieuw.refresh_from_db()
    assert nieuw.motivatie == "Blijft staan"

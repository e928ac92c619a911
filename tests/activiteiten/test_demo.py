"""The demo Rijke schooldag: blocks between the holidays, activities with sessions, enrolments,
attendance with the flags a coordinator should see, and doorstroom; idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from activiteiten.models import Activiteit, Bijeenkomst, Blok, Doorstroom, Inschrijving, Presentie, Sluiting
from familieschool import demo

VANDAAG = dt.date(2026, 11, 24)  # a Tuesday in the second block


@pytest.mark.django_db
def test_demo_has_blocks_activities_enrolments_attendance_and_doorstroom(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: VANDAAG)
    demo.seed_demo()
    aantallen = [m.objects.count() for m in (Blok, Activiteit, Bijeenkomst, Inschrijving, Presentie, Doorstroom)]

    demo.seed_demo()  # idempotent

    assert [
        m.objects.count() for m in (Blok, Activiteit, Bijeenkomst, Inschrijving, Presentie, Doorstroom)
    ] == aantallen
    blokken = list(Blok.objects.order_by("begindatum"))
    assert [b.naam for b in blokken] == ["Blok 1 najaar", "Blok 2 winter", "Blok 3 voorjaar"]
    vakanties = Sluiting.objects.filter(soort="vakantie")
    for blok in blokken:  # blocks lie between the holidays
        assert not vakanties.filter(van__lte=blok.einddatum, tot_en_met__gte=blok.begindatum).exists()
    assert Inschrijving.objects.filter(status="wachtlijst").exists()
    assert Presentie.objects.filter(status="afwezig_met_reden").exists()
    # Sessions that passed without attendance, for the coordinator's flag.
    assert Bijeenkomst.objects.filter(datum__lt=VANDAAG, geannuleerd=False, presenties__isnull=True).exists()
    # Today's judo is led by the demo begeleider.
    judo = Activiteit.objects.get(titel="Judo", blok__naam="Blok 2 winter")
    assert judo.begeleiders.filter(email="begeleider@demo.familieschool.test").exists()
    assert judo.bijeenkomsten.filter(datum=VANDAAG).exists()
    assert Doorstroom.objects.count() >= 2

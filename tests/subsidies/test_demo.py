"""The demo subsidies: four grants with budget lines and a spending history inside their
periods, the Rijke schooldag attributed to grants (shares ≤ 100 %), deadlines with one overdue,
fund applications in every status; idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F, Sum
from django.utils import timezone

from activiteiten.models import Activiteit
from familieschool import demo
from subsidies.models import Deadline, Financiering, Fondsaanvraag, Regeling, Toekenning, Uitgave

VANDAAG = dt.date(2026, 11, 24)


@pytest.mark.django_db
def test_demo_has_grants_expenses_attribution_deadlines_and_fund_applications(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: VANDAAG)
    demo.seed_demo()
    modellen = (Toekenning, Uitgave, Financiering, Deadline, Fondsaanvraag)
    aantallen = [m.objects.count() for m in modellen]

    demo.seed_demo()  # idempotent

    assert [m.objects.count() for m in modellen] == aantallen
    assert Regeling.objects.filter(code="jeugdfonds-sport-cultuur", maximum_per_kind_per_jaar=450).exists()
    assert set(Toekenning.objects.values_list("regeling__code", flat=True)) == {
        "afs",
        "school-en-omgeving",
        "brugfunctionaris",
        "schoolmaaltijden",
    }
    # Every expense lies inside its grant's period, not in the future, on a line of its own grant.
    assert not Uitgave.objects.exclude(datum__gte=F("toekenning__begindatum"), datum__lte=F("toekenning__einddatum"))
    assert not Uitgave.objects.filter(datum__gt=VANDAAG).exists()
    assert not Uitgave.objects.exclude(post__toekenning=F("toekenning")).exists()
    assert Uitgave.objects.exclude(bijlage="").count() == 4
    # Each grant's budget lines add up to its amount.
    for toekenning in Toekenning.objects.all():
        assert toekenning.posten.aggregate(s=Sum("bedrag"))["s"] == toekenning.bedrag
    # Every activity of the school is paid for, and no activity above 100 %.
    totalen = Financiering.objects.values("activiteit").annotate(totaal=Sum("aandeel"))
    assert {t["totaal"] for t in totalen} == {100}
    assert len(totalen) == Activiteit.objects.filter(school__toekenningen__isnull=False).distinct().count()
    assert Deadline.objects.filter(datum__lt=VANDAAG, afgerond_op__isnull=True).count() == 1
    assert set(Fondsaanvraag.objects.values_list("status", flat=True)) == {
        "aangevraagd",
        "toegekend",
        "afgewezen",
        "betaald",
    }
    # One application is more than a year old: due for renewal.
    assert Fondsaanvraag.objects.filter(aangevraagd_op__lt=VANDAAG - dt.timedelta(days=365)).count() == 1

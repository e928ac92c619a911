"""The demo: fictional pupils, families and signals, idempotent, routed to the demo team."""

from __future__ import annotations

import pytest

from familieschool import demo
from gezinnen.models import Gezin, Leerling, Signaal


@pytest.mark.django_db
def test_demo_has_pupils_families_and_a_safety_signal_for_the_aandachtsfunctionaris():
    demo.seed_demo()
    aantallen = (Leerling.objects.count(), Gezin.objects.count(), Signaal.objects.count())

    demo.seed_demo()  # idempotent

    assert (Leerling.objects.count(), Gezin.objects.count(), Signaal.objects.count()) == aantallen
    assert aantallen[0] == 200
    veilig = Signaal.objects.get(categorie="veiligheid")
    assert veilig.behandelaar.email == "oka@demo.familieschool.test"  # the demo's aandachtsfunctionaris
    assert Signaal.objects.filter(opvolgen_voor__lt=veilig.created_at.date()).exists()  # some are overdue

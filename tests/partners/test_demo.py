"""The demo sociale kaart: complete, searchable, fictional and idempotent."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from familieschool.choices import Hulpdomein
from familieschool.models import School
from partners.demo import DEMO_SUFFIX
from partners.models import Contactpersoon, Partner, PartnerSoort, Samenwerking
from partners.selectors import PartnerFilter, zoek_partners


@pytest.fixture
def demo(settings, db):
    settings.DEMO_MODE = True
    call_command("seed_demo")


def test_every_kind_of_partner_is_present(demo):
    assert set(Partner.objects.values_list("soort", flat=True)) == set(PartnerSoort.values)


def test_directory_has_about_forty_partners_and_some_archived(demo):
    assert Partner.objects.count() >= 35
    assert Partner.objects.filter(gearchiveerd_op__isnull=True).count() >= 35
    assert Partner.objects.filter(gearchiveerd_op__isnull=False).exists()


def test_every_help_domain_is_served_by_an_active_partner(demo):
    served = set()
    for domeinen in Partner.objects.filter(gearchiveerd_op__isnull=True).values_list("domeinen", flat=True):
        served.update(domeinen)
    assert served == set(Hulpdomein.values)


def test_every_demo_school_has_collaborations_with_contacts_of_that_partner(demo):
    scholen = list(School.objects.order_by("brin"))
    assert len(scholen) == 3
    aantallen = [Samenwerking.objects.filter(school=school).count() for school in scholen]
    assert all(aantal > 0 for aantal in aantallen)
    assert aantallen[0] > aantallen[1] > aantallen[2]
    for samenwerking in Samenwerking.objects.select_related("contactpersoon"):
        if samenwerking.contactpersoon is not None:
            assert samenwerking.contactpersoon.partner_id == samenwerking.partner_id
    assert not Samenwerking.objects.filter(partner__gearchiveerd_op__isnull=False).exists()


def test_seed_demo_twice_creates_nothing_new(demo):
    counts = (Partner.objects.count(), Contactpersoon.objects.count(), Samenwerking.objects.count())

    call_command("seed_demo")

    assert (Partner.objects.count(), Contactpersoon.objects.count(), Samenwerking.objects.count()) == counts


def test_every_partner_is_in_the_search_index(demo):
    assert not Partner.objects.filter(zoekvector__isnull=True).exists()
    assert not Partner.objects.filter(zoektekst="").exists()
    # contact names are indexed too (they are added after the partner itself)
    buurtteam = Partner.objects.get(naam="Buurtteam Bos en Lommer")
    assert "kemal yildiz" in buurtteam.zoektekst


@pytest.mark.parametrize(("q", "deel"), [("cafe", "Café"), ("ozturk", "Öztürk"), ("yildirim", "Yıldırım")])
def test_search_folds_accents_in_demo_names(demo, q, deel):
    school = School.objects.order_by("brin").first()

    namen = [p.naam for p in zoek_partners(school=school, filters=PartnerFilter(q=q))]

    assert any(deel in naam for naam in namen), namen


def test_web_and_mail_addresses_are_fictional(demo):
    adressen = []
    for website, email in Partner.objects.values_list("website", "email"):
        if website:
            adressen.append(urlsplit(website).hostname or "")
        if email:
            adressen.append(email.rsplit("@", 1)[1])
    adressen += [e.rsplit("@", 1)[1] for e in Contactpersoon.objects.exclude(email="").values_list("email", flat=True)]
    assert adressen
    assert all(domein.endswith(DEMO_SUFFIX) for domein in adressen), adressen

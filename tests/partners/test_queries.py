"""Constant query counts on the partner list and detail, at 1 and at 3 rows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_persona
from tests.factories import ContactpersoonFactory, PartnerFactory, SamenwerkingFactory, SchoolFactory


@pytest.mark.parametrize("aantal", [1, 3])
def test_partner_list_query_count_is_constant(client, coordinator, aantal, django_assert_num_queries):
    for i in range(aantal):
        partner = PartnerFactory(bestuur=coordinator.school.bestuur, naam=f"Zwemclub {i}", domeinen=["vrije_tijd"])
        ContactpersoonFactory(partner=partner)
        SamenwerkingFactory(partner=partner, school=coordinator.school)
    client.force_login(coordinator.user)
    client.get(reverse("start"))  # warm up: the MFA check is cached in the session

    # session, user, memberships (+school), wijken for the filter, the page of partners (with
    # "works with our school" as EXISTS and the total as COUNT(*) OVER ()), savepoint, session
    # update, release
    with django_assert_num_queries(8):
        response = client.get(reverse("partners:partner_list"), {"q": "zwem", "samenwerking": "on"})

    assert response.status_code == 200
    assert len(response.context["partners"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_partner_list_htmx_query_count_is_constant(client, coordinator, aantal, django_assert_num_queries):
    PartnerFactory.create_batch(aantal, bestuur=coordinator.school.bestuur)
    client.force_login(coordinator.user)
    client.get(reverse("start"))

    # session, user, memberships (+school), partners (+ total), savepoint, session update, release;
    # the results alone need no wijken (they are read for the select, or to check a chosen wijk)
    with django_assert_num_queries(7):
        response = client.get(reverse("partners:partner_list"), HTTP_HX_REQUEST="true")

    assert len(response.context["partners"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_partner_detail_query_count_is_constant(client, coordinator, aantal, django_assert_num_queries):
    partner = PartnerFactory(bestuur=coordinator.school.bestuur)
    contacten = ContactpersoonFactory.create_batch(aantal, partner=partner)
    SamenwerkingFactory(partner=partner, school=coordinator.school, contactpersoon=contacten[0])
    for _ in range(aantal - 1):
        SamenwerkingFactory(
            partner=partner, school=SchoolFactory(bestuur=coordinator.school.bestuur), contactpersoon=contacten[-1]
        )
    client.force_login(coordinator.user)
    client.get(reverse("start"))

    # session, user, memberships (+school), partner, its contacts, the board's collaborations
    # (+school, contact), referral counts (one aggregate); the Rijke schooldag panel: school year,
    # the partner's activities, doorstroom counts (one aggregate); savepoint, session update, release
    with django_assert_num_queries(13):
        response = client.get(partner.get_absolute_url())

    assert response.status_code == 200
    assert len(response.context["contactpersonen"]) == aantal
    assert len(response.context["samenwerkingen"]) == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_partner_list_query_count_for_a_read_only_role(client, school, aantal, django_assert_num_queries):
    lezer = make_persona(rol="leerkracht", school=school)
    PartnerFactory.create_batch(aantal, bestuur=school.bestuur)
    client.force_login(lezer.user)
    client.get(reverse("start"))

    # session, user, memberships (+school), wijken, partners (+ total), savepoint, session update, release
    with django_assert_num_queries(8):
        response = client.get(reverse("partners:partner_list"))

    assert len(response.context["partners"]) == aantal

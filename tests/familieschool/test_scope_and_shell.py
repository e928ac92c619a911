"""Active school, switching, navigation per role, panels, error pages."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from familieschool import panels
from familieschool.models import Lidmaatschap
from familieschool.roles import Rol


def test_user_with_two_schools_switches_the_active_school(client, coordinator, andere_school):
    Lidmaatschap.objects.create(user=coordinator.user, school=andere_school, rol=Rol.COORDINATOR)
    client.force_login(coordinator.user)
    assert coordinator.school.naam in client.get(reverse("start")).content.decode()

    response = client.post(reverse("school_switch"), {"school": andere_school.pk, "next": "/gebruikers/"})

    assert response.status_code == 302
    assert response["Location"] == "/gebruikers/"
    page = client.get(reverse("start"))
    assert page.wsgi_request.school == andere_school
    assert f"<strong>{andere_school.naam}</strong>" in page.content.decode()


def test_switching_to_a_school_without_membership_is_404(client, coordinator, andere_school):
    client.force_login(coordinator.user)

    response = client.post(reverse("school_switch"), {"school": andere_school.pk})

    assert response.status_code == 404
    assert client.get(reverse("start")).wsgi_request.school == coordinator.school


def test_school_switch_ignores_an_offsite_next(client, coordinator, andere_school):
    Lidmaatschap.objects.create(user=coordinator.user, school=andere_school, rol=Rol.COORDINATOR)
    client.force_login(coordinator.user)

    response = client.post(reverse("school_switch"), {"school": andere_school.pk, "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_board_roles_may_switch_to_every_school_of_their_board(client, beheerder, andere_school, vreemd_bestuur_school):
    client.force_login(beheerder.user)

    response = client.get(reverse("start"))

    assert set(response.wsgi_request.scholen) == {beheerder.school, andere_school}
    assert client.post(reverse("school_switch"), {"school": vreemd_bestuur_school.pk}).status_code == 404


def test_inactive_membership_gives_no_access(client, coordinator):
    coordinator.lidmaatschap.actief = False
    coordinator.lidmaatschap.save()
    client.force_login(coordinator.user)

    assert client.get(reverse("gebruiker_list")).status_code == 403
    assert "nog geen rol" in client.get(reverse("start")).content.decode()


@pytest.mark.parametrize(
    ("rol", "zichtbaar", "onzichtbaar"),
    [
        (Rol.COORDINATOR, ["Gebruikers"], ["Inzagelog"]),
        (Rol.BEHEERDER, ["Gebruikers", "Inzagelog"], []),
        (Rol.LEERKRACHT, [], ["Gebruikers", "Inzagelog"]),
    ],
)
def test_navigation_shows_only_what_the_role_may_use(client, persona, rol, zichtbaar, onzichtbaar):
    user = persona(rol).user
    client.force_login(user)

    nav = [item["label"] for item in client.get(reverse("start")).context["navigatie"]]

    assert all(label in nav for label in zichtbaar)
    assert not any(label in nav for label in onzichtbaar)


def test_start_page_says_plainly_which_sections_are_not_built_yet(client, coordinator, monkeypatch):
    # Every section of the product has its app now: a section without one stands in for the next.
    later = panels.Sectie("start.later", "Later", "signalen.lezen", "een latere module")
    monkeypatch.setattr(panels, "START_SECTIES", [*panels.START_SECTIES, later])
    client.force_login(coordinator.user)

    content = client.get(reverse("start")).content.decode()

    assert "Nog niet beschikbaar: dit onderdeel komt met een latere module" in content
    assert "komt met de dashboards" not in content
    assert "komt met de module Subsidies" not in content


def test_start_page_sections_follow_the_role(client, persona):
    client.force_login(persona(Rol.BESTUUR).user)

    titels = [sectie.titel for sectie, _, _ in client.get(reverse("start")).context["secties"]]

    assert "Familieschool in cijfers" in titels
    assert "Signalen" not in titels  # the board sees counts only, on dashboards


def test_panel_registered_by_an_app_fills_the_start_page_per_role(client, persona):
    client.force_login(persona(Rol.COORDINATOR).user)
    coordinator_page = client.get(reverse("start")).content.decode()
    client.force_login(persona(Rol.LEERKRACHT).user)
    leerkracht_page = client.get(reverse("start")).content.decode()

    assert "Testpaneel voor iedereen" in coordinator_page
    assert "Alleen voor wie activiteiten beheert" in coordinator_page
    assert "Testpaneel voor iedereen" in leerkracht_page
    assert "Alleen voor wie activiteiten beheert" not in leerkracht_page


def test_panel_slot_tag_renders_only_panels_the_role_may_see(persona):
    leerkracht = persona(Rol.LEERKRACHT)
    request = RequestFactory().get("/")
    request.user, request.rol, request.school = leerkracht.user, leerkracht.rol, leerkracht.school

    html = Template('{% load panels %}{% panel_slot "test.detail" %}').render(Context({"request": request}))

    assert "Testpaneel voor iedereen" in html
    assert "Alleen voor wie" not in html


def test_slot_without_providers_renders_nothing(persona):
    request = RequestFactory().get("/")
    request.rol = Rol.COORDINATOR

    assert panels.panels_for("bestaat.niet", request) == []


def test_404_page_is_dutch_and_keeps_the_shell(client, coordinator):
    client.force_login(coordinator.user)

    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert 'lang="nl"' in response.content.decode()
    assert coordinator.school.naam in response.content.decode()


def test_403_page_is_dutch(client, leerkracht):
    client.force_login(leerkracht.user)

    response = client.get(reverse("gebruiker_list"))

    assert response.status_code == 403
    assert "geen toegang" in response.content.decode().lower()


def test_500_page_is_dutch_and_generic(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")

    assert 'lang="nl"' in html
    assert "Traceback" not in html


@pytest.mark.parametrize(
    ("datum", "startjaar"),
    [("2026-07-31", 2025), ("2026-08-01", 2026), ("2027-01-15", 2026)],
)
def test_school_year_runs_from_1_august_to_31_july(db, datum, startjaar):
    import datetime as dt

    from familieschool.selectors import schooljaar_for_date

    schooljaar = schooljaar_for_date(dt.date.fromisoformat(datum))

    assert schooljaar.startjaar == startjaar
    assert (schooljaar.begindatum, schooljaar.einddatum) == (dt.date(startjaar, 8, 1), dt.date(startjaar + 1, 7, 31))

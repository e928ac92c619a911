"""Signals: routing, transitions, overdue, visibility per role, access log, mail after commit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from familieschool.choices import Hulpdomein
from familieschool.models import Inzage
from familieschool.roles import Rol
from gezinnen.models import BehandelaarSoort, Melding, Signaal, SignaalStatus, Zorgniveau
from gezinnen.signalen import selectors, services, tasks
from tests.conftest import zonder_tokens
from tests.gezinnen.factories import LeerlingFactory, gezin_met_kinderen

VANDAAG = dt.date(2026, 11, 23)


@pytest.fixture
def team(persona):
    """A school with every handler role, and an OKA who is aandachtsfunctionaris."""
    return {
        "coordinator": persona(Rol.COORDINATOR),
        "brugfunctionaris": persona(Rol.BRUGFUNCTIONARIS),
        "oka": persona(Rol.OKA, aandachtsfunctionaris=True),
        "buurtteam": persona(Rol.BUURTTEAM),
        "leerkracht": persona(Rol.LEERKRACHT),
        "andere_leerkracht": persona(Rol.LEERKRACHT),
        "schoolleider": persona(Rol.SCHOOLLEIDER),
    }


@pytest.fixture
def kind(school):
    _, (kind, _), _ = gezin_met_kinderen(school=school)
    return kind


def meld(team, kind, categorie, door="leerkracht", **kwargs):
    return services.create_signaal(
        school=kind.school, gemeld_door=team[door].user, leerling=kind, categorie=categorie, vandaag=VANDAAG, **kwargs
    )


# --- routing ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("categorie", "naar"),
    [
        (Hulpdomein.GELD, "buurtteam"),
        (Hulpdomein.OPVOEDING, "oka"),
        (Hulpdomein.VEILIGHEID, "oka"),  # the aandachtsfunctionaris
        (Hulpdomein.TAAL, "brugfunctionaris"),
        (Hulpdomein.SCHOOL, "coordinator"),
    ],
)
def test_default_routing_sends_each_category_to_its_handler(team, kind, categorie, naar):
    signaal = meld(team, kind, categorie)

    assert signaal.behandelaar == team[naar].user
    assert signaal.gezin == kind.gezin


def test_routing_falls_back_to_the_coordinator_when_nobody_has_the_role(coordinator, leerkracht, kind):
    signaal = services.create_signaal(
        school=kind.school, gemeld_door=leerkracht.user, leerling=kind, categorie=Hulpdomein.GELD, vandaag=VANDAAG
    )

    assert signaal.behandelaar == coordinator.user


def test_a_school_rule_with_a_named_handler_and_term_wins(team, kind):
    services.save_routeringsregel(
        school=kind.school,
        categorie=Hulpdomein.GELD,
        behandelaar_soort=BehandelaarSoort.BRUGFUNCTIONARIS,
        behandelaar=team["coordinator"].user,
        termijn_dagen=3,
    )

    signaal = meld(team, kind, Hulpdomein.GELD)

    assert signaal.behandelaar == team["coordinator"].user
    assert signaal.opvolgen_voor == VANDAAG + dt.timedelta(days=3)


def test_a_named_handler_of_another_school_is_refused(team, kind, andere_coordinator):
    with pytest.raises(ValidationError):
        services.save_routeringsregel(
            school=kind.school,
            categorie=Hulpdomein.GELD,
            behandelaar_soort=BehandelaarSoort.BUURTTEAM,
            behandelaar=andere_coordinator.user,
            termijn_dagen=3,
        )


def test_acute_signals_are_followed_up_within_a_day(team, kind):
    signaal = meld(team, kind, Hulpdomein.OPVOEDING, zorgniveau=Zorgniveau.ACUUT)

    assert signaal.opvolgen_voor == VANDAAG + dt.timedelta(days=1)


def test_the_handler_gets_an_in_app_notification_and_an_email_after_commit(team, kind, smtp_server):
    signaal = meld(team, kind, Hulpdomein.GELD, omschrijving="Geen jas in de winter")

    assert Melding.objects.get(user=team["buurtteam"].user).url == signaal.get_absolute_url()
    tasks.task_mail_behandelaar(signaal_id=signaal.pk)
    (mail,) = smtp_server.messages
    assert mail["to"] == [team["buurtteam"].user.email]
    body = mail["message"].get_payload(decode=True).decode()
    assert signaal.get_absolute_url() in body
    assert kind.roepnaam not in body and "jas" not in body  # no name, no content in a mail


def test_the_email_is_queued_only_when_the_transaction_commits(team, kind, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        meld(team, kind, Hulpdomein.GELD)

    assert len(zonder_tokens(callbacks)) == 1  # besides the cache's token renewal


# --- transitions -----------------------------------------------------------------------------------


def test_status_flow_and_first_action(team, kind):
    signaal = meld(team, kind, Hulpdomein.GELD)
    oka = team["buurtteam"].user

    signaal = services.change_status(signaal=signaal, naar=SignaalStatus.IN_BEHANDELING, door=oka)
    signaal = services.change_status(signaal=signaal, naar=SignaalStatus.DOORVERWEZEN, door=oka)
    signaal = services.change_status(
        signaal=signaal, naar=SignaalStatus.AFGEROND, door=oka, uitkomst="Stadspas geregeld"
    )

    assert signaal.status == SignaalStatus.AFGEROND
    assert signaal.eerste_actie_op is not None and signaal.afgerond_op is not None
    assert [g.naar_status for g in signaal.gebeurtenissen.all()] == [
        "nieuw",
        "in_behandeling",
        "doorverwezen",
        "afgerond",
    ]


def test_closing_needs_an_outcome(team, kind):
    signaal = meld(team, kind, Hulpdomein.GELD)

    with pytest.raises(ValidationError, match="uitkomst"):
        services.change_status(signaal=signaal, naar=SignaalStatus.AFGEROND, door=team["buurtteam"].user, uitkomst=" ")
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.NIEUW


@pytest.mark.parametrize(
    ("van", "naar"),
    [("afgerond", "in_behandeling"), ("afgerond", "nieuw"), ("in_behandeling", "nieuw"), ("nieuw", "onzin")],
)
def test_illegal_transitions_are_refused(team, kind, van, naar):
    signaal = meld(team, kind, Hulpdomein.GELD)
    Signaal.objects.filter(pk=signaal.pk).update(
        status=van,
        uitkomst="x" if van == "afgerond" else "",
        afgerond_op=signaal.created_at if van == "afgerond" else None,
    )

    with pytest.raises(ValidationError):
        services.change_status(signaal=signaal, naar=naar, door=team["buurtteam"].user, uitkomst="klaar")
    signaal.refresh_from_db()
    assert signaal.status == van


def test_the_database_refuses_a_closed_signal_without_outcome(team, kind):
    from django.db import IntegrityError, transaction

    signaal = meld(team, kind, Hulpdomein.GELD)

    with pytest.raises(IntegrityError), transaction.atomic():
        Signaal.objects.filter(pk=signaal.pk).update(status=SignaalStatus.AFGEROND, afgerond_op=signaal.created_at)


# --- overdue ---------------------------------------------------------------------------------------


def test_overdue_with_a_fixed_clock(team, kind):
    signaal = meld(team, kind, Hulpdomein.GELD)  # follow up before 3 December (10 days)
    buurtteam, coordinator = team["buurtteam"], team["coordinator"]

    def te_laat(p, vandaag):
        return list(selectors.te_late_signalen(user=p.user, rol=p.rol, school=p.school, vandaag=vandaag))

    assert te_laat(buurtteam, dt.date(2026, 12, 3)) == []  # on the day itself: not yet late
    assert te_laat(buurtteam, dt.date(2026, 12, 4)) == [signaal]
    assert te_laat(coordinator, dt.date(2026, 12, 4)) == [signaal]  # the coordinator sees all
    assert te_laat(team["brugfunctionaris"], dt.date(2026, 12, 4)) == []  # not theirs
    services.change_status(signaal=signaal, naar=SignaalStatus.AFGEROND, door=buurtteam.user, uitkomst="Klaar")
    assert te_laat(buurtteam, dt.date(2026, 12, 4)) == []


def test_daily_digest_mails_each_handler_once_without_names(team, kind, smtp_server):
    meld(team, kind, Hulpdomein.GELD)
    meld(team, kind, Hulpdomein.WONEN)
    meld(team, kind, Hulpdomein.OPVOEDING)

    with time_machine.travel(dt.datetime(2026, 12, 10, 7, 0, tzinfo=dt.UTC)):
        verstuurd = tasks.task_mail_te_late_signalen()

    assert verstuurd == 2
    ontvangers = sorted(m["to"][0] for m in smtp_server.messages)
    assert ontvangers == sorted([team["buurtteam"].user.email, team["oka"].user.email])
    buurtteam_mail = next(m for m in smtp_server.messages if m["to"] == [team["buurtteam"].user.email])
    assert "2 signalen" in buurtteam_mail["message"]["Subject"]
    assert kind.roepnaam not in buurtteam_mail["message"].get_payload(decode=True).decode()


# --- visibility ------------------------------------------------------------------------------------


def zichtbaar(persona):
    return set(selectors.signalen_for_user(user=persona.user, rol=persona.rol, school=persona.school))


def test_visibility_per_role(team, kind, andere_coordinator, persona):
    geld = meld(team, kind, Hulpdomein.GELD, door="leerkracht")
    opvoeding = meld(team, kind, Hulpdomein.OPVOEDING, door="brugfunctionaris")
    veilig = meld(team, kind, Hulpdomein.VEILIGHEID, door="leerkracht")

    assert zichtbaar(team["leerkracht"]) == {geld, veilig}  # reporter: own
    assert zichtbaar(team["andere_leerkracht"]) == set()  # never others'
    assert zichtbaar(team["buurtteam"]) == {geld}  # routed to them
    assert zichtbaar(team["oka"]) == {opvoeding, veilig}  # routed + aandachtsfunctionaris
    assert zichtbaar(team["coordinator"]) == {geld, opvoeding}  # all but veiligheid
    assert zichtbaar(team["brugfunctionaris"]) == {geld, opvoeding}
    assert zichtbaar(team["schoolleider"]) == set()  # counts only
    assert zichtbaar(persona(Rol.BESTUUR)) == set()
    assert zichtbaar(andere_coordinator) == set()  # another school


def test_restricted_note_only_for_handler_and_aandachtsfunctionaris(team, kind, client):
    signaal = meld(team, kind, Hulpdomein.GELD)
    services.add_notitie(
        signaal=signaal, door=team["buurtteam"].user, tekst="Schulden bij de woningcorporatie", vertrouwelijk=True
    )

    client.force_login(team["buurtteam"].user)
    assert "Schulden bij de woningcorporatie" in client.get(signaal.get_absolute_url()).content.decode()
    client.force_login(team["coordinator"].user)
    response = client.get(signaal.get_absolute_url())
    assert response.status_code == 200
    assert "Schulden bij de woningcorporatie" not in response.content.decode()


def test_teacher_gets_404_for_another_persons_signal(team, kind, client):
    signaal = meld(team, kind, Hulpdomein.GELD, door="brugfunctionaris")
    client.force_login(team["leerkracht"].user)

    assert client.get(signaal.get_absolute_url()).status_code == 404


def test_every_read_of_a_signal_is_logged(team, kind, client):
    signaal = meld(team, kind, Hulpdomein.GELD)
    client.force_login(team["buurtteam"].user)

    client.get(signaal.get_absolute_url())
    client.get(reverse("gezinnen:signaal_list"))
    client.get(kind.gezin.get_absolute_url())

    doelen = sorted(
        Inzage.objects.filter(record_type="gezinnen.signaal", record_id=str(signaal.pk)).values_list("doel", flat=True)
    )
    assert doelen == ["gezinsdossier", "signaal opvolgen", "signalenlijst"]


def test_only_the_handler_or_the_overview_roles_may_change_the_status(team, kind, client):
    signaal = meld(team, kind, Hulpdomein.GELD, door="leerkracht")
    client.force_login(team["leerkracht"].user)  # the reporter may read, not handle

    response = client.post(reverse("gezinnen:signaal_status", args=[signaal.pk]), {"naar": "in_behandeling"})

    assert response.status_code == 403
    signaal.refresh_from_db()
    assert signaal.status == SignaalStatus.NIEUW


def test_counts_for_the_school_leader_are_suppressed(team, kind):
    for _ in range(3):
        meld(team, kind, Hulpdomein.GELD)
    for _ in range(5):
        meld(team, kind, Hulpdomein.WONEN)

    tellingen = selectors.signaal_tellingen(school=kind.school)

    assert tellingen[Hulpdomein.GELD]["nieuw"] == "<5"
    assert tellingen[Hulpdomein.WONEN]["nieuw"] == "5"


# --- the quick form --------------------------------------------------------------------------------


def test_quick_form_saves_and_confirms(team, kind, client):
    client.force_login(team["leerkracht"].user)

    response = client.post(
        reverse("gezinnen:signaal_create"),
        {
            "leerling": kind.pk,
            "categorie": Hulpdomein.GELD,
            "zorgniveau": Zorgniveau.ZORG,
            "omschrijving": "Geen lunch",
        },
    )

    signaal = Signaal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("gezinnen:signaal_bevestiging", args=[signaal.pk])
    assert (signaal.leerling, signaal.gemeld_door, signaal.behandelaar) == (
        kind,
        team["leerkracht"].user,
        team["buurtteam"].user,
    )


def test_quick_form_without_pupil_or_category_shows_dutch_errors_and_saves_nothing(team, client):
    client.force_login(team["leerkracht"].user)

    body = client.post(reverse("gezinnen:signaal_create"), {"zorgniveau": Zorgniveau.ZORG}).content.decode()

    assert "Kies de leerling om wie het gaat." in body
    assert "Kies waar het over gaat." in body
    assert not Signaal.objects.exists()


def test_quick_form_refuses_a_pupil_of_another_school(team, client, andere_school):
    vreemd = LeerlingFactory(school=andere_school)
    client.force_login(team["leerkracht"].user)

    client.post(
        reverse("gezinnen:signaal_create"), {"leerling": vreemd.pk, "categorie": Hulpdomein.GELD, "zorgniveau": "zorg"}
    )

    assert not Signaal.objects.exists()


def test_typeahead_for_a_signal_finds_any_pupil_of_the_school_by_name(team, kind, client):
    client.force_login(team["leerkracht"].user)  # teaches no group

    body = client.get(reverse("gezinnen:leerling_zoek"), {"q": kind.roepnaam[:4], "doel": "signaal"}).content.decode()

    assert f'value="{kind.pk}"' in body
    assert 'type="radio"' in body


@pytest.mark.parametrize("aantal", [1, 3])
def test_signaal_list_query_count_is_constant(team, school, aantal, client, django_assert_num_queries):
    for _ in range(aantal):
        _, (kind, _), _ = gezin_met_kinderen(school=school)
        meld(team, kind, Hulpdomein.GELD)
    client.force_login(team["buurtteam"].user)
    client.get(reverse("start"))

    # session, user, memberships; savepoint, signals (joined), one insert of the access-log
    # rows, release; the session save (savepoint, update, release)
    with django_assert_num_queries(10):
        response = client.get(reverse("gezinnen:signaal_list"))

    assert len(response.context["signalen"]) == aantal


def test_a_signal_from_the_pupil_page_has_the_pupil_chosen(team, kind, client):
    client.force_login(team["coordinator"].user)

    pagina = client.get(kind.get_absolute_url()).content.decode()
    formulier = client.get(reverse("gezinnen:signaal_create"), {"leerling": kind.pk}).content.decode()

    assert f"{reverse('gezinnen:signaal_create')}?leerling={kind.pk}" in pagina
    assert re.search(rf'name="leerling"[^>]*value="{kind.pk}"\s+checked', formulier)


def test_signals_are_in_the_familys_access_request_export(team, kind):
    from gezinnen.privacy import gezin_export

    signaal = meld(team, kind, Hulpdomein.GELD, omschrijving="Geen winterjas")
    services.add_notitie(signaal=signaal, door=team["buurtteam"].user, tekst="Gebeld met moeder")

    export = gezin_export(gezin=kind.gezin)

    (onderdeel,) = export["signalen"]
    assert onderdeel["omschrijving"] == "Geen winterjas"
    assert [stap["toelichting"] for stap in onderdeel["verloop"]] == ["", "Gebeld met moeder"]

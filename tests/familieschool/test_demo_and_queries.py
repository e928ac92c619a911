from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from familieschool import demo, services
from familieschool.mfa import code_for_secret, demo_secret
from familieschool.models import Accountuitnodiging, Bestuur, Lidmaatschap, School, User
from familieschool.roles import MFA_VERPLICHT, Rol
from tests.conftest import make_persona


def test_seed_demo_creates_a_board_with_three_schools_and_every_role(settings, db):
    settings.DEMO_MODE = True

    call_command("seed_demo")

    assert Bestuur.objects.count() == 1
    assert School.objects.count() == 3
    assert set(Lidmaatschap.objects.values_list("rol", flat=True)) == set(Rol.values)


def test_seed_demo_is_idempotent(settings, db):
    settings.DEMO_MODE = True
    call_command("seed_demo")
    counts = (User.objects.count(), Lidmaatschap.objects.count(), School.objects.count())

    call_command("seed_demo")

    assert (User.objects.count(), Lidmaatschap.objects.count(), School.objects.count()) == counts


def test_seed_demo_refuses_outside_demo_mode(settings, db):
    settings.DEMO_MODE = False

    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_demo_users_with_family_data_have_totp_and_demo_code_prints_it(settings, db, capsys):
    settings.DEMO_MODE = True
    call_command("seed_demo")
    coordinator = demo.GEBRUIKERS[0]
    capsys.readouterr()

    call_command("demo_code", coordinator.email)

    printed = capsys.readouterr().out.strip()
    assert printed == code_for_secret(demo_secret(coordinator.email))
    from allauth.mfa.utils import is_mfa_enabled

    for gebruiker in demo.GEBRUIKERS:
        user = User.objects.get(email=gebruiker.email)
        needs = any(rol in MFA_VERPLICHT for _, rol, _ in gebruiker.rollen)
        assert is_mfa_enabled(user) == needs


def test_demo_login_works_with_password_and_code(settings, client, db):
    settings.DEMO_MODE = True
    call_command("seed_demo")
    email = demo.GEBRUIKERS[1].email

    client.post(reverse("account_login"), {"login": email, "password": demo.DEMO_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code_for_secret(demo_secret(email))})

    assert client.get(reverse("start")).status_code == 200


def _invitations(inviter, aantal):
    for i in range(aantal):
        services.invite_user(
            uitgenodigd_door=inviter.user,
            door_rol=inviter.rol,
            actieve_school=inviter.school,
            school=inviter.school,
            email=f"n{i}@school.test",
            naam=f"N {i}",
            rol=Rol.BEGELEIDER,
        )


@pytest.mark.parametrize("aantal", [1, 3])
def test_gebruiker_list_query_count_is_constant(client, coordinator, aantal, django_assert_num_queries):
    _invitations(coordinator, aantal)
    for _ in range(aantal):
        make_persona(rol=Rol.LEERKRACHT, school=coordinator.school)
    client.force_login(coordinator.user)
    client.get(reverse("start"))  # warm up: the MFA check is cached in the session

    # session, user, own memberships (+school), memberships in scope (+user, school),
    # invitations in scope (+school, inviter), savepoint, session update, release
    with django_assert_num_queries(8):
        response = client.get(reverse("gebruiker_list"))

    assert len(response.context["uitnodigingen"]) == aantal
    assert len(response.context["lidmaatschappen"]) == aantal + 1


@pytest.mark.parametrize("aantal", [1, 3])
def test_start_page_query_count_is_constant(client, coordinator, aantal, django_assert_num_queries):
    _invitations(coordinator, aantal)
    client.force_login(coordinator.user)
    client.get(reverse("start"))  # warm up: the MFA check is cached in the session

    # session, user, memberships (+school), signals: overdue and open-for-me counts (one query),
    # unread notifications; FSP: today's walk-in hours, my open intakes count, overdue referrals
    # count; Rijke schooldag: the current block (none here), pupils reached; attendance:
    # today's sessions, sessions without attendance, three absences in a row (count + rows);
    # parent activities: the next three with their totals; subsidies: deadlines within 30 days
    # (with owner), running grants count; the dashboard figures come from the cache
    # (filled by the warm-up); active members count, open invitations, imports waiting for
    # approval, last processed import; savepoint, session update, release
    with django_assert_num_queries(23):
        response = client.get(reverse("start"))

    assert response.status_code == 200
    assert Accountuitnodiging.objects.count() == aantal


@pytest.mark.parametrize("aantal", [1, 3])
def test_inzage_list_query_count_is_constant(client, beheerder, aantal, django_assert_num_queries):
    from tests.familieschool.test_inzage import _request

    for i in range(aantal):
        services.record_inzage(request=_request(beheerder), record_type="gezinnen.gezin", record_id=i, doel="zorg")
    client.force_login(beheerder.user)
    client.get(reverse("start"))  # warm up: the MFA check is cached in the session

    # session, user, memberships, board schools, record types; savepoint, inzage insert, count,
    # rows (+user, school), release; schools for the filter; savepoint, session update, release
    with django_assert_num_queries(14):
        response = client.get(reverse("inzage_list"))

    assert len(response.context["inzagen"]) == aantal + 1  # + the row for this very read

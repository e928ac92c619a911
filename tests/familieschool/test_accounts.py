"""Accounts: email login with TOTP, no sign-up, invitations, password reset, rate limits,
session timeouts and the admin behind allauth."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from familieschool.mfa import code_for_secret, demo_secret
from familieschool.models import Accountuitnodiging, Lidmaatschap, User
from familieschool.roles import Rol
from tests.factories import TEST_PASSWORD


def _login_with_password(client, email: str, password: str = TEST_PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_login_with_password_then_totp_reaches_the_start_page(client, coordinator):
    response = _login_with_password(client, coordinator.user.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")

    code = code_for_secret(demo_secret(coordinator.user.email))
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 302
    assert client.get(reverse("start")).status_code == 200


def test_login_with_a_wrong_totp_code_does_not_log_in(client, coordinator):
    _login_with_password(client, coordinator.user.email)
    right = code_for_secret(demo_secret(coordinator.user.email))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_totp_code_cannot_be_used_twice(client, coordinator):
    code = code_for_secret(demo_secret(coordinator.user.email))
    _login_with_password(client, coordinator.user.email)
    client.post(reverse("mfa_authenticate"), {"code": code})
    client.logout()

    _login_with_password(client, coordinator.user.email)
    response = client.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_login_with_a_wrong_password_shows_a_dutch_error(client, coordinator):
    response = _login_with_password(client, coordinator.user.email, "fout-wachtwoord-123")

    assert response.status_code == 200
    assert "e-mailadres en/of wachtwoord is niet correct" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_rate_limited_per_account_whatever_the_forwarded_address(client, coordinator):
    for i in range(5):
        # A spoofed X-Forwarded-For must not reset the counter (no trusted proxy configured).
        client.post(
            reverse("account_login"),
            {"login": coordinator.user.email, "password": "fout-wachtwoord-123"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}",
        )

    # The sixth attempt is refused even with the right password.
    response = _login_with_password(client, coordinator.user.email)

    assert response.status_code == 200
    assert "Te veel inlogpogingen" in response.content.decode()
    assert response.get("Location") is None  # not sent on to the TOTP step


def test_rate_limit_of_one_account_does_not_lock_out_another(client, coordinator, persona):
    collega = persona(Rol.OKA)
    for _ in range(5):
        _login_with_password(client, coordinator.user.email, "fout-wachtwoord-123")

    response = _login_with_password(client, collega.user.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")


def test_public_sign_up_is_closed(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "iemand@school.test", "password1": "een-lang-wachtwoord-1", "password2": "een-lang-wachtwoord-1"},
    )

    assert response.status_code == 200
    assert not User.objects.filter(email="iemand@school.test").exists()


def test_role_that_reads_family_data_must_set_up_mfa_first(client, coordinator):
    Authenticator.objects.filter(user=coordinator.user).delete()
    client.force_login(coordinator.user)

    response = client.get(reverse("start"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_board_role_without_family_data_needs_no_mfa(client, persona):
    bestuur = persona(Rol.BESTUUR)
    client.force_login(bestuur.user)

    response = client.get(reverse("start"))

    assert response.status_code == 200


def test_required_mfa_cannot_be_switched_off(coordinator):
    from allauth.mfa.adapter import get_adapter

    totp = Authenticator.objects.get(user=coordinator.user, type=Authenticator.Type.TOTP)

    assert get_adapter().can_delete_authenticator(totp) is False


# --- invitations ----------------------------------------------------------------------------------


def _invite(client, inviter, django_capture_on_commit_callbacks, **data):
    client.force_login(inviter.user)
    payload = {
        "naam": "Nieuwe Collega",
        "email": "nieuw@school.test",
        "school": inviter.school.pk,
        "rol": Rol.LEERKRACHT,
    }
    payload.update(data)
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("uitnodiging_create"), payload)


def test_coordinator_invites_by_email_and_the_link_creates_the_account(
    client, coordinator, smtp_server, django_capture_on_commit_callbacks
):
    response = _invite(client, coordinator, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["to"] == ["nieuw@school.test"]
    body = mail["message"].get_payload()[0].get_payload(decode=True).decode()
    link = re.search(r"http://[^\s]+/uitnodiging/[^\s/]+/", body).group(0)
    path = link.split("8000", 1)[1] if "8000" in link else "/" + link.split("/", 3)[3]

    client.logout()
    assert client.get(path).status_code == 200
    response = client.post(
        path,
        {"naam": "Nieuwe Collega", "password1": "een zin van vier woorden", "password2": "een zin van vier woorden"},
    )

    assert response.status_code == 302
    user = User.objects.get(email="nieuw@school.test")
    assert Lidmaatschap.objects.get(user=user).rol == Rol.LEERKRACHT
    assert Lidmaatschap.objects.get(user=user).school == coordinator.school
    # A leerkracht reads pupil names, so the next page is the MFA setup.
    assert client.get(reverse("start"))["Location"] == reverse("mfa_activate_totp")


def test_invitation_link_is_single_use(client, coordinator, django_capture_on_commit_callbacks):
    from familieschool import services

    _, token = services.invite_user(
        uitgenodigd_door=coordinator.user,
        door_rol=Rol.COORDINATOR,
        actieve_school=coordinator.school,
        school=coordinator.school,
        email="een@school.test",
        naam="Een",
        rol=Rol.BEGELEIDER,
    )
    path = reverse("uitnodiging_accept", args=[token])
    client.post(path, {"naam": "Een", "password1": "een zin van vier woorden", "password2": "een zin van vier woorden"})
    client.logout()

    response = client.get(path)

    assert response.status_code == 410


def test_expired_invitation_shows_a_friendly_page(client, coordinator):
    from familieschool import services

    _, token = services.invite_user(
        uitgenodigd_door=coordinator.user,
        door_rol=Rol.COORDINATOR,
        actieve_school=coordinator.school,
        school=coordinator.school,
        email="laat@school.test",
        naam="Laat",
        rol=Rol.BEGELEIDER,
    )

    with time_machine.travel(timezone.now() + dt.timedelta(days=8)):
        response = client.get(reverse("uitnodiging_accept", args=[token]))

    assert response.status_code == 410
    assert "niet meer geldig" in response.content.decode()


def test_unknown_invitation_token_is_404(client, db):
    assert client.get(reverse("uitnodiging_accept", args=["verzonnen"])).status_code == 404


def test_coordinator_cannot_invite_to_another_school(
    client, coordinator, andere_school, django_capture_on_commit_callbacks
):
    response = _invite(client, coordinator, django_capture_on_commit_callbacks, school=andere_school.pk)

    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not Accountuitnodiging.objects.exists()


def test_coordinator_cannot_invite_a_board_role(client, coordinator, django_capture_on_commit_callbacks):
    response = _invite(client, coordinator, django_capture_on_commit_callbacks, rol=Rol.BEHEERDER)

    assert response.status_code == 200
    assert "rol" in response.context["form"].errors
    assert not Accountuitnodiging.objects.exists()


def test_beheerder_invites_to_any_school_of_the_board(
    client, beheerder, andere_school, django_capture_on_commit_callbacks
):
    response = _invite(
        client, beheerder, django_capture_on_commit_callbacks, school=andere_school.pk, rol=Rol.SCHOOLLEIDER
    )

    assert response.status_code == 302
    assert Accountuitnodiging.objects.get().school == andere_school


def test_beheerder_cannot_invite_to_a_school_of_another_board(
    client, beheerder, vreemd_bestuur_school, django_capture_on_commit_callbacks
):
    response = _invite(client, beheerder, django_capture_on_commit_callbacks, school=vreemd_bestuur_school.pk)

    assert response.status_code == 200
    assert not Accountuitnodiging.objects.exists()


def test_aandachtsfunctionaris_only_for_oka_or_buurtteam(client, coordinator, django_capture_on_commit_callbacks):
    response = _invite(client, coordinator, django_capture_on_commit_callbacks, is_aandachtsfunctionaris="on")

    assert response.status_code == 200
    assert "is_aandachtsfunctionaris" in response.context["form"].errors


def test_inviting_an_address_with_an_open_invitation_is_refused_at_the_field(
    client, coordinator, django_capture_on_commit_callbacks
):
    _invite(client, coordinator, django_capture_on_commit_callbacks)

    response = _invite(client, coordinator, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert Accountuitnodiging.objects.count() == 1


# --- password reset, sessions, admin -------------------------------------------------------------


def test_password_reset_sends_a_link_by_real_smtp(client, coordinator, smtp_server):
    response = client.post(reverse("account_reset_password"), {"email": coordinator.user.email})

    assert response.status_code == 302
    assert len(smtp_server.messages) == 1
    assert "/accounts/password/reset/key/" in smtp_server.messages[0]["message"].as_string()


def test_session_expires_after_inactivity(client, coordinator):
    client.force_login(coordinator.user)
    assert client.get(reverse("start")).status_code == 200

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=31)):
        response = client.get(reverse("start"))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_activity_keeps_the_session_alive_until_the_absolute_limit(client, coordinator):
    start = timezone.now()
    client.force_login(coordinator.user)
    client.get(reverse("start"))

    statuses = []
    for minutes in range(20, 13 * 60, 20):
        with time_machine.travel(start + dt.timedelta(minutes=minutes)):
            statuses.append((minutes, client.get(reverse("start")).status_code))

    assert all(status == 200 for minutes, status in statuses if minutes < 12 * 60)
    assert any(status == 302 for minutes, status in statuses if minutes > 12 * 60)


def test_admin_login_goes_through_allauth(client, db):
    response = client.get("/django-beheer/login/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_user_needs_mfa_before_the_admin(client, school):
    staff = User.objects.create_user("staf@school.test", TEST_PASSWORD, naam="Staf", is_staff=True, is_superuser=True)
    client.force_login(staff)

    response = client.get("/django-beheer/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/password/reset/"])
def test_account_pages_are_in_dutch(client, db, path):
    response = client.get(path)

    assert response.status_code == 200
    assert 'lang="nl"' in response.content.decode()
    assert "Wachtwoord" in response.content.decode() or "wachtwoord" in response.content.decode()

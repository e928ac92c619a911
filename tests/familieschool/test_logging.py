from __future__ import annotations

import logging

from django.urls import reverse

from familieschool.logging import RedactSecretsFilter, redact
from tests.factories import TEST_PASSWORD


def test_invitation_and_reset_tokens_are_redacted():
    assert redact('"GET /uitnodiging/abcDEF123_-x/ HTTP/1.1" 200') == '"GET /uitnodiging/[verborgen]/ HTTP/1.1" 200'
    assert "k3y" not in redact("/accounts/password/reset/key/1-k3y/")


def test_filter_rewrites_the_log_record():
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"GET %s" 200', ("/uitnodiging/geheim/",), None
    )

    RedactSecretsFilter().filter(record)

    assert "geheim" not in record.getMessage()


def test_a_failed_login_and_a_login_log_no_password_or_totp_secret(client, coordinator, caplog):
    from familieschool.mfa import code_for_secret, demo_secret

    secret = demo_secret(coordinator.user.email)
    with caplog.at_level(logging.DEBUG):
        client.post(reverse("account_login"), {"login": coordinator.user.email, "password": "fout-wachtwoord-9"})
        client.post(reverse("account_login"), {"login": coordinator.user.email, "password": TEST_PASSWORD})
        client.post(reverse("mfa_authenticate"), {"code": code_for_secret(secret)})

    logged = caplog.text
    assert TEST_PASSWORD not in logged
    assert "fout-wachtwoord-9" not in logged
    assert secret not in logged

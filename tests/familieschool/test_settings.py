"""Security settings, production refusal, headers, migrations and privacy checks."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x7!Kq2#pR9zL@4mV8nT$1wY6bH3cJ0fD5gS&eA*uI9oP2lK7jH4",
    "DJANGO_ALLOWED_HOSTS": "familieschool.example.nl",
    "DATABASE_URL": "postgres://app@db.example.nl/familieschool",
    "REDIS_URL": "redis://redis.example.nl:6379/0",
    "DJANGO_SETTINGS_MODULE": "familieschool.settings",
}


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_with_production_settings_reports_nothing():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DATABASE_URL", "REDIS_URL", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"])
def test_production_settings_refuse_to_start_without_a_variable(missing):
    env = {k: v for k, v in PROD_ENV.items() if k != missing}

    result = _manage("check", env=env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_settings_refuse_a_database_other_than_postgresql():
    result = _manage("check", env={**PROD_ENV, "DATABASE_URL": "sqlite:///tmp/x.db"})

    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_production_password_hashing_is_strong():
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from familieschool import settings as real

    assert real.PASSWORD_HASHERS[0].endswith("PBKDF2PasswordHasher")
    assert PBKDF2PasswordHasher.iterations >= 600_000


def test_production_accepts_a_totp_code_only_in_its_own_window():
    from familieschool import settings as real

    # The tests accept the neighbouring window (tests/settings.py); production does not.
    assert getattr(real, "MFA_TOTP_TOLERANCE", 0) == 0


def test_rate_limits_use_a_real_cache(settings):
    assert "RedisCache" in settings.CACHES["default"]["BACKEND"]
    assert settings.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip,5/5m/key"


def test_responses_carry_the_security_headers(client, coordinator):
    client.force_login(coordinator.user)

    response = client.get(reverse("start"))

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_templates_contain_no_inline_scripts_or_styles():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        if "500.html" in path.name or "emails" in path.parts:
            continue
        for marker in ("<script>", '<script type="text/javascript">', " onclick=", ' style="', "<style"):
            if marker in text:
                offenders.append(f"{path.relative_to(ROOT)}: {marker.strip()}")

    assert offenders == []


def test_no_migrations_are_missing(db):
    out = io.StringIO()

    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits non-zero when one is missing

    assert "No changes detected" in out.getvalue()


def test_no_model_stores_a_forbidden_identifier():
    from familieschool.checks import check_geen_verboden_velden

    assert check_geen_verboden_velden() == []


def test_forbidden_identifier_check_catches_a_bsn_field():
    from familieschool.checks import VERBODEN_VELDEN

    assert VERBODEN_VELDEN.search("bsn")
    assert VERBODEN_VELDEN.search("ouder_bsn")
    assert VERBODEN_VELDEN.search("eck_id")
    assert not VERBODEN_VELDEN.search("absent")


def test_history_records_role_changes_with_the_user_who_made_them(client, coordinator, persona):
    from familieschool.models import Lidmaatschap

    doel = persona("leerkracht")
    client.force_login(coordinator.user)

    client.post(reverse("lidmaatschap_toggle", args=[doel.lidmaatschap.pk]))

    events = Lidmaatschap.pgh_event_model.objects.filter(pgh_obj=doel.lidmaatschap).order_by("pgh_id")
    assert [e.actief for e in events] == [True, False]
    assert events.last().pgh_context.metadata["user"] == coordinator.user.pk

"""Personas for every role, a user of another school, and the real-server fixtures."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from email import message_from_bytes
from pathlib import Path

import pytest
from django.core.cache import cache

from familieschool.mfa import activate_totp, demo_secret
from familieschool.models import Lidmaatschap, School, User
from familieschool.roles import MFA_VERPLICHT, Rol
from tests.factories import BestuurFactory, LidmaatschapFactory, SchoolFactory, UserFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@dataclass
class Persona:
    user: User
    school: School
    lidmaatschap: Lidmaatschap

    @property
    def rol(self) -> str:
        return self.lidmaatschap.rol


def make_persona(*, rol: str, school: School, aandachtsfunctionaris: bool = False, email: str | None = None) -> Persona:
    user = UserFactory(**({"email": email} if email else {}))
    lid = LidmaatschapFactory(user=user, school=school, rol=rol, is_aandachtsfunctionaris=aandachtsfunctionaris)
    if rol in MFA_VERPLICHT:
        activate_totp(user=user, secret=demo_secret(user.email))
    return Persona(user=user, school=school, lidmaatschap=lid)


@pytest.fixture(autouse=True)
def _clean_cache():
    """Each test starts with an empty cache (rate-limit counters, used TOTP codes)."""
    cache.clear()
    yield


@pytest.fixture
def bestuur(db):
    return BestuurFactory()


@pytest.fixture
def school(bestuur):
    return SchoolFactory(bestuur=bestuur, naam="OBS Zonnewijzer")


@pytest.fixture
def andere_school(bestuur):
    """A second school of the same board: its data must never show at the first."""
    return SchoolFactory(bestuur=bestuur, naam="Basisschool De Horizon")


@pytest.fixture
def vreemd_bestuur_school(db):
    return SchoolFactory(bestuur=BestuurFactory(naam="Ander bestuur"), naam="School van een ander bestuur")


@pytest.fixture
def persona(school):
    """persona("coordinator") → a user with that role at ``school`` (MFA set up when required)."""

    def _make(rol: str, **kwargs) -> Persona:
        return make_persona(rol=rol, school=kwargs.pop("at", school), **kwargs)

    return _make


@pytest.fixture
def coordinator(persona):
    return persona(Rol.COORDINATOR)


@pytest.fixture
def beheerder(persona):
    return persona(Rol.BEHEERDER)


@pytest.fixture
def leerkracht(persona):
    return persona(Rol.LEERKRACHT)


@pytest.fixture
def andere_coordinator(andere_school):
    return make_persona(rol=Rol.COORDINATOR, school=andere_school)


# --- a real SMTP server --------------------------------------------------------------------------


class _Collector:
    def __init__(self) -> None:
        self.messages: list[dict] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            {
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "message": message_from_bytes(envelope.original_content or envelope.content),
            }
        )
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on loopback; Django's SMTP backend sends to it."""
    from aiosmtpd.controller import Controller

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    handler = _Collector()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # pytest-django forces locmem
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def zonder_tokens(callbacks: list) -> list:
    """On-commit callbacks without the cache's token renewal (familieschool.freshness), which
    follows every write and is not the side effect a test is about."""
    from familieschool.freshness import RenewTokens

    return [callback for callback in callbacks if not isinstance(callback, RenewTokens)]

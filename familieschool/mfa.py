"""Small helpers around allauth's TOTP for demo accounts and tests."""

from __future__ import annotations

import base64
import hashlib
import time

from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from familieschool.models import User

TOTP_PERIOD = 30


def demo_secret(email: str) -> str:
    """A known, per-user TOTP secret for demo accounts: anyone with the code can derive it,
    which is the point of a demo and why demo accounts exist only in demo mode."""
    digest = hashlib.sha256(f"familieschool-demo:{email.lower()}".encode()).digest()[:20]
    return base64.b32encode(digest).decode()


def activate_totp(*, user: User, secret: str, recovery_codes: bool = True) -> None:
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return
    TOTP.activate(user, secret)
    if recovery_codes:
        RecoveryCodes.activate(user)


def totp_secret(user: User) -> str | None:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    return get_adapter().decrypt(authenticator.data["secret"])


def code_for_secret(secret: str, at: float | None = None) -> str:
    counter = int((time.time() if at is None else at) // TOTP_PERIOD)
    return format_hotp_value(hotp_value(secret, counter))

"""allauth adapters: no public sign-up, and MFA that required roles cannot switch off."""

from __future__ import annotations

import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from familieschool.roles import MFA_VERPLICHT

# A password typed this recently counts as a fresh authentication for the first MFA setup.
RECENT_LOGIN_SECONDS = 300


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Users are invited by a beheerder or a coordinator; there is no public sign-up.
        return False

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Setting up MFA right after logging in (the forced first step for most roles) does not
        ask for the password a second time; every other sensitive step still does."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        if required and app == "allauth.mfa" and self._first_mfa_setup_after_fresh_login():
            return False
        return required

    @staticmethod
    def _first_mfa_setup_after_fresh_login() -> bool:
        from allauth.account.internal.flows.login import get_authentication_records
        from allauth.core import context
        from allauth.mfa.utils import is_mfa_enabled

        request = context.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or is_mfa_enabled(user):
            return False
        if request.resolver_match is None or request.resolver_match.url_name != "mfa_activate_totp":
            return False
        records = get_authentication_records(request, user)
        return any(time.time() - record.get("at", 0) < RECENT_LOGIN_SECONDS for record in records)


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator: Any) -> bool:
        from familieschool.models import Lidmaatschap

        verplicht = Lidmaatschap.objects.filter(
            user_id=authenticator.user_id, actief=True, rol__in=list(MFA_VERPLICHT)
        ).exists()
        return not verplicht and super().can_delete_authenticator(authenticator)

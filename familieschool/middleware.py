"""Request machinery: the active school and role, MFA enforcement, session timeouts, no-store."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from familieschool import selectors
from familieschool.roles import MFA_VERPLICHT

SESSION_SCHOOL_KEY = "familieschool_school_id"
SESSION_LOGIN_AT_KEY = "familieschool_ingelogd_om"
SESSION_MFA_OK_KEY = "familieschool_mfa_ok"

Handler = Callable[[HttpRequest], HttpResponse]


class SessionTimeoutMiddleware:
    """Idle timeout comes from the session age (renewed on every request); this adds the
    absolute limit: after SESSION_ABSOLUTE_SECONDS a new login is needed, however busy."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            login_at = request.session.get(SESSION_LOGIN_AT_KEY)
            if login_at is None:
                request.session[SESSION_LOGIN_AT_KEY] = now
            elif now - float(login_at) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, "Je sessie is verlopen. Log opnieuw in.")
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class ActiveSchoolMiddleware:
    """Sets ``request.school``, ``request.rol``, ``request.lidmaatschap`` and ``request.scholen``
    (the schools the user may switch to) from the user's memberships and the session choice."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.school = None  # type: ignore[attr-defined]
        request.rol = None  # type: ignore[attr-defined]
        request.lidmaatschap = None  # type: ignore[attr-defined]
        request.scholen = []  # type: ignore[attr-defined]
        if request.user.is_authenticated:
            lidmaatschappen = selectors.lidmaatschappen_for_user(request.user)  # type: ignore[arg-type]
            scholen = selectors.scholen_for_lidmaatschappen(lidmaatschappen)
            actief = selectors.actieve_rol(scholen, request.session.get(SESSION_SCHOOL_KEY))
            request.scholen = [school for school, _ in scholen]  # type: ignore[attr-defined]
            request.alle_rollen = {lid.rol for lid in lidmaatschappen}  # type: ignore[attr-defined]
            if actief is not None:
                request.school = actief.school  # type: ignore[attr-defined]
                request.rol = actief.rol  # type: ignore[attr-defined]
                request.lidmaatschap = actief.lidmaatschap  # type: ignore[attr-defined]
        return self.get_response(request)


# Paths a user without MFA may still open: the MFA setup itself, the account pages that lead
# there, logout, static files and the invitation link.
# The parents' answer page (a signed link, no account) is open to anyone, staff included.
MFA_VRIJE_PADEN = ("/accounts/", "/static/", "/uitnodiging/", "/favicon.ico", "/activiteiten/antwoord/")


class RequireMFAMiddleware:
    """Every role that can read family data must set up MFA before any other page opens."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not request.path.startswith(MFA_VRIJE_PADEN)
            and not request.session.get(SESSION_MFA_OK_KEY)
            and self._mfa_required(request)
        ):
            from allauth.mfa.utils import is_mfa_enabled

            if is_mfa_enabled(request.user):
                # Cached for the session: allauth's MFA adapter refuses removal for these roles.
                request.session[SESSION_MFA_OK_KEY] = True
            else:
                messages.warning(
                    request,
                    "Stel eerst tweestapsverificatie in. Met jouw rol kun je gegevens van gezinnen "
                    "inzien; die zijn extra beveiligd.",
                )
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _mfa_required(request: HttpRequest) -> bool:
        rollen: set[str] = getattr(request, "alle_rollen", set())
        return bool(rollen & MFA_VERPLICHT) or request.user.is_staff


class NoStoreMiddleware:
    """Pages for logged-in users are never kept in a browser or proxy cache."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response

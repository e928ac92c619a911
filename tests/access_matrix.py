"""The access matrix as tests see it: every URL pattern × every principal → expected status.

This is the one place that says who may open what (DESIGN.md §4 made concrete for the URLs
that exist). ``tests/familieschool/test_access_matrix.py`` walks every URL pattern of the
project and fails for a pattern that is missing here.

Principals: the nine roles at "our" school, ``anoniem`` (not logged in) and ``andere_school``
(a coordinator of another school of the same board, whose view of our records must be 404).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from familieschool.roles import Rol

ROLLEN = [r.value for r in Rol]
ANONIEM = "anoniem"
ANDERE_SCHOOL = "andere_school"
PRINCIPALS = [*ROLLEN, ANONIEM, ANDERE_SCHOOL]

LOGIN = 302  # anonymous users are sent to the login page
OK = 200
FORBIDDEN = 403
NOT_FOUND = 404
REDIRECT = 302


@dataclass(frozen=True)
class Url:
    """How to call a URL and what each principal gets. A key "name#variant" calls the same URL
    once more with other objects. ``args`` names objects the test builds
    at our school ("uitnodiging", "lidmaatschap", "token", "school"); ``data`` is POSTed."""

    method: str = "get"
    args: tuple[str, ...] = ()
    kwargs: dict[str, str] = field(default_factory=dict)
    data: dict[str, str] = field(default_factory=dict)
    default: int = OK
    anoniem: int = LOGIN
    rollen: dict[str, int] = field(default_factory=dict)

    def expected(self, principal: str) -> int:
        if principal == ANONIEM:
            return self.anoniem
        return self.rollen.get(principal, self.default)


def alleen(rollen: set[str], *, ja: int, nee: int = FORBIDDEN, andere_school: int | None = None) -> dict[str, int]:
    """``ja`` for ``rollen``, ``nee`` for the other roles; ``andere_school`` for the outsider."""
    table = {rol: (ja if rol in rollen else nee) for rol in ROLLEN}
    table[ANDERE_SCHOOL] = (ja if Rol.COORDINATOR in rollen else nee) if andere_school is None else andere_school
    return table


BEHEER = {Rol.COORDINATOR, Rol.BEHEERDER}

MATRIX: dict[str, Url] = {
    # --- core pages ---------------------------------------------------------------------------
    "start": Url(),
    "school_switch": Url(
        method="post", data={"school": "@school"}, default=REDIRECT, rollen={ANDERE_SCHOOL: NOT_FOUND}
    ),
    "gebruiker_list": Url(rollen=alleen(BEHEER, ja=OK)),
    "uitnodiging_create": Url(rollen=alleen(BEHEER, ja=OK)),
    "uitnodiging_revoke": Url(
        method="post", args=("uitnodiging",), rollen=alleen(BEHEER, ja=REDIRECT, andere_school=NOT_FOUND)
    ),
    "lidmaatschap_toggle": Url(
        method="post", args=("lidmaatschap",), rollen=alleen(BEHEER, ja=REDIRECT, andere_school=NOT_FOUND)
    ),
    # The invitation link works without an account; a logged-in user sees whose invitation it is.
    "uitnodiging_accept": Url(args=("token",), anoniem=OK),
    "inzage_list": Url(rollen=alleen({Rol.BEHEERDER}, ja=OK)),
    "health": Url(anoniem=OK),
    # --- partners: the sociale kaart (DESIGN.md §4: RW coordinator and beheerder, R the rest) ---
    # One directory per board: the coordinator of another school of the same board reads and
    # edits the same partners (and its own school's collaboration). "partner" is a partner of
    # our board; another board's partner is a 404 (tests/partners/test_views.py).
    "partners:partner_list": Url(),
    "partners:partner_detail": Url(args=("partner",)),
    "partners:partner_create": Url(rollen=alleen(BEHEER, ja=OK)),
    "partners:partner_update": Url(args=("partner",), rollen=alleen(BEHEER, ja=OK)),
    "partners:partner_archive": Url(method="post", args=("partner",), rollen=alleen(BEHEER, ja=REDIRECT)),
    "partners:partner_restore": Url(method="post", args=("partner",), rollen=alleen(BEHEER, ja=REDIRECT)),
    "partners:samenwerking_update": Url(args=("partner",), rollen=alleen(BEHEER, ja=OK)),
    "partners:samenwerking_delete": Url(method="post", args=("partner",), rollen=alleen(BEHEER, ja=REDIRECT)),
    "partners:sociale_kaart_pdf": Url(),
    "partners:partner_export_csv": Url(),
    "partners:partner_export_xlsx": Url(),
    "partners:partner_import": Url(rollen=alleen(BEHEER, ja=OK)),
    # Without a (signed) payload the commit sends the user back to the upload page.
    "partners:partner_import_commit": Url(method="post", rollen=alleen(BEHEER, ja=REDIRECT)),
    # --- allauth: accounts ----------------------------------------------------------------------
    "account_login": Url(anoniem=OK, default=REDIRECT),
    "account_logout": Url(anoniem=REDIRECT),
    "account_inactive": Url(anoniem=OK),
    "account_signup": Url(anoniem=OK, default=REDIRECT),  # "sign-up closed" page: invitation only
    "account_reauthenticate": Url(),
    "account_email": Url(),
    "account_email_verification_sent": Url(anoniem=OK),
    "account_change_password": Url(),
    "account_set_password": Url(default=REDIRECT),  # has a password already → change instead
    "account_reset_password": Url(anoniem=OK),
    "account_reset_password_done": Url(anoniem=OK),
    "account_reset_password_from_key": Url(kwargs={"uidb36": "0", "key": "ongeldig-token"}, anoniem=OK),
    "account_reset_password_from_key_done": Url(anoniem=OK),
    "account_confirm_email": Url(kwargs={"key": "ongeldig"}, anoniem=OK),  # "invalid link" page
    "account_confirm_login_code": Url(anoniem=REDIRECT, default=REDIRECT),  # no login in progress
    # --- allauth: two-step verification ----------------------------------------------------------
    "mfa_index": Url(),
    "mfa_authenticate": Url(anoniem=REDIRECT, default=REDIRECT),  # only during a login
    # The board role reads no family data and has no TOTP: it reauthenticates by password.
    "mfa_reauthenticate": Url(rollen={Rol.BESTUUR: REDIRECT}),
    # Setting up TOTP or new recovery codes asks for a fresh authentication first.
    "mfa_activate_totp": Url(default=REDIRECT),
    "mfa_generate_recovery_codes": Url(default=REDIRECT),
    # Recovery codes and deactivation ask for a fresh authentication too; without TOTP (the
    # board role) there is nothing to deactivate or show.
    "mfa_deactivate_totp": Url(default=REDIRECT, rollen={Rol.BESTUUR: NOT_FOUND}),
    "mfa_view_recovery_codes": Url(default=REDIRECT, rollen={Rol.BESTUUR: NOT_FOUND}),
    "mfa_download_recovery_codes": Url(default=REDIRECT, rollen={Rol.BESTUUR: NOT_FOUND}),
}

# The Django admin: nobody in these personas is staff, so every admin URL sends them to the
# (allauth, MFA-protected) login; its login page refuses a logged-in non-staff user, and its
# logout leads back to the admin index (which sends them to the login).
ADMIN_EXPECTED = Url(default=REDIRECT, anoniem=REDIRECT)
ADMIN_SPECIAL = {
    "admin:login": Url(default=FORBIDDEN, anoniem=REDIRECT),
    "admin:logout": Url(default=REDIRECT, anoniem=REDIRECT),
}


def _merge_app_parts() -> None:
    """Each app's part of the table lives beside its tests; they all land in MATRIX."""
    from tests.access_matrix_activiteiten import ACTIVITEITEN
    from tests.access_matrix_bereik import BEREIK
    from tests.access_matrix_dashboard import DASHBOARD
    from tests.access_matrix_drukwerk import DRUKWERK
    from tests.access_matrix_fsp import FSP
    from tests.access_matrix_gezinnen import GEZINNEN
    from tests.access_matrix_herinneringen import HERINNERINGEN
    from tests.access_matrix_meldcode import MELDCODE
    from tests.access_matrix_ouders import OUDERS
    from tests.access_matrix_presentie import PRESENTIE
    from tests.access_matrix_rsvp import RSVP
    from tests.access_matrix_subsidies import SUBSIDIES

    for deel in (
        GEZINNEN,
        FSP,
        MELDCODE,
        ACTIVITEITEN,
        PRESENTIE,
        BEREIK,
        DRUKWERK,
        OUDERS,
        HERINNERINGEN,
        RSVP,
        SUBSIDIES,
        DASHBOARD,
    ):
        MATRIX.update(deel)


_merge_app_parts()

"""The gezinnen part of the access matrix (merged into tests/access_matrix.py MATRIX).

The objects ("gezin", "leerling", "groep", "verzorger", "importbatch", "doel") are built at our
school by tests/gezinnen/matrix_objects.py. The teacher persona teaches no group, so every pupil
is outside their scope (404); the begeleider has no activities yet (404)."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, ROLLEN, Url, alleen

HELE_SCHOOL = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.OKA, Rol.BUURTTEAM, Rol.SCHOOLLEIDER, Rol.BEHEERDER}
LEZEN = {r for r in ROLLEN if r != Rol.BESTUUR}
BEHEREN = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.BEHEERDER}
IMPORTEREN = {Rol.COORDINATOR, Rol.BEHEERDER}


def binnen_scope(rollen: set[str], *, ja: int = OK) -> dict[str, int]:
    """``ja`` for ``rollen``; roles that may read but not see this record: 404; the board: 403."""
    table = {}
    for rol in ROLLEN:
        if rol in rollen:
            table[rol] = ja
        elif rol in LEZEN and rol not in HELE_SCHOOL:
            table[rol] = NOT_FOUND  # teacher and begeleider: outside their scope
        else:
            table[rol] = FORBIDDEN
    table["andere_school"] = NOT_FOUND
    return table


def beheer_van_object(rollen: set[str], *, ja: int = OK) -> dict[str, int]:
    """Only ``rollen`` may act; the outsider is a coordinator who may act, but not on our record."""
    return alleen(rollen, ja=ja, andere_school=NOT_FOUND if Rol.COORDINATOR in rollen else FORBIDDEN)


MELDEN = LEZEN - {Rol.BEHEERDER}
SIGNALEN_LEZEN = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.OKA, Rol.BUURTTEAM, Rol.LEERKRACHT, Rol.BEGELEIDER}


def signaal(ja: set[str], *, ok: int = OK) -> dict[str, int]:
    """The "signaal" object: a geld signal logged by a colleague, routed to the buurtteam. Roles
    that read signals but not this one get 404; roles that read no signals 403."""
    table = {rol: ok if rol in ja else NOT_FOUND if rol in SIGNALEN_LEZEN else FORBIDDEN for rol in ROLLEN}
    table["andere_school"] = NOT_FOUND
    return table


OVERZICHT_EN_BEHANDELAAR = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.BUURTTEAM}

GEZINNEN: dict[str, Url] = {
    # --- signals ---
    "gezinnen:signaal_list": Url(rollen=alleen(SIGNALEN_LEZEN, ja=OK)),
    "gezinnen:signaal_create": Url(rollen=alleen(MELDEN, ja=OK)),
    "gezinnen:signaal_detail": Url(args=("signaal",), rollen=signaal(OVERZICHT_EN_BEHANDELAAR)),
    # Only the reporter sees the confirmation; none of the principals logged this one.
    "gezinnen:signaal_bevestiging": Url(
        args=("signaal",), rollen={**alleen(MELDEN, ja=NOT_FOUND), "andere_school": NOT_FOUND}
    ),
    "gezinnen:signaal_status": Url(
        method="post",
        args=("signaal",),
        data={"naar": "in_behandeling"},
        rollen=signaal(OVERZICHT_EN_BEHANDELAAR, ok=REDIRECT),
    ),
    "gezinnen:signaal_notitie": Url(
        method="post",
        args=("signaal",),
        data={"tekst": "Gebeld"},
        rollen=signaal(OVERZICHT_EN_BEHANDELAAR, ok=REDIRECT),
    ),
    "gezinnen:signaal_toewijzen": Url(
        method="post", args=("signaal",), rollen=beheer_van_object({Rol.COORDINATOR}, ja=REDIRECT)
    ),
    "gezinnen:routering": Url(rollen=alleen({Rol.COORDINATOR}, ja=OK)),
    # --- pupils and families ---
    "gezinnen:gezin_list": Url(rollen={**alleen(LEZEN, ja=OK), Rol.BEGELEIDER: FORBIDDEN}),
    "gezinnen:gezin_detail": Url(args=("gezin",), rollen=binnen_scope(HELE_SCHOOL)),
    "gezinnen:gezin_merge": Url(args=("gezin",), rollen=beheer_van_object(BEHEREN)),
    "gezinnen:gezin_split": Url(args=("gezin",), rollen=beheer_van_object(BEHEREN)),
    "gezinnen:toestemming_update": Url(args=("gezin", "doel"), rollen=beheer_van_object(BEHEREN)),
    "gezinnen:verzorger_update": Url(args=("verzorger",), rollen=beheer_van_object(BEHEREN)),
    "gezinnen:leerling_list": Url(rollen=alleen(LEZEN, ja=OK)),
    "gezinnen:leerling_zoek": Url(rollen=alleen(LEZEN, ja=OK)),
    "gezinnen:leerling_detail": Url(args=("leerling",), rollen=binnen_scope(HELE_SCHOOL)),
    "gezinnen:groep_list": Url(rollen=alleen(LEZEN, ja=OK)),
    "gezinnen:groep_detail": Url(args=("groep",), rollen=binnen_scope(HELE_SCHOOL)),
    "gezinnen:import_list": Url(rollen=alleen(IMPORTEREN, ja=OK)),
    "gezinnen:import_detail": Url(args=("importbatch",), rollen=beheer_van_object(IMPORTEREN)),
    "gezinnen:import_voortgang": Url(args=("importbatch",), rollen=beheer_van_object(IMPORTEREN)),
    "gezinnen:import_approve": Url(
        method="post", args=("importbatch",), rollen=beheer_van_object(IMPORTEREN, ja=REDIRECT)
    ),
    "gezinnen:import_reject": Url(
        method="post", args=("importbatch",), rollen=beheer_van_object(IMPORTEREN, ja=REDIRECT)
    ),
    "gezinnen:gezin_export_pdf": Url(args=("gezin",), rollen=alleen({Rol.BEHEERDER}, ja=OK)),
    "gezinnen:gezin_export_json": Url(args=("gezin",), rollen=alleen({Rol.BEHEERDER}, ja=OK)),
    "gezinnen:bewaartermijn": Url(rollen=alleen({Rol.BEHEERDER}, ja=OK)),
    "gezinnen:bewaartermijn_uitvoeren": Url(
        method="post", data={"bevestig": "on"}, rollen=alleen({Rol.BEHEERDER}, ja=REDIRECT)
    ),
}

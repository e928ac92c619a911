"""The fsp part of the access matrix (merged into tests/access_matrix.py MATRIX). Objects are
built at our school by tests/gezinnen/matrix_objects_fsp.py.

DESIGN.md §4: FSP questions and intakes — coordinator status only, brugfunctionaris W + status,
OKA and Buurtteam RW, the school leader and the board counts only (no page here), the rest
nothing. The outsider is a coordinator of another school: the status pages of its own school
open (200), our records are a 404, and the FSP's writing pages are a 403 for any coordinator."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import NOT_FOUND, OK, REDIRECT, Url, alleen

STATUS = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.OKA, Rol.BUURTTEAM}
BEHANDELEN = {Rol.BRUGFUNCTIONARIS, Rol.OKA, Rol.BUURTTEAM}
SPREEKUREN = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS}


def behandelen(*, ja: int = OK) -> dict[str, int]:
    return alleen(BEHANDELEN, ja=ja)


FSP: dict[str, Url] = {
    "gezinnen:fsp_overzicht": Url(rollen=alleen(STATUS, ja=OK)),
    "gezinnen:spreekuur_create": Url(rollen=alleen(SPREEKUREN, ja=OK)),
    "gezinnen:spreekuur_update": Url(args=("spreekuur",), rollen=alleen(SPREEKUREN, ja=OK, andere_school=NOT_FOUND)),
    # --- walk-in questions ---
    "gezinnen:vraag_create": Url(rollen=behandelen()),
    "gezinnen:fsp_gezin_zoek": Url(rollen=behandelen()),
    "gezinnen:vraag_bevestiging": Url(args=("vraag",), rollen=behandelen()),
    # --- intakes: the coordinator reads the status, only the FSP roles write ---
    "gezinnen:hulpvraag_list": Url(rollen=alleen(STATUS, ja=OK)),
    "gezinnen:hulpvraag_create": Url(rollen=behandelen()),
    "gezinnen:hulpvraag_detail": Url(args=("hulpvraag",), rollen=alleen(STATUS, ja=OK, andere_school=NOT_FOUND)),
    "gezinnen:hulpvraag_update": Url(args=("hulpvraag",), rollen=behandelen()),
    "gezinnen:hulpvraag_status": Url(
        method="post", args=("hulpvraag",), data={"status-naar": "lopend"}, rollen=behandelen(ja=REDIRECT)
    ),
    "gezinnen:contactmoment_create": Url(method="post", args=("hulpvraag",), rollen=behandelen(ja=REDIRECT)),
    "gezinnen:actiepunt_create": Url(method="post", args=("hulpvraag",), rollen=behandelen(ja=REDIRECT)),
    "gezinnen:afspraak_create": Url(method="post", args=("hulpvraag",), rollen=behandelen(ja=REDIRECT)),
    "gezinnen:actiepunt_gedaan": Url(method="post", args=("actiepunt",), rollen=behandelen(ja=REDIRECT)),
    # --- referrals ---
    "gezinnen:doorverwijzing_list": Url(rollen=alleen(STATUS, ja=OK)),
    "gezinnen:doorverwijzing_create": Url(rollen=behandelen()),
    "gezinnen:doorverwijzing_detail": Url(
        args=("doorverwijzing",), rollen=alleen(STATUS, ja=OK, andere_school=NOT_FOUND)
    ),
    "gezinnen:doorverwijzing_reactie": Url(method="post", args=("doorverwijzing",), rollen=behandelen(ja=REDIRECT)),
    "gezinnen:doorverwijzing_afronden": Url(method="post", args=("doorverwijzing",), rollen=behandelen(ja=REDIRECT)),
}

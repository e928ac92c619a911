"""The meldcode part of the access matrix (merged into tests/access_matrix.py MATRIX). Objects are
built at our school by tests/gezinnen/matrix_objects_meldcode.py.

DESIGN.md §4: "RW if aandachtsfunctionaris" for oka and buurtteam, nothing for anyone else. The
walk's oka and buurtteam have the right but not the flag, so for them a case (and the signal it
is opened from) does not exist: 404. Every other role lacks the right: 403, as does the outsider
(a coordinator of another school). The aandachtsfunctionaris herself is covered by
tests/gezinnen/test_meldcode.py (the walk has no persona with the flag)."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import FORBIDDEN, NOT_FOUND, Url, alleen

MET_RECHT = {Rol.OKA, Rol.BUURTTEAM}
ZAAK = alleen(MET_RECHT, ja=NOT_FOUND)

MELDCODE: dict[str, Url] = {
    # The list is for the aandachtsfunctionaris only; without the flag: 403 (it reveals nothing).
    "gezinnen:meldcodezaak_list": Url(rollen=alleen(MET_RECHT, ja=FORBIDDEN)),
    "gezinnen:meldcodezaak_create": Url(args=("meldcode_signaal",), rollen=ZAAK),
    "gezinnen:meldcodezaak_detail": Url(args=("meldcodezaak",), rollen=ZAAK),
    "gezinnen:meldcodestap_create": Url(
        method="post",
        args=("meldcodezaak", "meldcode_stap"),
        data={"stap1-datum": "2026-01-05", "stap1-feiten": "Blauwe plek"},
        rollen=ZAAK,
    ),
    "gezinnen:afweging_create": Url(
        method="post",
        args=("meldcodezaak",),
        data={
            "afweging-vraag": "1",
            "afweging-antwoord": "ja",
            "afweging-toelichting": "x",
            "afweging-datum": "2026-01-05",
        },
        rollen=ZAAK,
    ),
    "gezinnen:meldcodezaak_besluit": Url(
        method="post",
        args=("meldcodezaak",),
        data={"besluit-besluit": "geen_vermoeden", "besluit-besluit_toelichting": "x"},
        rollen=ZAAK,
    ),
}

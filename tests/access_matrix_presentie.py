"""The presentie part of the access matrix, merged into tests/access_matrix.py MATRIX.
Objects are built at our school by tests/activiteiten/matrix_objects.py.

DESIGN.md §4: activities, blocks, sessions, enrolment — coordinator RW; every other role of the
school R, a begeleider only the activities they lead; the board counts only (no page here).
Attendance — coordinator and brugfunctionaris RW, leerkracht and begeleider RW for their own
activities, the school leader R.

"bijeenkomst" (3 November) belongs to the activity the begeleider and leerkracht personas lead,
with one placed child; "bijeenkomst_ander" to an activity nobody leads, without children. A
begeleider does not see another activity (404); a leerkracht reads every activity but not its
register (403). The school leader reads a register (200) and may not save it (403)."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, REDIRECT, Url, alleen

REGISTREREN = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.LEERKRACHT, Rol.BEGELEIDER}
LEZEN = REGISTREREN | {Rol.SCHOOLLEIDER}
AANDACHT = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS}

PRESENTIE: dict[str, Url] = {
    "activiteiten:presentie_vandaag": Url(rollen=alleen(REGISTREREN, ja=OK)),
    "activiteiten:presentie_registreren": Url(
        args=("bijeenkomst",), rollen=alleen(LEZEN, ja=OK, andere_school=NOT_FOUND)
    ),
    "activiteiten:presentie_registreren#niet_eigen": Url(
        args=("bijeenkomst_ander",),
        rollen=alleen(LEZEN, ja=OK, andere_school=NOT_FOUND) | {Rol.LEERKRACHT: FORBIDDEN, Rol.BEGELEIDER: NOT_FOUND},
    ),
    # Minutes only, no child marked: the form comes back with a message per child (200), the
    # same for everyone who may register; nothing is saved.
    "activiteiten:presentie_registreren#opslaan": Url(
        method="post",
        args=("bijeenkomst",),
        data={"werkelijke_minuten": "60"},
        rollen=alleen(REGISTREREN, ja=OK, andere_school=NOT_FOUND),
    ),
    # No child placed: minutes alone are a complete register, saved (302) by who may.
    "activiteiten:presentie_registreren#niet_eigen_opslaan": Url(
        method="post",
        args=("bijeenkomst_ander",),
        data={"werkelijke_minuten": "60"},
        rollen=alleen(AANDACHT, ja=REDIRECT, andere_school=NOT_FOUND) | {Rol.BEGELEIDER: NOT_FOUND},
    ),
    "activiteiten:presentie_aandacht": Url(rollen=alleen(AANDACHT, ja=OK)),
    "activiteiten:opvolging_afhandelen": Url(
        method="post",
        args=("inschrijving",),
        data={"tot_en_met": "2026-11-10"},
        rollen=alleen(AANDACHT, ja=REDIRECT, andere_school=NOT_FOUND),
    ),
}

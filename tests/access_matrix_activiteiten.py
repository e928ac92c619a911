"""The activiteiten part of the access matrix, merged into tests/access_matrix.py MATRIX.
Objects are built at our school by tests/activiteiten/matrix_objects.py.

DESIGN.md §4: activities, blocks, sessions, enrolment — coordinator RW; every other role of the
school R, a begeleider only the activities they lead; the board counts only (no page here).
Attendance — coordinator and brugfunctionaris RW, leerkracht and begeleider RW for their own
activities, the school leader R."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import NOT_FOUND, OK, Url, alleen

LEZEN = set(Rol) - {Rol.BESTUUR}

ACTIVITEITEN: dict[str, Url] = {
    "activiteiten:activiteit_list": Url(rollen=alleen(LEZEN, ja=OK)),
    "activiteiten:activiteit_detail": Url(args=("activiteit",), rollen=alleen(LEZEN, ja=OK, andere_school=NOT_FOUND)),
    # Not led by the begeleider persona: outside their scope.
    "activiteiten:activiteit_detail#niet_eigen": Url(
        args=("activiteit_ander",), rollen=alleen(LEZEN, ja=OK, andere_school=NOT_FOUND) | {Rol.BEGELEIDER: NOT_FOUND}
    ),
}

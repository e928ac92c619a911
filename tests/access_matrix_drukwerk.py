"""The drukwerk part of the access matrix, merged into tests/access_matrix.py MATRIX.
Objects are built at our school by tests/activiteiten/matrix_objects.py.

DESIGN.md §4: activities, blocks, sessions, enrolment — coordinator RW; every other role of the
school R, a begeleider only the activities they lead; the board counts only (no page here).
Attendance — coordinator and brugfunctionaris RW, leerkracht and begeleider RW for their own
activities, the school leader R.

The attendance lists name children and show their attendance: they follow the attendance row.
The matrix activity is led by the leerkracht and begeleider personas; on ``*_ander`` (led by
nobody) the leerkracht gets a 403 and the begeleider, for whom it is out of scope, a 404. The
booklet holds no personal data: every role that reads activities prints it. Without ``?blok=``
it shows the school's current block; the other school has none, hence its 404."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import FORBIDDEN, NOT_FOUND, OK, Url, alleen

LEZEN = set(Rol) - {Rol.BESTUUR}
PRESENTIE_LEZEN = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.LEERKRACHT, Rol.BEGELEIDER, Rol.SCHOOLLEIDER}

EIGEN = alleen(PRESENTIE_LEZEN, ja=OK, andere_school=NOT_FOUND)
NIET_EIGEN = EIGEN | {Rol.LEERKRACHT: FORBIDDEN, Rol.BEGELEIDER: NOT_FOUND}

DRUKWERK: dict[str, Url] = {
    "activiteiten:presentielijst_pdf": Url(args=("bijeenkomst",), rollen=EIGEN),
    "activiteiten:presentielijst_pdf#niet_eigen": Url(args=("bijeenkomst_ander",), rollen=NIET_EIGEN),
    "activiteiten:presentielijsten_pdf": Url(args=("activiteit",), rollen=EIGEN),
    "activiteiten:presentielijsten_pdf#niet_eigen": Url(args=("activiteit_ander",), rollen=NIET_EIGEN),
    "activiteiten:boekje_pdf": Url(rollen=alleen(LEZEN, ja=OK, andere_school=NOT_FOUND)),
    "activiteiten:boekje": Url(rollen=alleen(LEZEN, ja=OK)),
}

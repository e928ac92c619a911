"""The dashboard part of the access matrix, merged into tests/access_matrix.py MATRIX.

DESIGN.md §4: the school dashboard for coordinator, brugfunctionaris, school leader, board and
functional admin; the board dashboard (all schools) for board and functional admin. The other
school's coordinator sees their own school's dashboard. The drill-down takes a school of the
board ("school" is ours): a board role opens it, everyone else is refused before the school is
looked at (403); a school of another board is a 404 (tests/dashboard)."""

from __future__ import annotations

from familieschool.roles import Rol
from tests.access_matrix import FORBIDDEN, OK, Url, alleen

SCHOOL = {Rol.COORDINATOR, Rol.BRUGFUNCTIONARIS, Rol.SCHOOLLEIDER, Rol.BESTUUR, Rol.BEHEERDER}
BESTUUR = {Rol.BESTUUR, Rol.BEHEERDER}

DASHBOARD: dict[str, Url] = {
    "dashboard:school": Url(rollen=alleen(SCHOOL, ja=OK)),
    "dashboard:school_pdf": Url(rollen=alleen(SCHOOL, ja=OK)),
    "dashboard:bestuur": Url(rollen=alleen(BESTUUR, ja=OK, andere_school=FORBIDDEN)),
    "dashboard:bestuur_school": Url(args=("school",), rollen=alleen(BESTUUR, ja=OK, andere_school=FORBIDDEN)),
}
